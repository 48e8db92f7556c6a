@testable import HocAI
import Testing

@Suite("Repeated CCCDs in one pass")
struct RepeatedNationalIDsTests {
    func id(_ n: Int) -> NationalID {
        // 019 (Thái Nguyên), 0 (man born 1900s), 90, then six digits.
        NationalID(validated: "019090" + String(String(n + 1_000_000).dropFirst()))
    }

    @Test func everyRepeatIsACandidateAndFewFirstSightsAre() {
        var filter = RepeatedNationalIDs()
        func see(_ id: NationalID) { filter.see(RepeatedNationalIDs.Probe(id)) }
        for n in 0..<200_000 { see(id(n * 3)) }
        for n in stride(from: 0, to: 200_000, by: 4_000) { see(id(n * 3)) }
        let repeats = Set(stride(from: 0, to: 200_000, by: 4_000).map { id($0 * 3).digits })
        #expect(repeats.isSubset(of: filter.candidates))
        #expect(repeats.count == 50)
        // Three bits in one of 2^20 words after 200,000 names: about 1 in 36,000 is a false
        // candidate (6 expected here).
        #expect(filter.candidates.count - repeats.count < 20)
    }
}
