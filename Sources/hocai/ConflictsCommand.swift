import ArgumentParser
import HocAI

/// `hocai conflicts`: rows held because their CCCD is registered with another name or date of
/// birth, and the administrator's decision on them (`IdentityConflicts`).
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Dòng chờ quyết định về danh tính (rows held for an identity decision).",
        discussion: """
            A roster row whose CCCD the register holds with another name or date of birth is held, \
            not rejected. Decide who the person is (`resolve ID --keep register|row`): every held \
            row of that person is then imported as theirs, except those returned to their centre \
            as not this person's (`--return ID`, or `return ID`).
            """,
        subcommands: [List.self, Resolve.self, Return.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các xung đột đang chờ (list open conflicts).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "Output: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try options.withConnection(json: format == .json) { connection in
                let conflicts = try IdentityConflicts(connection: connection, logger: options.logger).open()
                if format == .json {
                    Console.printJSON(["conflicts": conflicts.map { $0.object(language: options.language) }])
                    return
                }
                let language = options.language
                guard !conflicts.isEmpty else {
                    Console.print(language.text(.noRowsHeld))
                    return
                }
                for conflict in conflicts {
                    Console.print(language.text(.registered(
                        nationalID: conflict.nationalID.digits, name: conflict.fullName, born: conflict.dateOfBirth.vietnameseFormat)))
                    let header = [ConsoleText.rowNumber, .centre, .file, .line, .fullName, .born, .differsIn].map(language.text)
                    Console.print(TextTable(header: header, rows: conflict.rows.map {
                        [String($0.id), $0.centerCode ?? "-", $0.fileName, String($0.line), $0.fullName, $0.dateOfBirth.vietnameseFormat, $0.differsText.text(in: language)]
                    }, rightAligned: [0, 3]).rendered)
                    Console.print("")
                }
                Console.print(language.text(.howToDecide))
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quyết định danh tính của người có dòng SỐ; mọi dòng chờ của người đó được nhập hoặc trả lại (decide; apply or return every held row of that person).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "A held row's number (from `hocai conflicts`).")
        var id: Int

        @Option(name: .long, help: "Whose name and date of birth are right: register, or row (this row's; the register is corrected).")
        var keep: KeepOption

        @Option(name: .customLong("return"), parsing: .upToNextOption,
                help: "Held rows of this person that are not theirs (their CCCD is wrong): returned to their centre.")
        var returning: [Int] = []

        @Option(name: .long, help: "Output: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try options.withConnection(json: format == .json) { connection in
                let outcome = try IdentityConflicts(connection: connection, logger: options.logger)
                    .resolve(id, keep: keep.keep, returning: Set(returning))
                if format == .json {
                    Console.printJSON(outcome.object)
                    return
                }
                if outcome.corrected {
                    Console.print(options.language.text(.registerCorrected))
                }
                Console.print(options.language.text(.appliedAndReturned(applied: outcome.applied.count, returned: outcome.returned.count)))
                for (row, code) in outcome.returned.sorted(by: { $0.key < $1.key }) {
                    Console.print("  \(row): \(code)")
                }
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trả dòng SỐ về trung tâm: dòng không phải của người này (return a held row: it is not this person's).")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The held row's number.")
        var id: Int

        func run() throws {
            try options.withConnection { connection in
                try IdentityConflicts(connection: connection, logger: options.logger).returnRow(id)
                Console.print(options.language.text(.rowReturned(id)))
            }
        }
    }
}

enum KeepOption: String, ExpressibleByArgument, CaseIterable {
    case register, row
    var keep: IdentityConflicts.Keep { self == .register ? .register : .row }
}
