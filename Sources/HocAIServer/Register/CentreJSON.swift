import HocAI

/// What the centre routes read and answer.
struct NewCentreRequest: JSONRequest {
    let code: String
    let name: String
    let commune: String

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        ("code, name, commune", .codeNameAndCommuneAreNeeded)
    }
}

/// A centre as the API shows it: its commune by code.
struct CentreAnswer: Encodable {
    let code: String
    let name: String
    let commune: String

    init(_ center: TrainingCenter) {
        code = center.code
        name = center.name
        commune = center.commune.code
    }
}

struct CentreList: Encodable {
    let centers: [CentreAnswer]
}
