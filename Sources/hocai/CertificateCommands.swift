import ArgumentParser
import Foundation
import HocAI

enum ResultOption: String, ExpressibleByArgument, CaseIterable {
    case pass, fail
}

struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Ghi kết quả một học viên; Đạt thì cấp chứng nhận (record one result; a pass is a certificate)."
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "The learner's 12-digit CCCD.")
    var nationalId: String

    @Option(name: .long, help: "Class code.")
    var `class`: String

    @Option(name: .long, help: "pass or fail.")
    var result: ResultOption

    @Option(name: .long, help: "Score from 0 to 100.")
    var score: Double?

    @Option(name: .long, help: "Completion date, YYYY-MM-DD (default: today).")
    var date: CalendarDate?

    @Option(name: .long, help: "The issuer's CCCD (default: the class's instructor).")
    var issuedBy: String?

    @Option(name: .long, help: "The centre recording it (default: the class's centre).")
    var center: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let score, !CertificateService.scoreRange.contains(score) { throw ValidationError("--score must be from 0 to 100") }
    }

    func run() throws {
        try options.withConnection(json: format == .json) { connection in
            let outcome = try CertificateService(connection: connection, logger: options.logger).certify(
                nationalID: nationalId, classCode: `class`, result: result == .pass ? .pass : .fail, score: score,
                date: date, issuedBy: issuedBy, centerCode: center)
            if format == .json {
                let code = outcome.code.map { "\"\($0.grouped)\"" } ?? "null"
                Console.print("{\"code\":\(code),\"status\":\"\(outcome.status.rawValue)\"}")
                return
            }
            let vi = options.language == .vi
            switch outcome.status {
            case .issued: Console.print(vi ? "Đã cấp chứng nhận \(outcome.code!.grouped)" : "Certificate issued: \(outcome.code!.grouped)")
            case .alreadyCertified:
                Console.print(vi ? "Đã ghi kết quả; học viên đã có chứng nhận \(outcome.code!.grouped)"
                                 : "Result recorded; the learner already holds certificate \(outcome.code!.grouped)")
            case .recorded: Console.print(vi ? "Đã ghi kết quả Không đạt." : "Fail recorded.")
            case .unchanged:
                Console.print(vi ? "Kết quả này đã được ghi trước đây; không thay đổi gì." : "This result was already recorded; nothing changed.")
            }
        }
    }
}

struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Thu hồi một chứng nhận; bản ghi vẫn được giữ (revoke a certificate; the record stays).",
        discussion: """
            The revocation voids, from today, the holder's pass in the certificate's class (or in \
            --class, another class whose pass this certificate covers); a trainer's certification of \
            that track. What it does not concern stands: where the holder has another valid pass, a \
            new certificate is issued at once and printed.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Certificate code, e.g. 7KQ2-M9XD-4PT8.")
    var code: String

    @Option(name: .long, help: "Why it is revoked.")
    var reason: String

    @Option(name: .long, help: "The class whose pass is void (default: the certificate's own class).")
    var `class`: String?

    func run() throws {
        try options.withConnection { connection in
            let result = try CertificateService(connection: connection, logger: options.logger)
                .revoke(code, reason: reason, classCode: `class`)
            let record = result.revoked
            Console.print(options.language == .vi
                ? "Đã thu hồi chứng nhận \(record.code.grouped) ngày \(record.revokedOn!.vietnameseFormat)."
                : "Certificate \(record.code.grouped) revoked on \(record.revokedOn!.description).")
            if let reissued = result.reissued {
                Console.print(options.language == .vi
                    ? "Người này vẫn còn kết quả hợp lệ ở lớp khác: đã cấp chứng nhận mới \(reissued.code.grouped)."
                    : "The holder still has valid evidence elsewhere: new certificate \(reissued.code.grouped) issued.")
            }
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Kiểm tra một chứng nhận theo mã, hoặc một chứng chỉ số không cần mạng (verify a certificate or credential).",
        discussion: "Exit status 0 for a valid certificate or credential, 1 otherwise."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Certificate code (omit with --credential).")
    var code: String?

    @Option(name: .long, help: "A credential file (VC-JWT) to verify offline.")
    var credential: String?

    @Option(name: .long, help: "The issuer's public keys: a JWKS or JWK file, a JWKS URL (…/.well-known/jwks.json), or a key's base64url x.")
    var publicKey: String?

    @Option(name: .long, help: "With --credential: a revocation status list (a file or its URL) to check the credential against.")
    var statusList: String?

    @Option(name: .long, help: "The issuer's check, with --key: whether the credential's holder has this CCCD.")
    var holderNationalId: String?

    @Option(name: .long, help: "The issuer's signing key file (for --holder-national-id).")
    var key: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if credential == nil && code == nil { throw ValidationError("give a certificate CODE or --credential FILE") }
        if credential != nil && publicKey == nil { throw ValidationError("--credential needs --public-key") }
        if statusList != nil && credential == nil { throw ValidationError("--status-list goes with --credential") }
        if (holderNationalId == nil) != (key == nil) || (holderNationalId != nil && credential == nil) {
            throw ValidationError("--holder-national-id and --key go together, with --credential")
        }
    }

    func run() throws {
        let vi = options.language == .vi
        if let credential {
            let (verified, status) = try options.report(json: format == .json) { () -> (Credential.Verified, (list: StatusList.Verified, revoked: Bool)?) in
                let keys = try PublicKeySet.parse(try InputFile.text(publicKey!), source: publicKey!)
                let verified = try Credential.verify(try InputFile.text(credential), keys: keys)
                guard let statusList else { return (verified, nil) }
                return (verified, try StatusList.check(verified, against: try InputFile.text(statusList), keys: keys))
            }
            let list = status?.list
            if let status, status.revoked {
                Console.print(vi
                    ? "Chứng chỉ số ĐÃ BỊ THU HỒI: \(verified.achievement) (\(verified.track)); theo danh sách trạng thái lập lúc \(status.list.validFrom). Ngày và lý do thu hồi: tra mã chứng nhận trên trang xác minh."
                    : "Credential REVOKED: \(verified.achievement) (\(verified.track)), per the status list of \(status.list.validFrom). The date and reason: look the certificate up on the verification page.")
                throw ExitCode.failure
            }
            Console.print(vi
                ? "Chứng chỉ số hợp lệ: \(verified.achievement) (\(verified.track)), hiệu lực từ \(verified.validFrom), cấp bởi \(verified.issuer)\(list.map { "; chưa bị thu hồi theo danh sách lập lúc \($0.validFrom)" } ?? "")."
                : "Valid credential: \(verified.achievement) (\(verified.track)), valid from \(verified.validFrom), issued by \(verified.issuer)\(list.map { "; not revoked per the status list of \($0.validFrom)" } ?? "").")
            if let holderNationalId, let key {
                let matches = try options.report {
                    try Credential.holderMatches(try InputFile.text(credential), nationalID: holderNationalId,
                                                 keys: try SigningKeySet.read(from: URL(fileURLWithPath: key)))
                }
                Console.print(matches
                    ? (vi ? "Người giữ chứng chỉ đúng là người có số CCCD này." : "The holder is the person with this national ID.")
                    : (vi ? "Người giữ chứng chỉ KHÔNG phải người có số CCCD này." : "The holder is NOT the person with this national ID."))
                if !matches { throw ExitCode.failure }
            }
            return
        }
        let record = try options.withConnection(json: format == .json) { connection in
            return try CertificateService(connection: connection, logger: options.logger).lookup(code!)
        }
        if format == .json {
            Console.print(CertificateText.json(record))
        } else {
            Console.print(CertificateText.text(record, language: options.language))
        }
        if !record.isValid { throw ExitCode.failure }
    }
}

struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Xuất chứng chỉ số Open Badges 3.0 đã ký (a signed Open Badges 3.0 credential, VC-JWT)."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Certificate code.")
    var code: String

    @Option(name: .long, help: "The signing key file (from `hocai keys init`; its active key signs).")
    var key: String

    @Option(name: .long, help: "Write the credential here (default: stdout). An existing file is refused unless --force.")
    var output: String?

    @Flag(name: .long, help: "Replace an existing --output file.")
    var force = false

    func run() throws {
        let keys = try options.report { try SigningKeySet.read(from: URL(fileURLWithPath: key)) }
        let target = try options.report { try output.map { try OutputFile(path: $0, existing: force ? .replace : .refuse) } }
        try options.withConnection { connection in
            let jwt = try CertificateService(connection: connection, logger: options.logger)
                .credential(code, keys: keys, baseURL: try PublicAddress.read(from: connection))
            if let target {
                try target.write(jwt + "\n")
            } else {
                Console.print(jwt)
            }
        }
    }
}

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Giấy chứng nhận in được (the printable certificate).", subcommands: [Print.self])

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi trang chứng nhận khổ A4 có mã QR tra cứu (write the A4 certificate page with its verification QR code).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Certificate code.")
        var code: String

        @Option(name: .long, help: "The HTML file to write (refused if it exists, unless --force).")
        var output: String

        @Flag(name: .long, help: "Replace an existing --output file.")
        var force = false

        func run() throws {
            let target = try options.report { try OutputFile(path: output, existing: force ? .replace : .refuse) }
            try options.withConnection { connection in
                let content = try CertificateService(connection: connection, logger: options.logger).printable(code)
                let baseURL = try PublicAddress.read(from: connection)
                try target.write(try CertificatePrint.document(content, baseURL: baseURL, language: options.language).markup)
                let link = CertificatePrint.verifyURL(content.record.code, baseURL: baseURL)
                Console.print(options.language == .vi
                    ? "Đã ghi \(output): chứng nhận \(content.record.code.grouped), mã QR dẫn tới \(link)."
                    : "Wrote \(output): certificate \(content.record.code.grouped), its QR code linking to \(link).")
            }
        }
    }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khoá ký chứng chỉ số (signing keys).",
        discussion: """
            A key file holds a set of Ed25519 keys (a private JWKS, mode 0600). The newest key not \
            retired signs; the others still verify what they signed and stay published \
            (/.well-known/jwks.json, `hocai keys public`).
            """,
        subcommands: [Init.self, Rotate.self, Retire.self, List.self, Public.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo tệp khoá mới (mode 0600) và in khoá công khai (make a key file; print its public key).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "Where to write the key file (refused if it exists).")
        var out: String

        func run() throws {
            try options.report {
                let set = SigningKeySet.generate()
                try set.write(to: URL(fileURLWithPath: out))
                Console.print(try set.active.publicKey.jwk)
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thêm khoá mới, từ nay dùng để ký (add a key that signs from now on; the old ones still verify).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "The key file.")
        var key: String

        func run() throws {
            try options.report {
                let url = URL(fileURLWithPath: key)
                var set = try SigningKeySet.read(from: url)
                let added = set.rotate()
                try set.write(to: url, replacing: true)
                Console.print(added.publicKey.jwk)
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ngừng dùng một khoá để ký; vẫn dùng để kiểm tra (stop a key signing; it still verifies).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The key's id (kid), as `hocai keys list` shows it.")
        var kid: String

        @Option(name: .long, help: "The key file.")
        var key: String

        func run() throws {
            try options.report {
                let url = URL(fileURLWithPath: key)
                var set = try SigningKeySet.read(from: url)
                try set.retire(kid: kid)
                try set.write(to: url, replacing: true)
            }
            Console.print(options.language == .vi ? "Khoá \(kid) đã ngừng ký." : "Key \(kid) no longer signs.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các khoá (list the keys).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "The key file.")
        var key: String

        func run() throws {
            let set = try options.report { try SigningKeySet.read(from: URL(fileURLWithPath: key)) }
            let vi = options.language == .vi
            let active = try? set.active.kid
            Console.print(TextTable(
                header: vi ? ["Mã khoá (kid)", "Ngày tạo", "Trạng thái"] : ["Key id (kid)", "Created", "Status"],
                rows: set.entries.map { entry in
                    let status = entry.key.kid == active ? (vi ? "đang ký" : "signing")
                        : entry.retired.map { (vi ? "ngừng ký " : "retired ") + $0.description } ?? (vi ? "chỉ kiểm tra" : "verifies only")
                    return [entry.key.kid, entry.created?.description ?? "", status]
                }).rendered)
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In bộ khoá công khai (JWKS), như /.well-known/jwks.json (print the public key set).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "The key file.")
        var key: String

        func run() throws {
            let set = try options.report { try SigningKeySet.read(from: URL(fileURLWithPath: key)) }
            Console.print(set.publicKeys.jwks)
        }
    }
}

struct RevocationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revocations",
        abstract: "Chứng nhận do người đã bị thu hồi cấp sau ngày thu hồi (what revoked trainers issued afterwards)."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.withConnection { connection in
            let list = try CertificateService(connection: connection, logger: options.logger).issuedAfterRevocation()
            let vi = options.language == .vi
            if list.isEmpty {
                Console.print(vi ? "Không có chứng nhận nào được cấp sau khi người cấp bị thu hồi." : "No certificate was issued after its issuer's revocation.")
            }
            for (trainer, issued) in list {
                Console.print(vi
                    ? "\(trainer.holderName) (\(trainer.holderID)), thu hồi \(trainer.revokedOn!.vietnameseFormat): \(issued.count) chứng nhận cấp sau đó: \(issued.map(\.grouped).joined(separator: ", "))"
                    : "\(trainer.holderName) (\(trainer.holderID)), revoked \(trainer.revokedOn!.description): \(issued.count) issued afterwards: \(issued.map(\.grouped).joined(separator: ", "))")
            }
        }
    }
}
