import ArgumentParser
import Foundation
import HocAI

/// `hocai template learners --output mau-hoc-vien.xlsx`: the workbook a centre fills in.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Sổ tính Excel mẫu để điền danh sách (the .xlsx template for a roster kind).",
        discussion: """
            Vietnamese headers hocai reads; CCCD, phone and date columns formatted as Text; lists to \
            pick sex, result and the 92 communes; a second sheet explaining each column. Needs no \
            database (the communes are the ones the project ships).
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "experts, instructors, learners or completions.")
    var kind: RosterKind

    @Option(name: .long, help: "Where to write the workbook (default: mau-….xlsx here). An existing file is refused unless --force.")
    var output: String?

    @Flag(name: .long, help: "Replace an existing --output file.")
    var force = false

    func run() throws {
        let path = output ?? RosterTemplate.fileName(of: kind)
        try options.report {
            let target = try OutputFile(path: path, existing: force ? .replace : .refuse)
            let communes = try CommuneDirectory.shipped(sqlDirectory: Migration.locateDirectory()).communes
            try RosterTemplate.write(kind: kind, communes: communes, language: options.language, to: target)
        }
        Console.print(options.language.text(.templateWritten(path)))
    }
}
