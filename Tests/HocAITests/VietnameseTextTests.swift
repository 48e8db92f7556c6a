import HocAI
import Testing

@Suite("Vietnamese text")
struct VietnameseTextTests {
    @Test func tonePlacementFormAndCaseDoNotMatter() {
        let key = VietnameseText.matchingKey("Nam Hòa")
        #expect(VietnameseText.matchingKey("nam hoà") == key)
        #expect(VietnameseText.matchingKey("NAM  HÒA ") == key)
        #expect(VietnameseText.matchingKey("Nam Hòa".decomposedStringWithCanonicalMapping) == key)
        #expect(VietnameseText.matchingKey("Điềm Thụy") == VietnameseText.matchingKey("Điềm Thuỵ"))
    }

    /// Clean text takes the byte table, other forms the general path; they must agree, also on
    /// letters outside Vietnamese and on a word with more tone marks than the table keeps inline.
    @Test func theByteTableAgreesWithTheGeneralPath() {
        let texts = [
            "Nguyễn Thị Hoà", "ĐẶNG VĂN ÁNH", "Ông Ích Khiêm", "Lò Văn Ǆan", "Çağlar Øre", "Y Ƀrăm",
            String(repeating: "ấ", count: 11), "Hạ Hà Hả Hã Há",
            // Found by the fuzzer: ṍ (o, tilde, acute) carries two of the five tone marks.
            "Hṍ và Ṹ",
        ]
        // Bytes, not String ==, which holds for canonically equivalent strings: the database
        // compares the keys byte by byte.
        for text in texts {
            let table = Array(VietnameseText.matchingKey(text).utf8)
            #expect(table == Array(VietnameseText.matchingKey(text.decomposedStringWithCanonicalMapping).utf8), "\(text)")
        }
        #expect(Array(VietnameseText.matchingKey("ĐẶNG").utf8) == Array("đa\u{0306}ng\u{0323}".utf8))
    }

    @Test func differentLettersStayDifferent() {
        #expect(VietnameseText.matchingKey("Hà") != VietnameseText.matchingKey("Hạ"))
        #expect(VietnameseText.matchingKey("Hòa") != VietnameseText.matchingKey("Hoa"))
        #expect(VietnameseText.matchingKey("Đồng") != VietnameseText.matchingKey("Dồng"))
    }

    @Test func cleanCollapsesSpaceAndComposes() {
        let cleaned = VietnameseText.clean("  Nguyễn\t Văn   An ".decomposedStringWithCanonicalMapping)
        #expect(cleaned == "Nguyễn Văn An")
        #expect(cleaned.unicodeScalars.count == "Nguyễn Văn An".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }
}

@Suite("Commune directory")
struct CommuneDirectoryTests {
    let directory = CommuneDirectory(communes: [
        Commune(code: "05443", name: "Phan Đình Phùng", kind: .ward),
        Commune(code: "05830", name: "Đại Từ", kind: .commune),
        Commune(code: "01840", name: "Nam Hòa", kind: .commune),
        Commune(code: "05836", name: "Đức Lương", kind: .commune),
    ])

    @Test func findsByCodeOrNameAsPeopleWriteIt() {
        #expect(directory.find("05443")?.name == "Phan Đình Phùng")
        #expect(directory.find("5443")?.name == "Phan Đình Phùng")
        #expect(directory.find("Phường Phan Đình Phùng")?.code == "05443")
        #expect(directory.find("phan đình phùng")?.code == "05443")
        #expect(directory.find("Xã Nam Hoà")?.code == "01840")
        #expect(directory.find("XÃ  ĐẠI TỪ")?.code == "05830")
        #expect(directory.find("Dai Tu") == nil)
        #expect(directory.find("99999") == nil)
    }

    @Test func suggestsTheClosestNames() {
        #expect(directory.suggestions(for: "Dai Tu").map(\.code) == ["05830"])
        #expect(directory.suggestions(for: "xã Duc Luong").map(\.code) == ["05836"])
        #expect(directory.suggestions(for: "Hà Nội").isEmpty)
    }
}

@Suite("Training centre codes")
struct TrainingCenterCodeTests {
    @Test func normalisesAndValidates() throws {
        #expect(try TrainingCenter.normalizedCode(" ttgdtx-daitu ") == "TTGDTX-DAITU")
        for bad in ["", "A", "-AB", "AB CD", "ĐẠI", String(repeating: "A", count: 33)] {
            #expect(throws: HocAIError.self) { try TrainingCenter.normalizedCode(bad) }
        }
    }
}
