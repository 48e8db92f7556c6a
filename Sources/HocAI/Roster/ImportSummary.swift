import Foundation

/// How to run an import: what was asked (`ImportRequest`, whose fields read and write through
/// as this type's own: `options.dryRun`) and how this run carries it out.
@dynamicMemberLookup
public struct ImportOptions: Sendable {
    public var request: ImportRequest
    /// Where the rejects go; default: the file's stem with `.rejects.csv` (`.rejects.xlsx` for a
    /// workbook). An existing file there is replaced (atomically); a link, a folder or the roster
    /// itself is refused.
    public var rejectsURL: URL?
    /// Read the roster from a private copy taken while hashing it (`RosterFile`); false for a
    /// file the caller owns and no one else writes (the server's uploads).
    public var snapshot = true
    /// "Today" for the future-date and age checks (Vietnam time by default).
    public var today: CalendarDate = .today()
    /// Rows in an identity conflict are held for an administrator's decision (`IdentityConflicts`);
    /// false: returned like any other fault (a single result, which must be recorded or refused).
    public var holdsConflicts = true
    /// A test point: at `point`, the import waits for the advisory lock `key`, which a test holds
    /// to act at that very moment (change the file, kill the process). `hocai import` and `hocai
    /// serve` take it from `HOCAI_TEST_HOLD` (`reading:KEY`, `checks:KEY`, `merging:KEY` or
    /// `commit:KEY`) in a debug build only (the tests'); nothing else sets it.
    public var testHold: (point: HoldPoint, key: Int64)?

    /// The test point `HOCAI_TEST_HOLD` names (`POINT:KEY`), if any. A release build (what is
    /// shipped) has none: an import never waits on a lock because of its environment.
    public static func testHold(from environment: [String: String]) -> (point: HoldPoint, key: Int64)? {
        #if DEBUG
        guard let hold = environment["HOCAI_TEST_HOLD"]?.split(separator: ":"), hold.count == 2,
              let point = HoldPoint(rawValue: String(hold[0])), let key = Int64(hold[1]) else { return nil }
        return (point, key)
        #else
        return nil
        #endif
    }

    public enum HoldPoint: String, Sendable {
        /// In the middle of the COPY: the first megabyte read and sent (the wait is on a second
        /// connection, since the import's own is busy copying).
        case reading
        /// Holding the import lock, before the checks against the register.
        case checks
        /// In the merge: the contribution to the report of the people it changes taken away,
        /// not yet added back.
        case merging
        /// Everything written, before the commit.
        case commit
    }

    public init(_ request: ImportRequest) {
        self.request = request
    }

    public init(kind: RosterKind, center: String? = nil) {
        self.init(ImportRequest(kind: kind, center: center))
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<ImportRequest, Value>) -> Value {
        get { request[keyPath: field] }
        set { request[keyPath: field] = newValue }
    }

    /// `roster.csv` → `roster.rejects.csv`; a workbook's `roster.xlsx` → `roster.rejects.xlsx`.
    public static func defaultRejectsURL(for file: URL, format: RosterFormat = .csv) -> URL {
        let stem = file.deletingPathExtension().lastPathComponent
        return file.deletingLastPathComponent().appendingPathComponent(stem + ".rejects." + format.fileExtension)
    }
}

/// What an import did, row by row counted; the CLI prints it as text or JSON.
public struct ImportSummary: Sendable {
    public var file: String
    /// The roster's digest (`RosterFile.rosterDigest`): the file's SHA-256, combined with the
    /// sheet's name for a workbook.
    public var sha256: String
    public var kind: RosterKind
    public var centerCode: String?
    public var encoding: TextEncoding
    public var delimiter: CSVDelimiter?
    public var format: RosterFormat = .csv
    /// The sheet read, for a workbook.
    public var sheet: String?
    public var batchID: Int?
    public var dryRun: Bool
    /// The file was imported before (same SHA-256) and skipped; see `--force`.
    public var alreadyImported = false
    /// Whether the accepted rows were committed.
    public var committed = false
    /// Data rows read (blank lines and the header not counted).
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var duplicates = 0
    /// Issues of rejected rows, by line: the first `rejectDetailLimit` of them (the rejects file
    /// has them all).
    public var rejects: [RosterIssue] = []
    /// How many issues the rejected rows have in all.
    public var rejectIssues = 0
    /// Rows held for an administrator's decision (their CCCD is registered with another name or
    /// date of birth: `IdentityConflicts`): neither accepted nor rejected, and not in the rejects
    /// file; listed apart, the first `rejectDetailLimit` of them.
    public var held = 0
    public var heldRows: [RosterIssue] = []
    /// Warnings (rows kept), listed apart; at most `warningDetailLimit` are kept in detail.
    public var warningDetails: [RosterIssue] = []
    public var warnings = 0
    public var rejectsFile: URL?

    /// How the file was read: its encoding, format and sheet.
    mutating func describe(_ file: RosterFile) {
        encoding = file.encoding
        format = file.format
        sheet = file.workbook?.sheetName
    }

    public static let warningDetailLimit = 10_000
    public static let rejectDetailLimit = 10_000

    /// The process exit status the CLI uses: 0 every row accepted (or, in a dry run, would be);
    /// 3 some rejected or held, the rest committed; 2 a dry run that would reject or hold some
    /// rows (nothing written); 1 nothing written because of the rejects (`--all-or-nothing`,
    /// which held rows do not trigger: they are kept for a decision). Exit 1 always means the
    /// database is unchanged.
    public var exitStatus: Int32 {
        if rejected == 0 && held == 0 { return 0 }
        if dryRun { return 2 }
        return committed ? 3 : 1
    }
}
