import HocAI

/// What the identity-conflict routes read and answer. A conflict and an outcome are the library's
/// objects (`IdentityConflicts.Conflict.object`, `Outcome.object`), the same `hocai conflicts`
/// prints.
struct ResolutionRequest: JSONRequest {
    let keep: IdentityConflicts.Keep
    let returning: [Int]

    enum CodingKeys: String, CodingKey {
        case keep
        case returning = "return"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keep = try container.decode(IdentityConflicts.Keep.self, forKey: .keep)
        returning = try container.decodeIfPresent([Int].self, forKey: .returning) ?? []
    }

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        switch CodingKeys(rawValue: field) {
        case .returning: ("return", .returnIsListOfRowNumbers)
        default: ("keep", .keepIsRegisterOrRow)
        }
    }
}

/// A held row sent back to its centre.
struct ReturnedRow: Encodable {
    let id: Int
    let status = "returned"
}
