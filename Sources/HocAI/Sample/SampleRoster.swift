import Foundation

/// Generates realistic rosters for the demo, the tests and the benchmarks: people whose CCCD
/// agrees with their birth date, sex and a province code (019 Thái Nguyên and 006 Bắc Kạn mostly),
/// the 92 communes written as clerks write them, valid mobile numbers, classes and results.
///
/// The same seed gives the same people, so a learner roster can name instructors that an
/// instructor roster generated with that seed certifies, and those instructors' trainers are the
/// experts of the experts roster. `messy` injects every defect the importer must catch, each at a
/// known rate, and `expected` says how many rows of each kind were made.
public struct SampleRoster {
    public struct Settings: Sendable {
        public var kind: RosterKind
        public var rows: Int
        public var seed: UInt64 = 1
        /// The seed of the experts and instructors this roster refers to (default: `seed`).
        public var cascadeSeed: UInt64?
        /// Class codes start with this centre code; learners' classes are at this centre.
        public var centerCode = "TT01"
        /// How many experts and instructors the generated cascade has.
        public var experts = 30
        public var instructors = 300
        /// Learners per class.
        public var classSize = 35
        /// Share of learner rows that carry a result.
        public var resultRate = 0.7
        /// Per-defect rate in messy mode (each defect kind gets this share of rows).
        public var defectRate = 0.0
        /// Rates of particular defects, where they differ from `defectRate`.
        public var defectRates: [Defect: Double] = [:]

        /// Each defect's share of rows.
        func rate(of defect: Defect) -> Double { defectRates[defect] ?? defectRate }
        /// "Today" for ages and dates.
        public var today = Settings.defaultToday
        public static let defaultToday = CalendarDate(year: 2025, month: 11, day: 30)!
        /// The communes people live in (the official list, from `CommuneDirectory.shipped`).
        public var communes: [Commune]

        public init(kind: RosterKind, rows: Int, communes: [Commune]) {
            self.kind = kind
            self.rows = rows
            self.communes = communes
        }
    }

    /// Defects injected in messy mode, each with the reject code (or warning) it must produce.
    public enum Defect: CaseIterable, Sendable {
        case leadingZeroLost, scientificNotation, oldIdentityCard, unknownProvince, centuryMismatch
        case badDate, futureDate, badSex, unknownCommune, formulaName, digitName, badPhone
        case identicalDuplicate, conflictingDuplicate

        /// The code the importer gives the row.
        public var code: RosterIssue.Code {
            switch self {
            case .leadingZeroLost: .nationalIDLeadingZeroLost
            case .scientificNotation: .nationalIDScientificNotation
            case .oldIdentityCard: .nationalIDOldIdentityCard
            case .unknownProvince: .nationalIDUnknownProvince
            case .centuryMismatch: .nationalIDCenturyMismatch
            case .badDate: .dateInvalid
            case .futureDate: .dateFuture
            case .badSex: .sexInvalid
            case .unknownCommune: .communeUnknown
            case .formulaName: .fullNameFormula
            case .digitName: .fullNameInvalidCharacters
            case .badPhone: .phoneInvalid
            case .identicalDuplicate: .rowDuplicate
            case .conflictingDuplicate: .personConflictInFile
            }
        }

        /// Whether the importer keeps the row (with a warning, or as a duplicate).
        public var keepsRow: Bool { self == .badPhone || self == .identicalDuplicate }
    }

    public let settings: Settings
    public private(set) var expected: [Defect: Int] = [:]

    public init(settings: Settings) {
        self.settings = settings
    }

    /// A person of the cascade, the same for the same seed, group and index.
    struct Person {
        var name: String
        var id: String
        var born: CalendarDate
        var male: Bool
        var phone: String
        var commune: Int
    }

    static func person(
        seed: UInt64, group: UInt64, index: Int, today: CalendarDate, ages: ClosedRange<Int>, communes: Int = 92,
        serials: inout [String: Int]?
    ) -> Person {
        var random = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ group &* 0x1_0000_0000 &+ UInt64(index))
        let male = random.chance(0.49)
        let family = random.pick(VietnameseNames.family)
        let middle = random.pick(male ? VietnameseNames.maleMiddle : VietnameseNames.femaleMiddle)
        let given = random.pick(male ? VietnameseNames.maleGiven : VietnameseNames.femaleGiven)
        let age = Int.random(in: ages, using: &random)
        let born = CalendarDate(year: today.year - age - 1, month: 1, day: 1)!.adding(days: Int.random(in: 0..<365, using: &random))
        let province = random.pick([("019", 60), ("006", 20), ("001", 4), ("020", 4), ("024", 3), ("004", 3), ("008", 3), ("010", 3)])
        let centuryDigit = (born.year / 100 - 19) * 2 + (male ? 0 : 1)
        let yy = born.year % 100
        // Digits 7-12: experts and instructors take fixed ranges by seed and index (9xxxxx, 8xxxxx),
        // so other rosters can name them; learners take a running number per prefix (`serials`).
        let prefix = province + String(centuryDigit) + (yy < 10 ? "0" : "") + String(yy)
        let id: String
        switch group {
        case expertGroup: id = prefix + String(900_000 + Int(seed % 100) * 1000 + index % 1000)
        case instructorGroup: id = prefix + String(800_000 + Int(seed % 10) * 10_000 + index % 10_000)
        default:
            // Each seed starts its running numbers elsewhere, so rosters of two seeds are different people.
            let serial = serials?[prefix, default: Int(seed % 700) * 1000] ?? 0
            serials?[prefix] = serial + 1
            id = prefix + String(format: "%06d", serial)
        }
        let prefixes = ["91", "94", "88", "83", "84", "85", "81", "82", "98", "97", "96", "86", "32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "56", "58", "59"]
        let phone = "0" + prefixes[Int.random(in: 0..<prefixes.count, using: &random)] + String(format: "%07d", Int.random(in: 0..<10_000_000, using: &random))
        let commune = Int.random(in: 0..<max(communes, 1), using: &random)
        return Person(name: "\(family) \(middle) \(given)", id: id, born: born, male: male, phone: phone, commune: commune)
    }

    static let expertGroup: UInt64 = 1, instructorGroup: UInt64 = 2, learnerGroup: UInt64 = 3

    /// The CCCD of expert or instructor `index` for a seed (what other rosters refer to).
    public static func expertID(seed: UInt64, index: Int, today: CalendarDate) -> String {
        var none: [String: Int]?
        return person(seed: seed, group: expertGroup, index: index, today: today, ages: 35...58, serials: &none).id
    }

    public static func instructorID(seed: UInt64, index: Int, today: CalendarDate) -> String {
        var none: [String: Int]?
        return person(seed: seed, group: instructorGroup, index: index, today: today, ages: 25...55, serials: &none).id
    }

    public var header: [String] {
        let person = ["STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Số điện thoại", "Xã/Phường"]
        switch settings.kind {
        case .experts: return person + ["Ngày công nhận"]
        case .instructors: return person + ["Ngày công nhận", "CCCD chuyên gia"]
        case .learners: return person + ["Mã lớp", "CCCD giảng viên", "Ngày đăng ký", "Ngày hoàn thành", "Kết quả", "Điểm"]
        case .completions: return ["Số CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "Điểm"]
        }
    }

    /// Calls `body` with each row's cells (as a clerk's Excel holds them).
    public mutating func generate(_ body: ([String]) throws -> Void) rethrows {
        var random = SeededGenerator(seed: settings.seed &+ 0xD1CE)
        let defects = Defect.allCases.filter { settings.rate(of: $0) > 0 }
        let totalRate = defects.reduce(0) { $0 + settings.rate(of: $1) }
        var previous: [String]?
        let group: UInt64
        let ages: ClosedRange<Int>
        switch settings.kind {
        case .experts: group = Self.expertGroup; ages = 35...58
        case .instructors: group = Self.instructorGroup; ages = 25...55
        case .learners, .completions: group = Self.learnerGroup; ages = 16...70
        }
        let today = settings.today
        var serials: [String: Int]? = [:]
        for index in 0..<settings.rows {
            let p = Self.person(
                seed: settings.seed, group: group, index: index, today: today, ages: ages, communes: settings.communes.count,
                serials: &serials)
            var name = p.name, id = p.id, sex = p.male ? "Nam" : "Nữ", phone = p.phone
            var born = random.pick([(p.born.vietnameseFormat, 6), (p.born.description, 2), ("\(p.born.day)/\(p.born.month)/\(p.born.year)", 2)])
            let home = settings.communes[p.commune]
            var commune = random.pick([(home.name, 5), (home.fullName, 2), (home.code, 2)])
            var extra: [String]
            switch settings.kind {
            case .experts:
                extra = [CalendarDate(year: 2025, month: 3, day: 15)!.vietnameseFormat]
            case .instructors:
                let expert = Self.expertID(seed: settings.cascadeSeed ?? settings.seed, index: index % max(settings.experts, 1), today: today)
                extra = [CalendarDate(year: 2025, month: 4, day: 1)!.adding(days: index % 60).vietnameseFormat, expert]
            case .learners, .completions:
                let classIndex = index / max(settings.classSize, 1)
                let instructor = Self.instructorID(seed: settings.cascadeSeed ?? settings.seed, index: classIndex % max(settings.instructors, 1), today: today)
                let code = "\(settings.centerCode)-L\(String(format: "%05d", classIndex))"
                let enrolled = CalendarDate(year: 2025, month: 5, day: 1)!.adding(days: classIndex % 150)
                if settings.kind == .completions {
                    let pass = random.chance(0.9)
                    try body([id, code, enrolled.adding(days: 30).vietnameseFormat, pass ? "Đạt" : "Không đạt",
                              String(pass ? Int.random(in: 5...10, using: &random) : Int.random(in: 0...4, using: &random))])
                    continue
                }
                if random.chance(settings.resultRate) {
                    let pass = random.chance(0.9)
                    extra = [code, instructor, enrolled.vietnameseFormat, enrolled.adding(days: 30).vietnameseFormat,
                             pass ? "Đạt" : "Không đạt", String(pass ? Int.random(in: 5...10, using: &random) : Int.random(in: 0...4, using: &random))]
                } else {
                    extra = [code, instructor, enrolled.vietnameseFormat, "", "", ""]
                }
            }
            var defect: Defect?
            if !defects.isEmpty, random.chance(totalRate) {
                var roll = Double.random(in: 0..<totalRate, using: &random)
                defect = defects.last
                for candidate in defects {
                    if roll < settings.rate(of: candidate) { defect = candidate; break }
                    roll -= settings.rate(of: candidate)
                }
                if (defect == .identicalDuplicate || defect == .conflictingDuplicate) && previous == nil { defect = nil }
            }
            switch defect {
            case .leadingZeroLost: id = String(id.drop { $0 == "0" }); if id.count != 11 { id = "19" + id.suffix(9) }
            case .scientificNotation: id = "1.92029E+11"
            case .oldIdentityCard: id = String(id.suffix(9))
            case .unknownProvince: id = "003" + id.dropFirst(3)
            case .centuryMismatch:
                let digit = Int(String(id[id.index(id.startIndex, offsetBy: 3)]))!
                id = String(id.prefix(3)) + String((digit + 2) % 4) + id.dropFirst(4)
            case .badDate: born = "31/02/\(p.born.year)"
            case .futureDate: born = "01/01/2099"
            case .badSex: sex = "X"
            case .unknownCommune: commune = "Xã Không Tồn Tại"
            case .formulaName: name = "=HYPERLINK(\"x\")"
            case .digitName: name = name + " 2"
            case .badPhone: phone = "0123"
            case .identicalDuplicate, .conflictingDuplicate, nil: break
            }
            var cells = [String(index + 1), name, id, born, sex, phone, commune] + extra
            if defect == .identicalDuplicate, let previous {
                cells = previous
            } else if defect == .conflictingDuplicate, let previous {
                cells = previous
                cells[1] = previous[1] + " Khác"  // same CCCD, another name
            }
            if let defect {
                expected[defect, default: 0] += defect == .conflictingDuplicate ? 2 : 1
            }
            previous = defect == nil ? cells : nil
            try body(cells)
        }
    }

    /// Writes the roster as a CSV file in the given encoding and delimiter (an existing file there
    /// is replaced).
    public mutating func write(
        to url: URL, encoding: TextEncoding = .utf8, byteOrderMark: Bool = false, delimiter: CSVDelimiter = .comma,
        lineEnding: String = "\r\n"
    ) throws {
        var encoder = try SampleTextEncoder(encoding: encoding, byteOrderMark: byteOrderMark)
        let separator = String(UnicodeScalar(delimiter.rawValue))
        let header = self.header
        try OutputFile(path: url.path, existing: .replace).write { writer in
            var buffer = ""
            func line(_ cells: [String]) {
                buffer += cells.map(CSVDelimiter.quoted).joined(separator: separator) + lineEnding
            }
            line(header)
            try generate { cells in
                line(cells)
                if buffer.utf8.count > 1 << 20 {
                    try writer.write(encoder.encode(buffer))
                    buffer = ""
                }
            }
            try writer.write(encoder.encode(buffer))
        }
    }
}

extension SampleRoster {
    /// Writes the roster as an Excel workbook: one sheet, its header, every cell text (as a file
    /// made from hocai's template holds them).
    public mutating func writeWorkbook(to url: URL) throws {
        var workbook = WorkbookWriter()
        let header = self.header
        try workbook.addSheet("Danh sách", columns: header.map { _ in .init(width: 16, format: .text) }, header: header) { rows in
            try generate { cells in try rows.append(cells.map(WorkbookWriter.Value.text)) }
        }
        try workbook.write(to: OutputFile(path: url.path, existing: .replace))
    }
}

/// Encodes sample text for writing, with iconv for the non-UTF-8 encodings.
struct SampleTextEncoder {
    let encoding: TextEncoding
    var pendingBOM: Bool

    init(encoding: TextEncoding, byteOrderMark: Bool) throws {
        self.encoding = encoding
        self.pendingBOM = byteOrderMark || encoding == .utf16
    }

    mutating func encode(_ text: String) throws -> Data {
        var data = Data()
        defer { pendingBOM = false }
        switch encoding {
        case .utf8:
            if pendingBOM { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            data.append(contentsOf: Array(text.utf8))
        case .utf16:
            if pendingBOM { data.append(contentsOf: [0xFF, 0xFE]) }
            for unit in text.utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        case .windows1258:
            data.append(contentsOf: try Windows1258.encode(text))
        }
        return data
    }
}

extension TextEncoding {
    /// Encodes text as a file in this encoding would hold it (UTF-16 little-endian with a BOM).
    public static func encodeForSample(_ text: String, as encoding: TextEncoding) throws -> Data {
        var encoder = try SampleTextEncoder(encoding: encoding, byteOrderMark: false)
        return try encoder.encode(text)
    }
}
