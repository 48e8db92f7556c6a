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
            let language = options.language, code = outcome.code?.grouped ?? ""
            switch outcome.status {
            case .issued: Console.print(language.text(.certificateIssued(code)))
            case .alreadyCertified: Console.print(language.text(.alreadyCertified(code)))
            case .recorded: Console.print(language.text(.failRecorded))
            case .unchanged: Console.print(language.text(.resultUnchanged))
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
            let language = options.language
            Console.print(language.text(.certificateRevoked(record.code.grouped, on: record.revokedOn.map(language.date) ?? "")))
            if let reissued = result.reissued {
                Console.print(language.text(.reissued(reissued.code.grouped)))
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
        let language = options.language
        if let credential {
            let (verified, status) = try options.report(json: format == .json) { () -> (Credential.Verified, (list: StatusList.Verified, revoked: Bool)?) in
                let keys = try PublicKeySet.parse(try InputFile.text(publicKey!), source: publicKey!)
                let verified = try Credential.verify(try InputFile.text(credential), keys: keys)
                guard let statusList else { return (verified, nil) }
                return (verified, try StatusList.check(verified, against: try InputFile.text(statusList), keys: keys))
            }
            let list = status?.list
            if let status, status.revoked {
                Console.print(language.text(.credentialRevoked(
                    achievement: verified.achievement, track: verified.track, listFrom: "\(status.list.validFrom)")))
                throw ExitCode.failure
            }
            Console.print(language.text(.credentialValid(
                achievement: verified.achievement, track: verified.track, validFrom: "\(verified.validFrom)", issuer: verified.issuer))
                + (list.map { language.text(.notRevokedPerList(listFrom: "\($0.validFrom)")) } ?? "") + ".")
            if let holderNationalId, let key {
                let matches = try options.report {
                    try Credential.holderMatches(try InputFile.text(credential), nationalID: holderNationalId,
                                                 keys: try SigningKeySet.read(from: URL(fileURLWithPath: key)))
                }
                Console.print(language.text(matches ? .holderMatches : .holderDoesNotMatch))
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
                Console.print(options.language.text(.certificatePrinted(file: output, code: content.record.code.grouped, link: link)))
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

        @OptionGroup var keyFile: KeyFile

        func run() throws {
            let added = try options.report { try keyFile.update { $0.rotate() } }
            Console.print(added.publicKey.jwk)
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ngừng dùng một khoá để ký; vẫn dùng để kiểm tra (stop a key signing; it still verifies).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The key's id (kid), as `hocai keys list` shows it.")
        var kid: String

        @OptionGroup var keyFile: KeyFile

        func run() throws {
            try options.report { try keyFile.update { try $0.retire(kid: kid) } }
            Console.print(options.language.text(.keyRetired(kid)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các khoá (list the keys).")

        @OptionGroup var options: GlobalOptions

        @OptionGroup var keyFile: KeyFile

        func run() throws {
            let set = try options.report { try keyFile.read() }
            let language = options.language
            let active = try? set.active.kid
            Console.print(TextTable(
                header: [ConsoleText.keyID, .created, .status].map(language.text),
                rows: set.entries.map { entry in
                    let status = entry.key.kid == active ? language.text(.signing)
                        : entry.retired.map { language.text(.retiredOn($0.description)) } ?? language.text(.verifiesOnly)
                    return [entry.key.kid, entry.created?.description ?? "", status]
                }).rendered)
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In bộ khoá công khai (JWKS), như /.well-known/jwks.json (print the public key set).")

        @OptionGroup var options: GlobalOptions

        @OptionGroup var keyFile: KeyFile

        func run() throws {
            let set = try options.report { try keyFile.read() }
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
            let language = options.language
            if list.isEmpty {
                Console.print(language.text(.noneIssuedAfterRevocation))
            }
            for (trainer, issued) in list {
                Console.print(language.text(.issuedAfterRevocation(
                    holder: "\(trainer.holderName) (\(trainer.holderID))", revokedOn: trainer.revokedOn.map(language.date) ?? "",
                    count: issued.count, codes: issued.map(\.grouped).joined(separator: ", "))))
            }
        }
    }
}
