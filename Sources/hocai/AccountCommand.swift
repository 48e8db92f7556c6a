import ArgumentParser
import Foundation
import HocAI
import HocAIPasswords

enum RoleOption: String, ExpressibleByArgument, CaseIterable {
    case admin, official, centre, instructor
    var role: AccountRole { AccountRole(rawValue: rawValue)! }
}

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Tài khoản người dùng dịch vụ (accounts of the service's users).",
        subcommands: [Add.self, List.self, Disable.self, Password.self, Token.self]
    )

    /// A password from stdin when it is not a terminal (a script), else generated and shown once.
    static func passwordFromInput() -> String? {
        guard isatty(STDIN_FILENO) == 0 else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        return text.isEmpty ? nil : text
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thêm tài khoản (add an account). The password is read from stdin when it is not a terminal; otherwise one is generated and shown once.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Login: 3–64 of a–z, 0–9, . _ -")
        var login: String

        @Option(name: .long, help: "admin, official, centre or instructor.")
        var role: RoleOption

        @Option(name: .long, help: "The centre (centre accounts).")
        var center: String?

        @Option(name: .long, help: "The instructor's CCCD (instructor accounts).")
        var nationalId: String?

        func run() throws {
            let password = AccountCommand.passwordFromInput()
            try options.withConnection { connection in
                let (account, generated) = try AccountService(connection: connection, logger: options.logger)
                    .add(login: login, role: role.role, center: center, nationalID: nationalId, password: password,
                         passwords: BcryptHashing())
                Console.print(options.language.text(.accountAdded(login: account.login, role: account.role.rawValue)))
                if let generated {
                    Console.print(options.language.text(.passwordShownOnce(generated)))
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản (list accounts).")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.withConnection { connection in
                let accounts = try AccountService(connection: connection, logger: options.logger).list()
                let language = options.language
                Console.print(TextTable(
                    header: [language.text(.login), language.text(.role), language.text(.centre), "CCCD", language.text(.status)],
                    rows: accounts.map {
                        [$0.login, $0.role.rawValue, $0.centerCode ?? "", $0.nationalID.map { NationalID(validated: $0).masked } ?? "",
                         language.text($0.disabled ? .disabled : .active)]
                    }).rendered)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khoá tài khoản; có hiệu lực ngay (disable an account, at once).")
        @OptionGroup var options: GlobalOptions
        @Argument var login: String

        func run() throws {
            try options.withConnection { connection in
                try AccountService(connection: connection, logger: options.logger).disable(login)
                Console.print(options.language.text(.accountDisabled(login)))
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đặt mật khẩu mới (set a new password: from stdin when it is not a terminal, else generated and shown once).")
        @OptionGroup var options: GlobalOptions
        @Argument var login: String

        func run() throws {
            let password = AccountCommand.passwordFromInput()
            try options.withConnection { connection in
                let generated = try AccountService(connection: connection, logger: options.logger).setPassword(login, to: password, passwords: BcryptHashing())
                let language = options.language
                Console.print(generated.map { language.text(.newPasswordShownOnce($0)) } ?? language.text(.passwordSet))
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo mã API mới, in ra một lần (a new API token, printed alone on stdout, once); --revoke revokes them all.")
        @OptionGroup var options: GlobalOptions
        @Argument var login: String
        @Flag(name: .long, help: "Revoke every token of the account instead.")
        var revoke = false

        func run() throws {
            try options.withConnection { connection in
                let accounts = AccountService(connection: connection, logger: options.logger)
                if revoke {
                    let count = try accounts.revokeTokens(login)
                    Console.error(options.language.text(.tokensRevoked(count)))
                } else {
                    Console.print(try accounts.issueToken(login))
                }
            }
        }
    }
}
