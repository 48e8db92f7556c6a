@testable import HocAI
import Testing

/// The learners' chart on its own scale: a count at 0.5% of the target is a readable line, the
/// target is marked, and every axis label is the value it stands at.
struct ProgressChartTests {
    @Test func theAxisEndsAtARoundNumberAtOrAboveTheHighestValue() {
        for (value, top) in [(0, 10), (1, 1), (7, 10), (11, 20), (1_750, 2_000), (2_300, 2_500), (2_600, 5_000), (500_000, 500_000), (500_001, 1_000_000)] {
            #expect(ProgressChart.niceCeiling(value) == top, "\(value)")
        }
    }

    private func report(monthly: [Int], target: Int) -> ProgressReport {
        let asOf = CalendarDate(year: 2025, month: monthly.count, day: 28)!
        let learners = ProgressReport.Target(
            group: .learners, target: target, deadline: CalendarDate(year: 2025, month: 12, day: 31)!, achieved: monthly.last ?? 0,
            achievedAtDeadline: nil, metByDeadline: nil, dateMet: nil, dailyRate: 10, neededDailyRate: 100, projectedDate: nil, revoked: 0)
        return ProgressReport(
            asOf: asOf, targets: [learners], learners: .init(participants: 0, certified: 0, achievedWorkingAge: 0),
            learnerChange: .init(since: asOf.adding(days: -28), change: 0, leftWorkingAge: 0, revoked: 0), dimension: nil, breakdown: [],
            monthly: monthly.enumerated().map { (CalendarDate(year: 2025, month: $0.offset + 1, day: 1)!, $0.element) })
    }

    private func ticks(_ svg: String) -> [Int] {
        svg.matches(of: /data-tick="(\d+)"/).map { Int($0.1)! }
    }

    @Test func aHalfPercentOfTheTargetIsReadableAndTheTargetIsNotedAboveTheScale() {
        let svg = ProgressChart(report: report(monthly: [300, 900, 1_600, 2_500], target: 500_000), language: .vi).svg
        #expect(ticks(svg) == [0, 625, 1_250, 1_875, 2_500], "the axis reaches the highest count, and its top label says so")
        #expect(svg.contains(">2.500</text>"))
        #expect(!svg.contains("class=\"target\""))
        #expect(svg.contains("Chỉ tiêu 500.000: gấp 200 lần số đã đạt"))
        // The last point is at the top of the plot, the first well above the axis.
        let circles = svg.matches(of: /cy="([0-9.]+)"/).map { Double($0.1)! }
        #expect(circles.count == 4)
        #expect(circles.last! < circles.first! - 150)
    }

    @Test func aTargetWithinReachIsDrawnOnTheScale() {
        let svg = ProgressChart(report: report(monthly: [100_000, 250_000, 400_000], target: 500_000), language: .en).svg
        #expect(ticks(svg).last == 500_000)
        #expect(svg.contains("data-target=\"500000\""))
        #expect(svg.contains("class=\"target\""))
        #expect(svg.contains(">500,000</text>"))
    }

    /// The HTML report's one style block is the one its Content-Security-Policy hashes, and it
    /// has no inline style attribute.
    @Test func theHTMLReportsStyleIsTheOneItsPolicyNames() {
        let html = report(monthly: [100, 200], target: 500_000).rendered(as: .html, language: .vi)
        #expect(!html.contains("style=\""))
        #expect(html.contains("<style>\(ReportHTML.style)</style>"))
        #expect(ProgressReport.htmlContentSecurityPolicy.contains(ReportHTML.styleHash))
        #expect(!ProgressReport.htmlContentSecurityPolicy.contains("unsafe-inline"))
    }
}
