import Foundation

/// A certificate as shown to whoever verifies it: masked holder, status.
public enum CertificateText {
    public static func text(_ record: CertificateRecord, language: Language) -> String {
        func line(_ label: HocAIText, _ value: String) -> String { language.text(label) + ": " + value }
        var lines = [
            line(.certificate, record.code.grouped),
            line(.holder, "\(record.holderName) (\(record.holderID))"),
            line(.track, record.track.name(in: language)),
            line(.issuedOn, language.date(record.issuedOn)),
        ]
        if let center = record.centerCode {
            lines.append(line(.centre, [record.centerName, center].compactMap { $0 }.joined(separator: " — ")))
        }
        if let classCode = record.classCode { lines.append(line(.classLabel, classCode)) }
        if let first = record.firstPassedOn, first != record.issuedOn {
            lines.append(line(.firstPassedOn, language.date(first)))
        }
        lines.append(line(.issuedBy, record.issuerName ?? language.text(.theProvince)))
        if let revokedOn = record.revokedOn {
            lines.append(language.text(.statusRevoked(on: language.date(revokedOn))) + " — " + (record.revocationReason ?? ""))
        } else {
            lines.append(language.text(.statusValid))
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ record: CertificateRecord) -> String {
        (try? JSONText.string(fields(record))) ?? "{}"
    }

    /// What `json` writes, as an object a caller can add to.
    public static func fields(_ record: CertificateRecord) -> [String: Any] {
        var object: [String: Any] = [
            "code": record.code.grouped, "track": record.track.rawValue, "issued_on": record.issuedOn.description,
            "holder": record.holderName, "national_id": record.holderID, "status": record.isValid ? "valid" : "revoked",
        ]
        object["center"] = record.centerCode
        object["class"] = record.classCode
        object["issued_by"] = record.issuerName
        object["revoked_on"] = record.revokedOn?.description
        object["revocation_reason"] = record.revocationReason
        object["revoked_class"] = record.revokedClass
        object["first_passed_on"] = record.firstPassedOn?.description
        return object
    }
}
