/// A training centre that keeps rosters and runs classes.
public struct TrainingCenter: Sendable, Equatable {
    /// Upper-case code, 2–32 characters of A–Z, 0–9, `-`, `_` (e.g. `TTGDTX-DAITU`).
    public let code: String
    public let name: String
    public let commune: Commune

    public init(code: String, name: String, commune: Commune) {
        self.code = code
        self.name = name
        self.commune = commune
    }

    /// Upper-cases and validates a centre code as the database's check does.
    public static func normalizedCode(_ input: String) throws -> String {
        let code = input.trimmingCharacters(in: .whitespaces).uppercased()
        let allowed = code.unicodeScalars.allSatisfy { scalar in
            (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_"
        }
        guard allowed, (2...32).contains(code.count), let first = code.first, first != "-", first != "_" else {
            throw HocAIError.invalidCenterCode(input)
        }
        return code
    }
}
