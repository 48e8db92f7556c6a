import Foundation
import Logging
import PostgresLibPQ

/// Rows held because their CCCD is registered with another name or date of birth (sql/014), and
/// the administrator's decision on them.
///
/// A CCCD names one person: a row that spells them otherwise is still theirs unless the
/// administrator says it is not. So a decision names the person's identity (the register's, or
/// a held row's, which corrects the register and keeps the old value in its history) and then
/// applies every held row of that person as theirs, through the importer's own checks and
/// merges. A held row that is not this person's (its CCCD is wrong) is returned to its centre.
/// The spellings decided to be the person's are kept as aliases: the same rows sent again are
/// not held again. Taken the same way, decisions give the same register and figures whatever
/// order the files arrived in.
public struct IdentityConflicts {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// One held row, as an administrator (or its own centre) sees it.
    public struct HeldRow: Sendable, Equatable {
        public enum Status: String, Sendable { case open, applied, returned }

        public let id: Int
        public let batchID: Int
        public let kind: RosterKind
        public let centerCode: String?
        public let fileName: String
        public let line: Int
        public let nationalID: NationalID
        public let fullName: String
        public let dateOfBirth: CalendarDate
        /// `full_name`, `date_of_birth` or `both`.
        public let differs: String
        /// `tone_only` where the names differ only in tone marks.
        public let cause: String?
        public let heldAt: String
        public let status: Status
        public let resolvedAt: String?
        /// Why a returned row was returned (an issue code).
        public let returnCode: String?

        /// What differs from the register, in the reader's words.
        public var differsText: LocalizedText { IssueText.differs(differs) }

        /// Why it was held, or why it was returned, in the reader's words.
        public var reason: LocalizedText {
            if status == .returned, let returnCode { return IssueText.text(returnCode) }
            var detail = ["differs": differs]
            if let cause { detail["cause"] = cause }
            return IssueText.text("person.identity_held", detail)
        }
    }

    /// A person with rows held: the register's identity and the rows that disagree with it.
    public struct Conflict: Sendable, Equatable {
        public let nationalID: NationalID
        public let fullName: String
        public let dateOfBirth: CalendarDate
        public let rows: [HeldRow]
    }

    /// What the administrator decided: whose name and date of birth are the person's.
    public enum Keep: String, Sendable, CaseIterable, Codable {
        /// The register's, as it stands.
        case register
        /// The held row's: the register is corrected.
        case row
    }

    /// What a decision did.
    public struct Outcome: Sendable, Equatable {
        /// The register's name and date of birth were replaced (the old ones kept in history).
        public var corrected = false
        /// Held rows applied.
        public var applied: [Int] = []
        /// Held rows returned to their centre, with why.
        public var returned: [Int: String] = [:]
    }

    private static let columns = """
        h.id, h.batch_id, h.kind, h.center_code, b.file_name, h.line, h.national_id, h.full_name, h.date_of_birth,
        h.differs, h.cause, to_char(h.held_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'), h.status,
        to_char(h.resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'), h.return_code
        """

    private static func heldRow(_ row: PostgresRow) throws -> HeldRow {
        let (id, batch, kind, center, file, line, nationalID, name, born) =
            try row.decode((Int, Int, String, String?, String, Int, String, String, CalendarDate).self)
        let (differs, cause, heldAt, status, resolvedAt, returnCode) = try row.decode(
            (String, String?, String, String, String?, String?).self, startingAt: 9)
        return HeldRow(
            id: id, batchID: batch, kind: RosterKind(rawValue: kind) ?? .learners, centerCode: center, fileName: file, line: line,
            nationalID: NationalID(validated: nationalID), fullName: name, dateOfBirth: born, differs: differs, cause: cause,
            heldAt: heldAt, status: HeldRow.Status(rawValue: status) ?? .open, resolvedAt: resolvedAt, returnCode: returnCode)
    }

    /// Every person with rows open for a decision, oldest first (an administrator's view).
    public func open() throws -> [Conflict] {
        let rows = try connection.query("""
            SELECT \(unescaped: Self.columns), p.full_name, p.date_of_birth
            FROM identity_holds h JOIN import_batches b ON b.id = h.batch_id JOIN people p ON p.national_id = h.national_id
            WHERE h.status = 'open'
            ORDER BY h.national_id, h.id
            """).rows
        var conflicts: [Conflict] = []
        for row in rows {
            let held = try Self.heldRow(row)
            let (name, born) = try row.decode((String, CalendarDate).self, startingAt: 15)
            if conflicts.last?.nationalID == held.nationalID {
                let last = conflicts.removeLast()
                conflicts.append(Conflict(nationalID: last.nationalID, fullName: last.fullName, dateOfBirth: last.dateOfBirth,
                                          rows: last.rows + [held]))
            } else {
                conflicts.append(Conflict(nationalID: held.nationalID, fullName: name, dateOfBirth: born, rows: [held]))
            }
        }
        return conflicts.sorted { ($0.rows.first?.id ?? 0) < ($1.rows.first?.id ?? 0) }
    }

    /// A centre's held rows, open and decided, newest first (what its clerk is shown: its own
    /// rows and why; never the register's values).
    public func rows(center: String, limit: Int = 200) throws -> [HeldRow] {
        try connection.query("""
            SELECT \(unescaped: Self.columns)
            FROM identity_holds h JOIN import_batches b ON b.id = h.batch_id
            WHERE h.center_code = \(center)
            ORDER BY h.status = 'open' DESC, COALESCE(h.resolved_at, h.held_at) DESC, h.id DESC
            LIMIT \(limit)
            """).rows.map(Self.heldRow)
    }

    /// How many people have rows open for a decision.
    public func peopleWithOpenConflicts() throws -> Int {
        try connection.query("SELECT people_with_open_conflicts()").scalar(Int.self)
    }

    /// Decides the conflict of held row `id`'s person: `keep` names whose identity is right,
    /// and every other open row of that person is applied as theirs, but those in `returning`,
    /// which go back to their centre. One transaction, under the import lock.
    @discardableResult
    public func resolve(_ id: Int, keep: Keep, returning: Set<Int> = [], today: CalendarDate = .today()) throws -> Outcome {
        try connection.transaction { connection in
            try connection.query("SELECT pg_advisory_xact_lock(\(RosterMerge.lockKey))")
            guard let nationalID = try connection.query("SELECT national_id FROM identity_holds WHERE id = \(id) AND status = 'open'")
                .first?.decode(String.self, at: 0) else { throw HocAIError.conflictUnknown(id) }
            let holds = try connection.query("""
                SELECT h.id, h.kind, h.center_code, h.name_key, h.full_name, h.date_of_birth, h.row_data::text, b.file_name
                FROM identity_holds h JOIN import_batches b ON b.id = h.batch_id
                WHERE h.national_id = \(nationalID) AND h.status = 'open' ORDER BY h.id FOR UPDATE OF h
                """).rows.map { row in
                    let (hold, kind, center, key, name, born, data, file) =
                        try row.decode((Int, String, String?, String, String, CalendarDate, String, String).self)
                    return Hold(id: hold, kind: kind, center: center, key: key, name: name, born: born, data: data, file: file)
                }
            let open = Set(holds.map(\.id))
            guard returning.isSubset(of: open) else {
                throw HocAIError.conflictChoiceInvalid(LocalizedText(
                    vi: "Chỉ trả lại được các dòng đang chờ của cùng người này.", en: "Only this person's open held rows can be returned."))
            }
            if keep == .row && returning.contains(id) {
                throw HocAIError.conflictChoiceInvalid(LocalizedText(
                    vi: "Không thể vừa giữ thông tin của dòng \(id) vừa trả lại dòng đó.", en: "Row \(id) cannot be both kept and returned."))
            }
            var outcome = Outcome()
            guard let person = try connection.query("""
                SELECT name_key, full_name, date_of_birth FROM people WHERE national_id = \(nationalID) FOR UPDATE
                """).first else { throw HocAIError.conflictUnknown(id) }
            let (registeredKey, registeredName, registeredBirth) = try person.decode((String, String, CalendarDate).self)
            // The person's name and date of birth from now on.
            var (name, born) = (registeredName, registeredBirth)
            if keep == .row, let chosen = holds.first(where: { $0.id == id }),
               chosen.key != registeredKey || chosen.born != registeredBirth || chosen.name != registeredName {
                // The register is corrected, its contribution to the report taken away and given
                // back around the change (a date of birth moves the person's age bands).
                try connection.query("SELECT apply_person_events(ARRAY[\(nationalID)], -1)")
                try connection.query("""
                    INSERT INTO people_identity_history (national_id, full_name, name_key, date_of_birth, hold_id)
                    VALUES (\(nationalID), \(registeredName), \(registeredKey), \(registeredBirth), \(id))
                    """)
                try connection.query("""
                    UPDATE people SET full_name = \(chosen.name), name_key = \(chosen.key), date_of_birth = \(chosen.born), updated_at = now()
                    WHERE national_id = \(nationalID)
                    """)
                try connection.query("SELECT apply_person_events(ARRAY[\(nationalID)], 1)")
                // The spelling it replaced was the person's too.
                try alias(nationalID, key: registeredKey, born: registeredBirth)
                (name, born) = (chosen.name, chosen.born)
                outcome.corrected = true
            }
            for hold in holds where returning.contains(hold.id) {
                try returnHold(hold.id, code: "identity.returned")
                outcome.returned[hold.id] = "identity.returned"
            }
            // Every other row is the person's: its spelling becomes an alias, and it is applied
            // as the register now spells the person.
            for hold in holds where !returning.contains(hold.id) {
                try alias(nationalID, key: hold.key, born: hold.born)
                let summary = try apply(hold, name: name, born: born, today: today)
                if let reject = summary.rejects.first {
                    try returnHold(hold.id, code: reject.code)
                    outcome.returned[hold.id] = reject.code
                } else {
                    try connection.query("""
                        UPDATE identity_holds SET status = 'applied', resolved_at = now(), resolved_by = hocai_actor(),
                               applied_batch_id = \(summary.batchID)
                        WHERE id = \(hold.id)
                        """)
                    outcome.applied.append(hold.id)
                }
            }
            try AuditLog.record(action: "identity.decided", subject: "hold:\(id)", details: [
                "keep": keep.rawValue, "corrected": String(outcome.corrected), "applied": String(outcome.applied.count),
                "returned": String(outcome.returned.count),
            ], on: connection)
            logger.info("identity conflict decided", metadata: [
                "hold": "\(id)", "keep": "\(keep.rawValue)", "applied": "\(outcome.applied.count)", "returned": "\(outcome.returned.count)",
            ])
            return outcome
        }
    }

    /// Returns held row `id` to its centre: it is not this person's (its CCCD is wrong). The
    /// person's other held rows stay open.
    public func returnRow(_ id: Int) throws {
        try connection.transaction { connection in
            guard try connection.query("SELECT 1 FROM identity_holds WHERE id = \(id) AND status = 'open' FOR UPDATE").first != nil
            else { throw HocAIError.conflictUnknown(id) }
            try returnHold(id, code: "identity.returned")
            try AuditLog.record(action: "identity.returned", subject: "hold:\(id)", on: connection)
        }
    }

    /// Hold `id` goes back to its centre, with why (`code`).
    private func returnHold(_ id: Int, code: String) throws {
        try connection.query("""
            UPDATE identity_holds SET status = 'returned', resolved_at = now(), resolved_by = hocai_actor(), return_code = \(code)
            WHERE id = \(id)
            """)
    }

    /// An open hold, as a decision reads it.
    private struct Hold {
        let id: Int
        let kind: String
        let center: String?
        let key: String
        let name: String
        let born: CalendarDate
        /// The staged row (`identity_holds.row_data`).
        let data: String
        /// The name of the file it came in.
        let file: String
    }

    private func alias(_ nationalID: String, key: String, born: CalendarDate) throws {
        try connection.query("""
            INSERT INTO person_aliases (national_id, name_key, date_of_birth)
            SELECT \(nationalID), \(key), \(born)
            WHERE NOT EXISTS (SELECT 1 FROM people WHERE national_id = \(nationalID) AND name_key = \(key) AND date_of_birth = \(born))
            ON CONFLICT DO NOTHING
            """)
    }

    /// The stage's columns as the roster fields that carry them.
    private static let fields: [String: RosterField] = [
        "national_id": .nationalID, "sex": .sex, "phone": .phone, "commune_code": .commune,
        "certified_on": .certifiedOn, "trained_by": .trainedBy, "class_code": .classCode, "instructor_id": .instructorID,
        "enrolled_on": .enrolledOn, "completed_on": .completedOn, "result": .result, "score": .score, "issued_by": .issuedBy,
    ]

    /// Applies a held row as the person's, spelled as the register spells them, through the
    /// importer (every check and merge a roster row gets), as a batch of its centre.
    private func apply(_ hold: Hold, name: String, born: CalendarDate, today: CalendarDate) throws -> ImportSummary {
        guard let kind = RosterKind(rawValue: hold.kind),
              let data = try JSONSerialization.jsonObject(with: Data(hold.data.utf8)) as? [String: Any] else {
            throw HocAIError.conflictUnknown(hold.id)
        }
        // A results row carries no name or date of birth (its learner row, applied before it, does).
        var row: [RosterField: String] = kind == .completions ? [:] : [.fullName: name, .dateOfBirth: born.description]
        for (column, value) in data {
            guard let field = Self.fields[column] else { continue }
            row[field] = (value as? String) ?? (value as? NSNumber).map { "\($0)" }
        }
        var options = ImportOptions(kind: kind, center: hold.center)
        options.force = true
        options.today = today
        options.fileName = hold.file
        return try RosterImporter(connection: connection, logger: logger).run(row: row, name: hold.file, options: options)
    }
}

extension IdentityConflicts.HeldRow {
    /// The row as the API and `hocai conflicts --format json` give it (keys in snake case).
    public func object(language: Language) -> [String: Any] {
        var object: [String: Any] = [
            "id": id, "batch_id": batchID, "kind": kind.rawValue, "file_name": fileName, "line": line,
            "full_name": fullName, "date_of_birth": dateOfBirth.description, "differs": differs, "held_at": heldAt,
            "status": status.rawValue, "reason": reason.text(in: language),
        ]
        object["center"] = centerCode
        object["cause"] = cause
        object["resolved_at"] = resolvedAt
        object["return_code"] = returnCode
        return object
    }
}

extension IdentityConflicts.Outcome {
    /// The decision's outcome as the API and `hocai conflicts resolve --format json` give it.
    public var object: [String: Any] {
        ["corrected": corrected, "applied": applied,
         "returned": returned.sorted { $0.key < $1.key }.map { ["id": $0.key, "code": $0.value] as [String: Any] }]
    }
}

extension IdentityConflicts.Conflict {
    /// The person's conflict as an administrator reads it: the register's identity and the rows.
    public func object(language: Language) -> [String: Any] {
        [
            "id": rows.first?.id ?? 0, "national_id": nationalID.digits,
            "registered": ["full_name": fullName, "date_of_birth": dateOfBirth.description],
            "rows": rows.map { $0.object(language: language) },
        ]
    }
}
