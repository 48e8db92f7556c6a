import Foundation
import Logging
import PostgresLibPQ

/// Issues, revokes and verifies certificates.
///
/// A single `certify` goes through the importer's own checks and merge (as a one-row completions
/// file), so the cascade's rules live in one place: the issuer held a valid certificate on the
/// day, the learner is enrolled, the dates are in order, the class is the centre's.
public struct CertificateService {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    public enum Result: String, Sendable, Codable { case pass, fail }

    /// The scores a result may carry: the roster's rule (`score.invalid` outside it), which the
    /// command line, the API and the instructor's page check before sending one.
    public static let scoreRange: ClosedRange<Double> = 0...100

    /// Records one result. The issuer defaults to the class's instructor; the date to today.
    public func certify(
        nationalID: String, classCode: String, result: Result, score: Double? = nil, date: CalendarDate? = nil,
        issuedBy: String? = nil, centerCode: String? = nil, today: CalendarDate = .today()
    ) throws -> CertifyOutcome {
        guard case .success(let id) = NationalID.parse(nationalID) else {
            throw HocAIError.certificationRefused(code: RosterIssue.Code.nationalIDInvalid.rawValue, IssueText.text(.nationalIDInvalid))
        }
        let center: String
        if let centerCode {
            center = try TrainingCenter.normalizedCode(centerCode)
        } else {
            guard let owner = try connection.query("SELECT center_code FROM classes WHERE code = \(classCode)").first else {
                throw HocAIError.certificationRefused(code: RosterIssue.Code.completionUnknownClass.rawValue, IssueText.text(.completionUnknownClass))
            }
            center = try owner.decode(String.self, at: 0)
        }
        var row: [RosterField: String] = [
            .nationalID: id.digits, .classCode: classCode, .result: result.rawValue,
            .completedOn: (date ?? today).description,
        ]
        if let score { row[.score] = String(score) }
        if let issuedBy { row[.issuedBy] = issuedBy }
        var options = ImportOptions(kind: .completions, center: center)
        options.force = true
        options.today = today
        // A refused result leaves nothing behind: no batch, no audit row. One whose enrolment is
        // held for an identity decision is refused, not held: the instructor records it after.
        options.allOrNothing = true
        options.holdsConflicts = false
        let summary = try RosterImporter(connection: connection, logger: logger)
            .run(row: row, name: "hocai certify", options: options)
        if let reject = summary.rejects.first {
            throw HocAIError.certificationRefused(code: reject.code, reject.message)
        }
        guard result == .pass else { return CertifyOutcome(status: summary.inserted > 0 ? .recorded : .unchanged, code: nil) }
        let certificate = try connection.query("""
            SELECT code, batch_id = \(summary.batchID) FROM certificates
            WHERE national_id = \(id.digits) AND track = 'learner' AND NOT revoked
            """).first
        guard let certificate else { return CertifyOutcome(status: .unchanged, code: nil) }
        let (code, issuedNow) = try certificate.decode((String, Bool?).self)
        let status: CertifyOutcome.Status = issuedNow == true ? .issued : (summary.inserted > 0 ? .alreadyCertified : .unchanged)
        return CertifyOutcome(status: status, code: CertificateCode(trusted: code))
    }

    /// Reads a typed code: a typo is told apart from a code that does not exist.
    public func parse(_ input: String) throws -> CertificateCode {
        switch CertificateCode.parse(input) {
        case .success(let code): return code
        case .failure(.checkFailed): throw HocAIError.certificateMistyped(input)
        case .failure(.malformed): throw HocAIError.certificateMalformed(input)
        }
    }

    /// The certificate with this code, masked for showing to anyone. A valid certificate also says
    /// when its holder first passed: their earliest valid evidence of the track, which is what
    /// the report counts from (the certificate's own date is that of the pass it was issued
    /// from, or of the revocation it follows).
    public func lookup(_ input: String, today: CalendarDate = .today()) throws -> CertificateRecord {
        let code = try parse(input)
        // Through the database's own masking function: the one way anyone (the public, through
        // the server) reads a certificate by its code.
        guard let row = try connection.query("""
            SELECT track, issued_on, holder, holder_id, center_code, center_name, class_code, issuer, revoked_on, reason,
                   revoked_class, first_passed_on
            FROM verify_certificate(\(code.value), \(today))
            """).first else {
            throw HocAIError.certificateUnknown(code.grouped)
        }
        let (track, issuedOn, holder, holderID, center, centerName, classCode, issuer, revokedOn, reason, revokedClass, firstPassed) =
            try row.decode((String, CalendarDate, String, String, String?, String?, String?, String?, CalendarDate?, String?,
                            String?, CalendarDate?).self)
        return CertificateRecord(
            code: code, track: CertificateRecord.Track(rawValue: track) ?? .learner, issuedOn: issuedOn,
            holderName: holder, holderID: holderID, centerCode: center, centerName: centerName, classCode: classCode,
            issuerName: issuer, revokedOn: revokedOn, revocationReason: reason, revokedClass: revokedClass, firstPassedOn: firstPassed)
    }

    /// What a revocation did: the certificate revoked, and the one its holder holds now where
    /// other evidence of theirs stands (a pass in another class, a later pass).
    public struct Revocation: Sendable {
        public let revoked: CertificateRecord
        public let reissued: CertificateRecord?
    }

    /// Revokes a certificate, with the reason, the date and who did it. The revocation voids, from
    /// its date, the evidence it concerns: for a learner, their passes in one class dated on or
    /// before it (the certificate's own class, or `classCode`: another class the holder passed,
    /// when that pass is the one at fault); for a trainer, their
    /// accreditations of that track dated on or before it. What it did not concern stands: if
    /// the holder still has valid evidence, a new certificate is issued at once from the
    /// earliest of it, dated no earlier than the revocation (at most one valid at a time).
    /// Revoking an instructor leaves what they issued alone. The report's summary moves in the
    /// same transaction, under the import lock (one lock order for every writer).
    @discardableResult
    public func revoke(
        _ input: String, reason: String, on date: CalendarDate = .today(), classCode: String? = nil,
        today: CalendarDate = .today()
    ) throws -> Revocation {
        let code = try parse(input)
        let reason = VietnameseText.clean(reason)
        guard !reason.isEmpty else {
            throw HocAIError.invalidArgument(vi: "Cần lý do thu hồi.", en: "A reason for the revocation is needed.")
        }
        guard reason.count <= 500, !reason.unicodeScalars.contains(where: VietnameseText.isInvisibleOrControl) else {
            throw HocAIError.invalidArgument(
                vi: "Lý do thu hồi tối đa 500 ký tự, không có ký tự điều khiển hay ký tự ẩn.",
                en: "A reason has at most 500 characters and no control or invisible characters.")
        }
        guard date <= today else {
            throw HocAIError.invalidArgument(vi: "Ngày thu hồi không được ở tương lai.", en: "The revocation date cannot be in the future.")
        }
        var reissued: String?
        do {
            try connection.transaction { connection in
                try connection.query("SELECT pg_advisory_xact_lock(\(RosterMerge.lockKey))")
                guard let row = try connection.query("""
                    SELECT national_id, track::text, revoked FROM certificates WHERE code = \(code.value) FOR UPDATE
                    """).first else { throw HocAIError.certificateUnknown(code.grouped) }
                let (holder, track, revoked) = try row.decode((String, String, Bool).self)
                if revoked { throw HocAIError.certificateAlreadyRevoked(code.grouped) }
                // The evidence the revocation concerns must exist on or before its date.
                var classID: Int?
                if track == "learner" {
                    let concerned = try classCode ?? connection.query("""
                        SELECT cl.code FROM certificates c JOIN classes cl ON cl.id = c.class_id WHERE c.code = \(code.value)
                        """).scalar(String.self)
                    guard let found = try connection.query("""
                        SELECT cl.id FROM completions x JOIN classes cl ON cl.id = x.class_id
                        WHERE cl.code = \(concerned) AND x.national_id = \(holder) AND x.result = 'pass' AND x.completed_on <= \(date)
                        LIMIT 1
                        """).first?.decode(Int.self, at: 0) else {
                        throw HocAIError.invalidArgument(
                            vi: "Người này không có kết quả Đạt ở lớp \(concerned) vào hoặc trước ngày thu hồi \(date.vietnameseFormat).",
                            en: "The holder has no pass in class \(concerned) on or before the revocation date \(date).")
                    }
                    classID = found
                } else {
                    guard classCode == nil else {
                        throw HocAIError.invalidArgument(
                            vi: "Chỉ chứng nhận học viên mới thu hồi theo lớp.", en: "Only a learner certificate is revoked for a class.")
                    }
                    guard try connection.query("""
                        SELECT EXISTS (SELECT 1 FROM accreditations WHERE national_id = \(holder)
                                       AND track = \(track)::certificate_track AND certified_on <= \(date))
                        """).scalar(Bool.self) else {
                        throw HocAIError.invalidArgument(
                            vi: "Người này chưa được công nhận vào hoặc trước ngày thu hồi \(date.vietnameseFormat).",
                            en: "The holder was not certified on or before the revocation date \(date).")
                    }
                }
                let holders = [holder]
                try connection.query("SELECT apply_person_events(\(holders), -1)")
                try connection.query("""
                    INSERT INTO revocations (certificate_code, reason, revoked_on, class_id)
                    VALUES (\(code.value), \(reason), \(date), \(classID))
                    """)
                reissued = try reissue(holder: holder, track: track, after: date, on: connection)
                try connection.query("SELECT apply_person_events(\(holders), 1)")
                var details = ["revoked_on": date.description]
                if let reissued { details["reissued"] = reissued }
                try AuditLog.record(action: "certificate.revoke", subject: "certificate:\(code.value)", details: details, on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw HocAIError.certificateAlreadyRevoked(code.grouped)
        }
        logger.info("certificate revoked", metadata: ["certificate": "\(code.value)", "reissued": "\(reissued != nil)"])
        return Revocation(revoked: try lookup(code.value, today: today), reissued: try reissued.map { try lookup($0, today: today) })
    }

    /// A new certificate for `holder` from their earliest evidence of `track` still valid, if
    /// any, dated no earlier than `revokedOn`. Returns its code.
    private func reissue(holder: String, track: String, after revokedOn: CalendarDate, on connection: PostgresConnection) throws -> String? {
        guard let evidence = try connection.query("""
            SELECT day, class_id, NULLIF(center_code, ''), issuer FROM valid_evidence(\(holder), ARRAY[\(track)]::certificate_track[], 'infinity')
            ORDER BY day, center_code, class_code LIMIT 1
            """).first else { return nil }
        let (day, classID, center, issuer) = try evidence.decode((CalendarDate, Int?, String?, String?).self)
        let code = CertificateCode.random().value
        try connection.query("""
            INSERT INTO certificates (code, national_id, track, issued_on, issued_by, class_id, center_code)
            VALUES (\(code), \(holder), \(track)::certificate_track, \(max(day, revokedOn)), \(issuer), \(classID),
                    CASE WHEN \(track) = 'instructor' THEN \(center) END)
            """)
        return code
    }

    /// For each revoked trainer certificate, the certificates its holder issued on or after the
    /// revocation date: they stand (revocation is not retroactive) but an official should look.
    public func issuedAfterRevocation() throws -> [(trainer: CertificateRecord, issued: [CertificateCode])] {
        let rows = try connection.query("""
            SELECT t.code, array_to_string(array_agg(c.code ORDER BY c.code), ',')
            FROM certificates t
            JOIN revocations r ON r.certificate_code = t.code
            JOIN certificates c ON c.issued_by = t.national_id AND c.issued_on >= r.revoked_on
            WHERE t.track IN ('expert', 'instructor')
              AND NOT holds_valid_certificate(t.national_id, ARRAY['expert', 'instructor']::certificate_track[], c.issued_on)
            GROUP BY t.code ORDER BY t.code
            """).rows
        return try rows.map { row in
            let (trainer, codes) = try row.decode((String, String).self)
            return (try lookup(trainer), codes.split(separator: ",").map { CertificateCode(trusted: String($0)) })
        }
    }

    /// The signed Open Badges credential for a valid certificate (its holder identified by a keyed
    /// hash only the issuer can compute: `Credential`), under the set's active key, with the
    /// certificate's revocation status list entry (given now, the first time). `baseURL` is the
    /// register's public address (`PublicAddress`).
    public func credential(_ input: String, keys: SigningKeySet, baseURL: String) throws -> String {
        let record = try lookup(input)
        guard record.isValid else { throw HocAIError.certificateAlreadyRevoked(record.code.grouped) }
        let key = try keys.active
        return try connection.transaction { connection in
            let id = try connection.query("SELECT national_id FROM certificates WHERE code = \(record.code.value)").scalar(String.self)
            let (list, index) = try connection.query("SELECT list, status_index FROM assign_status_entry(\(record.code.value))")
                .rows[0].decode((Int, Int).self)
            return try Credential.issue(record: record, nationalID: id, key: key, status: StatusList.Entry(list: list, index: index),
                                        baseURL: baseURL)
        }
    }

    /// What the printable certificate shows: the record as anyone may see it, and the holder's
    /// full name, which only the holder's centre and administrators may read (row-level
    /// security): `not_found` for anyone else. A revoked certificate is not printed.
    public func printable(_ input: String) throws -> CertificatePrint.Content {
        let record = try lookup(input)
        guard record.isValid else { throw HocAIError.certificateAlreadyRevoked(record.code.grouped) }
        guard let name = try connection.query("""
            SELECT p.full_name FROM certificates c JOIN people p ON p.national_id = c.national_id WHERE c.code = \(record.code.value)
            """).first?.decode(String.self, at: 0) else { throw HocAIError.notFound() }
        return CertificatePrint.Content(record: record, fullName: name)
    }

    /// The indices of list `list` whose certificates are revoked, as the register stands.
    public func revokedStatusIndices(list: Int) throws -> [Int] {
        try connection.query("SELECT i FROM status_list_revoked(\(list)::integer) AS i").rows.map { try $0.decode(Int.self, at: 0) }
    }

    /// Moves with every revocation and every new list entry: a signed list is current while it
    /// has not moved.
    public func statusListVersion() throws -> Int {
        try connection.query("SELECT status_list_version()").scalar(Int.self)
    }
}
