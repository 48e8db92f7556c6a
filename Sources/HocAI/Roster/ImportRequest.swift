/// What a sender asks of an import: the one description of it that `hocai import`, the API's
/// `POST /api/v1/imports/{kind}` and the centre's upload form all parse into, that the server
/// stores with the job (`import_jobs`), and that the importer runs (`ImportOptions.request`).
/// Who may ask for it is `ImportPolicy`'s rule.
public struct ImportRequest: Sendable, Equatable {
    public var kind: RosterKind
    /// The centre sending the file, trimmed and upper-cased (nil when blank); every kind but
    /// experts needs one (`validated()`).
    public var center: String? {
        didSet { center = Self.code(center) }
    }
    /// Check everything, including against the database, and write nothing.
    public var dryRun = false
    /// Any rejected row: commit nothing.
    public var allOrNothing = false
    /// Re-apply a file whose SHA-256 was already imported.
    public var force = false
    /// The sheet of a workbook to read, by name; the first visible sheet where nil.
    public var sheet: String?
    public var delimiter: CSVDelimiter?
    public var encoding: TextEncoding?
    /// The file's name as its sender knows it, recorded with the batch (default: the file's own;
    /// the server keeps uploads under names of its own).
    public var fileName: String?
    /// Language of the messages written into the summary and the rejects file.
    public var language: Language = .vi

    public init(kind: RosterKind, center: String? = nil) {
        self.kind = kind
        self.center = Self.code(center)
    }

    /// The request with its centre checked: present where the kind needs one (experts are the
    /// province's and have none), and a well-formed code (`TrainingCenter.normalizedCode`).
    /// Whether the centre exists is the register's to say.
    public func validated() throws -> ImportRequest {
        var request = self
        if kind.needsCenter {
            guard let center else { throw HocAIError.centerNeeded() }
            request.center = try TrainingCenter.normalizedCode(center)
        } else {
            request.center = nil
        }
        return request
    }

    private static func code(_ given: String?) -> String? {
        guard let code = given?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty else { return nil }
        return code
    }
}
