import Foundation
@testable import HocAI
import Testing

@Suite("Roster files: encodings and headers")
struct RosterFileTests {
    func text(of url: URL) throws -> String {
        let file = try RosterFile.inspect(url)
        var bytes: [UInt8] = []
        try file.withUTF8Chunks { chunk, _ in bytes += chunk }
        return String(decoding: bytes, as: UTF8.self)
    }

    func temporary(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func detectsEachEncodingAndDecodesToTheSameText() throws {
        let sample = "Họ và tên;Xã\r\nNguyễn Thị Hòa;Điềm Thụy\r\n"
        let utf8 = try temporary(Array(sample.utf8))
        let bom = try temporary([0xEF, 0xBB, 0xBF] + Array(sample.utf8))
        let sixteen = try temporary(Array(try TextEncoding.encodeForSample(sample, as: .utf16)))
        let cp1258 = try temporary(Array(try TextEncoding.encodeForSample(sample, as: .windows1258)))
        defer { for url in [utf8, bom, sixteen, cp1258] { try? FileManager.default.removeItem(at: url) } }

        #expect(try RosterFile.inspect(utf8).encoding == .utf8)
        #expect(try RosterFile.inspect(bom).encoding == .utf8)
        #expect(try RosterFile.inspect(sixteen).encoding == .utf16)
        #expect(try RosterFile.inspect(cp1258).encoding == .windows1258)
        for url in [utf8, bom, sixteen] { #expect(try text(of: url) == sample) }
        // Windows-1258 stores tone marks as combining characters; glibc's decoder recomposes
        // most of them, and the importer normalises every field to NFC in any case.
        let decoded = try text(of: cp1258)
        #expect(try Data(contentsOf: cp1258).count < sample.utf8.count)
        #expect(Array(decoded.precomposedStringWithCanonicalMapping.utf8) == Array(sample.utf8))
        #expect(try RosterFile.inspect(utf8).sha256 == "\(try RosterFile.inspect(utf8).sha256)")
        #expect(try RosterFile.inspect(utf8).sha256 != (try RosterFile.inspect(bom).sha256))
    }

    @Test func invalidBytesForAForcedEncodingSayWhere() throws {
        let url = try temporary(Array("a,b\n".utf8) + [0xFF, 0xFE, 0x00])
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try RosterFile.inspect(url, forcedEncoding: .utf16)
        let error = #expect(throws: HocAIError.self) { try file.withUTF8Chunks { _, _ in } }
        #expect(error?.code == .fileUnreadable)
    }

    @Test func everyFieldsOrdinalIsItsPlaceAmongTheFields() {
        // `ordinal` is written out by hand for the per-cell lookups; it must not drift.
        #expect(RosterField.allCases.enumerated().map { $0.element.ordinal } == Array(RosterField.allCases.indices))
    }

    @Test func headersMatchAliasesAndNameWhatIsMissing() throws {
        let header = try RosterHeader.read(["STT", "HỌ TÊN", "Số định danh cá nhân", "Ngày sinh", "Giới tính", "Xã", "Mã lớp"], kind: .learners).get()
        #expect(header.column(of: .fullName) == 2)
        #expect(header.column(of: .nationalID) == 3)
        #expect(header.column(of: .classCode) == 7)
        #expect(header.ignored == [0])
        #expect(throws: RosterHeader.Problem.missing([.classCode])) {
            try RosterHeader.read(["Họ và tên", "CCCD", "Ngày sinh", "Giới tính", "Xã"], kind: .learners).get()
        }
        #expect(throws: RosterHeader.Problem.duplicated(.nationalID, columns: [2, 3])) {
            try RosterHeader.read(["Họ và tên", "CCCD", "Số CCCD"], kind: .experts).get()
        }
        // "CCCD giảng viên" is the class's instructor for learners, the issuer for completions.
        let learners = try RosterHeader.read(["Họ và tên", "CCCD", "Ngày sinh", "Giới tính", "Xã", "Mã lớp", "CCCD giảng viên"], kind: .learners).get()
        #expect(learners.has(.instructorID))
        let completions = try RosterHeader.read(["CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "CCCD giảng viên"], kind: .completions).get()
        #expect(completions.has(.issuedBy))
    }
}
