import HocAI
import Testing

@Suite("Certificate codes")
struct CertificateCodeTests {
    @Test func randomCodesParseBackAndReadAloudInGroups() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<1000 {
            let code = CertificateCode.random(using: &generator)
            #expect(code.value.count == 12)
            #expect(try CertificateCode.parse(code.value).get() == code)
            #expect(try CertificateCode.parse(code.grouped.lowercased()).get() == code)
            #expect(code.grouped.split(separator: "-").map(\.count) == [4, 4, 4])
        }
    }

    @Test func everySingleTypoAndSwapIsCaught() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        for _ in 0..<50 {
            let code = Array(CertificateCode.random(using: &generator).value)
            for position in code.indices {
                for replacement in alphabet where replacement != code[position] {
                    var typo = code
                    typo[position] = replacement
                    #expect(throws: CertificateCode.Problem.checkFailed) { try CertificateCode.parse(String(typo)).get() }
                }
            }
            for position in code.indices.dropLast() where code[position] != code[position + 1] {
                var swapped = code
                swapped.swapAt(position, position + 1)
                #expect(throws: CertificateCode.Problem.checkFailed) { try CertificateCode.parse(String(swapped)).get() }
            }
        }
    }

    @Test func confusableLettersReadAsDigitsAndJunkIsMalformed() throws {
        var generator = SeededGenerator(seed: 9)
        let code = CertificateCode.random(using: &generator)
        let spoken = code.value.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l")
        #expect(try CertificateCode.parse(spoken).get() == code)
        #expect(throws: CertificateCode.Problem.malformed) { try CertificateCode.parse("ABC").get() }
        #expect(throws: CertificateCode.Problem.malformed) { try CertificateCode.parse("UUUU-UUUU-UUUU").get() }
    }

    /// A typo's candidates are the codes one slip away that pass the check: the code meant is
    /// always among them, and every one of them parses.
    @Test func aTyposCandidatesIncludeTheCodeMeant() throws {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        for round in 0..<200 {
            let code = CertificateCode.random(using: &generator)
            var typo = Array(code.value)
            let position = round % 12
            if round % 3 == 0, position < 11, typo[position] != typo[position + 1] {
                typo.swapAt(position, position + 1)
            } else {
                typo[position] = alphabet.first { $0 != typo[position] && $0 != alphabet[(round * 7) % 32] } ?? "0"
            }
            let candidates = CertificateCode.candidates(for: String(typo))
            #expect(candidates.contains(code), "\(String(typo)) → \(candidates.map(\.value))")
            #expect(candidates.count <= 24)
            for candidate in candidates { #expect(try CertificateCode.parse(candidate.value).get() == candidate) }
        }
        #expect(CertificateCode.candidates(for: "ABC").isEmpty)
    }
}
