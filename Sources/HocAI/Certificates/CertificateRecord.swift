/// A certificate as anyone holding its code may see it: personal data masked.
public struct CertificateRecord: Sendable, Equatable {
    public enum Track: String, Sendable {
        case expert, instructor, learner

        public var vietnameseName: String {
            switch self {
            case .expert: "Chuyên gia cấp tỉnh"
            case .instructor: "Giảng viên nòng cốt"
            case .learner: "Học viên hoàn thành"
            }
        }

        public var englishName: String {
            switch self {
            case .expert: "Provincial expert trainer"
            case .instructor: "Core instructor"
            case .learner: "Learner (completed)"
            }
        }
    }

    public let code: CertificateCode
    public let track: Track
    public let issuedOn: CalendarDate
    /// `Nguyễn V. A.`
    public let holderName: String
    /// `019*******98`
    public let holderID: String
    public let centerCode: String?
    public let centerName: String?
    public let classCode: String?
    /// The issuer's masked name; `nil` for an expert, certified by the province.
    public let issuerName: String?
    public let revokedOn: CalendarDate?
    public let revocationReason: String?
    /// The class whose pass the revocation voided (learner certificates).
    public let revokedClass: String?
    /// When the holder first passed, counting only what is still valid (valid certificates).
    public let firstPassedOn: CalendarDate?

    public var isValid: Bool { revokedOn == nil }
}

/// What `hocai certify` did.
public struct CertifyOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// A pass that gave the learner their certificate.
        case issued
        /// A pass recorded; the learner already held a certificate (its code is given).
        case alreadyCertified = "already_certified"
        /// A fail recorded.
        case recorded
        /// The same result was recorded before: nothing changed.
        case unchanged
    }

    public let status: Status
    public let code: CertificateCode?

    public init(status: Status, code: CertificateCode?) {
        self.status = status
        self.code = code
    }
}
