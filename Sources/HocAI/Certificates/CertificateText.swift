import Foundation

/// A certificate as shown to whoever verifies it: masked holder, status.
public enum CertificateText {
    public static func text(_ record: CertificateRecord, language: Language) -> String {
        let vi = language == .vi
        var lines = [
            (vi ? "Mã chứng nhận: " : "Certificate: ") + record.code.grouped,
            (vi ? "Người được cấp: " : "Holder: ") + "\(record.holderName) (\(record.holderID))",
            (vi ? "Loại: " : "Track: ") + (vi ? record.track.vietnameseName : record.track.englishName),
            (vi ? "Ngày cấp: " : "Issued on: ") + (vi ? record.issuedOn.vietnameseFormat : record.issuedOn.description),
        ]
        if let center = record.centerCode {
            lines.append((vi ? "Trung tâm: " : "Centre: ") + [record.centerName, center].compactMap { $0 }.joined(separator: " — "))
        }
        if let classCode = record.classCode { lines.append((vi ? "Lớp: " : "Class: ") + classCode) }
        if let first = record.firstPassedOn, first != record.issuedOn {
            lines.append((vi ? "Đạt lần đầu: " : "First passed on: ") + (vi ? first.vietnameseFormat : first.description))
        }
        lines.append((vi ? "Người cấp: " : "Issued by: ") + (record.issuerName ?? (vi ? "UBND tỉnh Thái Nguyên" : "the province")))
        if let revokedOn = record.revokedOn {
            lines.append((vi ? "Trạng thái: ĐÃ THU HỒI ngày " : "Status: REVOKED on ")
                + (vi ? revokedOn.vietnameseFormat : revokedOn.description) + " — " + (record.revocationReason ?? ""))
        } else {
            lines.append(vi ? "Trạng thái: CÒN HIỆU LỰC" : "Status: VALID")
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
