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

    public enum Result: String, Sendable { case pass, fail }

    /// Records one result. The issuer defaults to the class's instructor; the date to today.
    public func certify(
        nationalID: String, classCode: String, result: Result, score: Double? = nil, date: CalendarDate? = nil,
        issuedBy: String? = nil, centerCode: String? = nil, today: CalendarDate = .today()
    ) throws -> CertifyOutcome {
        guard case .success(let id) = NationalID.parse(nationalID) else {
            throw HocAIError.certificationRefused(code: "national_id.invalid", IssueText.text("national_id.invalid"))
        }
        let center: String
        if let centerCode {
            center = try TrainingCenter.normalizedCode(centerCode)
        } else {
            guard let owner = try connection.query("SELECT center_code FROM classes WHERE code = \(classCode)").first else {
                throw HocAIError.certificationRefused(code: "completion.unknown_class", IssueText.text("completion.unknown_class"))
            }
            center = try owner.decode(String.self, at: 0)
        }
        var row: [RosterField: String] = [
            .nationalID: id.digits, .classCode: classCode, .result: result.rawValue,
            .completedOn: (date ?? today).description,
        ]
        if let score { row[.score] = String(score) }
        if let issuedBy { row[.issuedBy] = issuedBy }
        var options = ImportOptions(kind: .completions)
        options.centerCode = center
        options.force = true
        options.today = today
        let summary = try RosterImporter(connection: connection, logger: logger)
            .run(row: row, name: "hocai certify", options: options)
        if let reject = summary.rejects.first {
            throw HocAIError.certificationRefused(code: reject.code, reject.message)
        }
        guard result == .pass else { return CertifyOutcome(status: summary.inserted > 0 ? .recorded : .unchanged, code: nil) }
        let certificate = try connection.query("""
            SELECT code, batch_id = \(summary.batchID) FROM certificates WHERE national_id = \(id.digits) AND track = 'learner'
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

    /// The certificate with this code, masked for showing to anyone.
    public func lookup(_ input: String) throws -> CertificateRecord {
        let code = try parse(input)
        guard let row = try connection.query("""
            SELECT c.track::text, c.issued_on, p.full_name, p.national_id, COALESCE(c.center_code, cl.center_code),
                   tc.name, cl.code, ip.full_name, r.revoked_on, r.reason
            FROM certificates c
            JOIN people p ON p.national_id = c.national_id
            LEFT JOIN classes cl ON cl.id = c.class_id
            LEFT JOIN training_centers tc ON tc.code = COALESCE(c.center_code, cl.center_code)
            LEFT JOIN people ip ON ip.national_id = c.issued_by
            LEFT JOIN revocations r ON r.certificate_code = c.code
            WHERE c.code = \(code.value)
            """).first else {
            throw HocAIError.certificateUnknown(code.grouped)
        }
        let (track, issuedOn, name, id, center, centerName, classCode, issuer, revokedOn, reason) =
            try row.decode((String, CalendarDate, String, String, String?, String?, String?, String?, CalendarDate?, String?).self)
        return CertificateRecord(
            code: code, track: CertificateRecord.Track(rawValue: track) ?? .learner, issuedOn: issuedOn,
            holderName: PersonName(validated: name).masked, holderID: NationalID(validated: id).masked,
            centerCode: center, centerName: centerName, classCode: classCode,
            issuerName: issuer.map { PersonName(validated: $0).masked }, revokedOn: revokedOn, revocationReason: reason)
    }

    /// Marks a certificate revoked, with the reason, the date and the database user who did it.
    /// The certificate stays; revoking an instructor's certificate leaves what they issued alone.
    @discardableResult
    public func revoke(_ input: String, reason: String, on date: CalendarDate = .today()) throws -> CertificateRecord {
        let code = try parse(input)
        let reason = VietnameseText.clean(reason)
        guard !reason.isEmpty else {
            throw HocAIError.invalidArgument(vi: "Cần lý do thu hồi (--reason).", en: "A reason is needed (--reason).")
        }
        _ = try lookup(code.value)
        do {
            try connection.transaction { connection in
                // The report's summary moves with the revocation, in the same transaction.
                let codes = [code.value]
                try connection.query("SELECT apply_certificate_events(\(codes), -1)")
                try connection.query("""
                    INSERT INTO revocations (certificate_code, reason, revoked_on) VALUES (\(code.value), \(reason), \(date))
                    """)
                try connection.query("SELECT apply_certificate_events(\(codes), 1)")
                try AuditLog.record(action: "certificate.revoke", subject: "certificate:\(code.value)", on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw HocAIError.certificateAlreadyRevoked(code.grouped)
        }
        logger.info("certificate revoked", metadata: ["certificate": "\(code.value)"])
        return try lookup(code.value)
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
            GROUP BY t.code ORDER BY t.code
            """).rows
        return try rows.map { row in
            let (trainer, codes) = try row.decode((String, String).self)
            return (try lookup(trainer), codes.split(separator: ",").map { CertificateCode(trusted: String($0)) })
        }
    }

    /// The signed Open Badges credential for a valid certificate (its holder's ID hashed, with salt).
    public func credential(_ input: String, key: SigningKey) throws -> String {
        let record = try lookup(input)
        guard record.isValid else { throw HocAIError.certificateAlreadyRevoked(record.code.grouped) }
        let id = try connection.query("SELECT national_id FROM certificates WHERE code = \(record.code.value)").scalar(String.self)
        return try Credential.issue(record: record, nationalID: id, key: key)
    }
}
