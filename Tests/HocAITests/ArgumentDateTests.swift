import Testing
@testable import HocAI

/// One rule for a date given as an argument (`--as-of`, `--date`, `--today`, the API's `as_of`
/// and `date`, the instructor's date picker): exactly `yyyy-mm-dd`. Roster cells keep their
/// wider reading (`CalendarDate.parse`).
struct ArgumentDateTests {
    @Test func onlyYearMonthDayIsADateArgument() {
        #expect(CalendarDate(iso: "2025-09-05") == CalendarDate(year: 2025, month: 9, day: 5))
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        for text in ["05/09/2025", "2025-9-05", "2025-09-5", "2025-13-01", "2025-02-30", "2023-02-29", "33970", "2025-09-05 ",
                     " 2025-09-05", "2025-09-05T00:00", "2025/09/05", "２０２５-09-05", ""] {
            #expect(CalendarDate(iso: text) == nil, "\(text)")
        }
        #expect(CalendarDate.parse("05/09/2025") == CalendarDate(year: 2025, month: 9, day: 5), "a roster's cell still reads")
    }
}
