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
    var date: String?

    @Option(name: .long, help: "The issuer's CCCD (default: the class's instructor).")
    var issuedBy: String?

    @Option(name: .long, help: "The centre recording it (default: the class's centre).")
    var center: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let date, CalendarDate.parse(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        if let score, !(0...100).contains(score) { throw ValidationError("--score must be from 0 to 100") }
    }

    func run() throws {
        try options.withConnection(json: format == .json) { connection in
            let outcome = try CertificateService(connection: connection, logger: options.logger).certify(
                nationalID: nationalId, classCode: `class`, result: result == .pass ? .pass : .fail, score: score,
                date: date.flatMap(CalendarDate.parse), issuedBy: issuedBy, centerCode: center)
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

    @Option(name: .long, help: "The issuer's public key: a JWK file or its base64url x.")
    var publicKey: String?

    @Option(name: .long, help: "The issuer's check, with --key: whether the credential's holder has this CCCD.")
    var holderNationalId: String?

    @Option(name: .long, help: "The issuer's signing key (for --holder-national-id).")
    var key: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if credential == nil && code == nil { throw ValidationError("give a certificate CODE or --credential FILE") }
        if credential != nil && publicKey == nil { throw ValidationError("--credential needs --public-key") }
        if (holderNationalId == nil) != (key == nil) || (holderNationalId != nil && credential == nil) {
            throw ValidationError("--holder-national-id and --key go together, with --credential")
        }
    }

    func run() throws {
        let vi = options.language == .vi
        if let credential {
            let verified = try options.report(json: format == .json) {
                let jwt = try InputFile.text(credential)
                return try Credential.verify(jwt, publicKey: try SigningKey.PublicKey.read(publicKey!))
            }
            Console.print(vi
                ? "Chứng chỉ số hợp lệ: \(verified.achievement) (\(verified.track)), hiệu lực từ \(verified.validFrom), cấp bởi \(verified.issuer)."
                : "Valid credential: \(verified.achievement) (\(verified.track)), valid from \(verified.validFrom), issued by \(verified.issuer).")
            if let holderNationalId, let key {
                let matches = try options.report {
                    try Credential.holderMatches(try InputFile.text(credential), nationalID: holderNationalId,
                                                 key: try SigningKey.read(from: URL(fileURLWithPath: key)))
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

    @Option(name: .long, help: "The signing key file (from `hocai keys init`).")
    var key: String

    @Option(name: .long, help: "Write the credential here (default: stdout). An existing file is refused unless --force.")
    var output: String?

    @Flag(name: .long, help: "Replace an existing --output file.")
    var force = false

    func run() throws {
        let signingKey = try options.report { try SigningKey.read(from: URL(fileURLWithPath: key)) }
        let target = try options.report { try output.map { try OutputFile(path: $0, existing: force ? .replace : .refuse) } }
        try options.withConnection { connection in
            let jwt = try CertificateService(connection: connection, logger: options.logger).credential(code, key: signingKey)
            if let target {
                try target.write(jwt + "\n")
            } else {
                Console.print(jwt)
            }
        }
    }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khoá ký chứng chỉ số (signing keys).", subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo khoá Ed25519 (mode 0600) và in khoá công khai (make a key; print its public half).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "Where to write the private key (JWK).")
        var out: String

        func run() throws {
            try options.report {
                let key = SigningKey.generate()
                try key.write(to: URL(fileURLWithPath: out))
                Console.print(key.publicKey.jwk)
            }
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
