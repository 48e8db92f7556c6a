import HocAI

/// What the certificate routes read and answer. A certificate itself is the library's object
/// (`CertificateText.fields`), the same the command line prints.
struct ResultRequest: JSONRequest {
    let nationalID: String
    let classCode: String
    let result: CertificateService.Result
    let score: Double?
    let date: CalendarDate?

    enum CodingKeys: String, CodingKey {
        case result, score, date
        case nationalID = "national_id"
        case classCode = "class"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nationalID = try container.decode(String.self, forKey: .nationalID)
        classCode = try container.decode(String.self, forKey: .classCode)
        result = try container.decode(CertificateService.Result.self, forKey: .result)
        score = try container.decodeIfPresent(Double.self, forKey: .score)
        if let score, !CertificateService.scoreRange.contains(score) {
            throw DecodingError.dataCorruptedError(forKey: .score, in: container, debugDescription: "out of range")
        }
        date = try container.decodeIfPresent(String.self, forKey: .date).map { text in
            guard let date = CalendarDate(iso: text) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: container, debugDescription: "not YYYY-MM-DD")
            }
            return date
        }
    }

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        switch CodingKeys(rawValue: field) {
        case .score: ("score", .scoreFrom0To100)
        case .date: ("date", .dateAsYyyyMmDd)
        default: ("national_id, class, result", .nationalIdClassCodeAndResult)
        }
    }
}

/// A result recorded: its status, and the certificate it issued or found.
struct ResultAnswer: Encodable {
    let status: String
    let code: String?
}

struct RevocationRequest: JSONRequest {
    let reason: String
    let classCode: String?

    enum CodingKeys: String, CodingKey {
        case reason
        case classCode = "class"
    }

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        switch CodingKeys(rawValue: field) {
        case .classCode: (field, .mustBeText)
        default: ("reason", .reasonIsNeeded)
        }
    }
}
