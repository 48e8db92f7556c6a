import ArgumentParser
import HocAI

struct CenterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "center",
        abstract: "Quản lý trung tâm đào tạo (training centres).",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm một trung tâm (add a centre).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Centre code, e.g. TTGDTX-DAITU (A–Z, 0–9, -, _).")
        var code: String

        @Option(name: .long, help: "Centre name.")
        var name: String

        @Option(name: .long, help: "Commune: official 5-digit code or name, e.g. 05443 or \"Phường Phan Đình Phùng\".")
        var commune: String

        func validate() throws {
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--name must not be empty")
            }
        }

        func run() throws {
            try options.withConnection { connection in
                let center = try CenterService(connection: connection, logger: options.logger)
                    .add(code: code, name: name, commune: commune)
                Console.print(options.language.text(.centreAdded(
                    code: center.code, name: center.name, commune: center.commune.fullName, communeCode: center.commune.code)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các trung tâm (list centres).")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.withConnection { connection in
                let centers = try CenterService(connection: connection, logger: options.logger).list()
                let header = [ConsoleText.code, .name, .commune].map(options.language.text)
                Console.print(TextTable(header: header, rows: centers.map {
                    [$0.code, $0.name, "\($0.commune.fullName) (\($0.commune.code))"]
                }).rendered)
            }
        }
    }
}
