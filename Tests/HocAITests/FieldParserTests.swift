import HocAI
import Testing

@Suite("National ID (CCCD)")
struct NationalIDTests {
    @Test func readsTwelveDigitsAsClerksWriteThem() throws {
        #expect(try NationalID.parse("019085000123").get().digits == "019085000123")
        #expect(try NationalID.parse(" 019 085 000 123 ").get().digits == "019085000123")
        #expect(try NationalID.parse("'019085000123").get().digits == "019085000123")
    }

    @Test(arguments: [
        ("19085000123", NationalID.Problem.leadingZeroLost),
        ("1.92029E+11", .scientificNotation),
        ("1,92029E+11", .scientificNotation),
        ("085000123", .oldIdentityCard),
        ("0190850001234", .malformed),
        ("01908500012X", .malformed),
        ("003085000123", .unknownProvince),
        ("", .missing),
    ])
    func refusesWhatExcelDamaged(_ input: String, _ problem: NationalID.Problem) {
        #expect(throws: problem) { try NationalID.parse(input).get() }
    }

    @Test func digitFourAndFiveSixAgreeWithBirthAndSex() throws {
        let born1985 = CalendarDate(year: 1985, month: 2, day: 1)!
        let born2003 = CalendarDate(year: 2003, month: 2, day: 1)!
        #expect(try NationalID.parse("019085000123").get().mismatch(bornOn: born1985, sex: .male) == nil)
        #expect(try NationalID.parse("019185000123").get().mismatch(bornOn: born1985, sex: .female) == nil)
        #expect(try NationalID.parse("019203000123").get().mismatch(bornOn: born2003, sex: .male) == nil)
        #expect(try NationalID.parse("019303000123").get().mismatch(bornOn: born2003, sex: .female) == nil)
        #expect(try NationalID.parse("019285000123").get().mismatch(bornOn: born1985, sex: .male) == .century)
        #expect(try NationalID.parse("019185000123").get().mismatch(bornOn: born1985, sex: .male) == .sex)
        #expect(try NationalID.parse("019086000123").get().mismatch(bornOn: born1985, sex: .male) == .birthYear)
    }

    @Test func masksForScreens() throws {
        #expect(try NationalID.parse("019085000198").get().masked == "019*******98")
        #expect("\(try NationalID.parse("019085000198").get())" == "019*******98")
    }
}

@Suite("Dates")
struct CalendarDateTests {
    @Test(arguments: [
        ("05/09/1990", "1990-09-05"), ("5/9/1990", "1990-09-05"), ("05-09-1990", "1990-09-05"), ("05.09.1990", "1990-09-05"),
        ("1990-09-05", "1990-09-05"), ("1990-09-05 00:00:00", "1990-09-05"), ("33121", "1990-09-05"), ("33121.5", "1990-09-05"),
        ("29/02/2000", "2000-02-29"), ("1", nil), ("31/02/1990", nil), ("29/02/1900", nil), ("13/13/1990", nil),
        ("1990/09/05x", nil), ("", nil), ("abc", nil), ("05/09/90", nil),
    ] as [(String, String?)])
    func parsesTheFormsSpreadsheetsGive(_ input: String, _ expected: String?) {
        #expect(CalendarDate.parse(input)?.description == expected)
    }

    @Test func arithmeticRoundTripsAndAges() {
        let date = CalendarDate(year: 2024, month: 2, day: 29)!
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(date.adding(months: 12).description == "2025-02-28")
        #expect(date.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDate(year: 1990, month: 9, day: 5)!.years(until: CalendarDate(year: 2025, month: 9, day: 4)!) == 34)
        #expect(CalendarDate(year: 1990, month: 9, day: 5)!.years(until: CalendarDate(year: 2025, month: 9, day: 5)!) == 35)
    }
}

@Suite("Sex, phone, names")
struct SmallFieldTests {
    @Test func sexInEveryForm() {
        for male in ["Nam", "nam", "NAM", "Male", "M", "m"] { #expect(Sex(spreadsheetValue: male) == .male, "\(male)") }
        for female in ["Nữ", "nữ", "NỮ", "Nu", "Female", "F", "Nữ".decomposedStringWithCanonicalMapping] {
            #expect(Sex(spreadsheetValue: female) == .female, "\(female)")
        }
        #expect(Sex(spreadsheetValue: "X") == nil)
    }

    @Test(arguments: [
        ("0912345678", "+84912345678"), ("0912 345 678", "+84912345678"), ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"), ("912345678", "+84912345678"), ("0388.123.456", "+84388123456"),
        ("0521234567", nil), ("0123", nil), ("0212345678", nil), ("09123456789", nil), ("abc", nil),
        ("0592345678", "+84592345678"), ("0992345678", nil), ("0993345678", "+84993345678"),
    ] as [(String, String?)])
    func phonesBecomeE164(_ input: String, _ expected: String?) {
        let outcome = PhoneNumber.parse(input)
        if case .converted = outcome { Issue.record("\(input) is not an old number") }
        #expect(outcome.mobile?.e164 == expected, "\(input)")
    }

    @Test func oldElevenDigitNumbersAreConverted() {
        #expect(PhoneNumber.parse("01691234567") == .converted(PhoneNumber.parse("0391234567").mobile!))
        #expect(PhoneNumber.parse("01201234567") == .converted(PhoneNumber.parse("0701234567").mobile!))
    }

    @Test func namesAreCleanedAndFormulasRefused() throws {
        #expect(try PersonName.parse("  nguyễn   văn\tan ").get().text == "nguyễn văn an")
        #expect(try PersonName.parse("Nguyễn Văn An".decomposedStringWithCanonicalMapping).get().text.unicodeScalars.count == 13)
        #expect(throws: PersonName.Problem.formula) { try PersonName.parse("=SUM(A1)").get() }
        #expect(throws: PersonName.Problem.invalidCharacters) { try PersonName.parse("An 2").get() }
        #expect(throws: PersonName.Problem.missing) { try PersonName.parse("   ").get() }
        #expect(try PersonName.parse("Nguyễn Văn An").get().masked == "Nguyễn V. A.")
    }

    @Test func legacyEncodingsAreDetectedAndRealNamesAreNot() {
        for tcvn3 in ["NguyÔn V¨n An", "TrÇn ThÞ B×nh", "§inh C­êng", "Hoµng"] {
            #expect(LegacyVietnameseEncoding.detect(in: tcvn3) == .tcvn3, "\(tcvn3)")
        }
        for vni in ["Nguyeãn Vaên An", "Traàn Thò Bình", "Ñinh Cöôøng", "Leâ Thò Hoa", "Lyù"] {
            #expect(LegacyVietnameseEncoding.detect(in: vni) == .vni, "\(vni)")
        }
        // Every name part the sample generator uses, and some tricky real names, are plain Unicode.
        let real = ["Nguyễn Văn An", "Hoàng Thị Hoài", "Doãn Quân", "Khuê", "Thoả", "Quãng", "Ngoãn", "Đoàn Huệ", "Toàn Thuỷ"]
        for name in real { #expect(LegacyVietnameseEncoding.detect(in: name) == nil, "\(name)") }
    }
}

extension PhoneNumber.Outcome {
    var valid: PhoneNumber? { if case .valid(let phone) = self { phone } else { nil } }
}

@Suite("Found by fuzzing")
struct FuzzRegressionTests {
    /// A combining mark after white space: cleaning must be idempotent and the name refused.
    @Test func aMarkWithNoLetterIsNotAName() throws {
        let input = "NN\u{0B}\u{0B}\u{0301} ccc\u{0B}u\u{031B}o"
        let once = VietnameseText.clean(input)
        #expect(VietnameseText.clean(once) == once)
        #expect(Array(VietnameseText.clean(once).unicodeScalars) == Array(once.unicodeScalars))
        #expect(throws: PersonName.Problem.invalidCharacters) { try PersonName.parse(input).get() }
        #expect(throws: PersonName.Problem.invalidCharacters) { try PersonName.parse("\u{0301}An").get() }
        #expect(try PersonName.parse("Nguye\u{0302}\u{0303}n\u{0B}Văn").get().text == "Nguyễn Văn")
    }
}
