import ArgumentParser
import HocAI

/// `hocai public-url [URL]`: the one public address the command line and every server read.
struct PublicURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-url",
        abstract: "Địa chỉ công khai của dịch vụ (the service's public address: shown, or set with URL).",
        discussion: """
            Verify links on printed certificates, and the issuer, keys and status lists that signed \
            credentials name, all use this one address, kept in the database. `hocai credential`, \
            `hocai certificate print` and `hocai serve` read it; a server told another address \
            (--public-url) refuses to start. Restart running servers after changing it.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The new address, e.g. https://hocai.thainguyen.gov.vn (omit to show the current one).")
    var url: String?

    func run() throws {
        try options.withConnection { connection in
            if let url {
                let kept = try PublicAddress.set(url, on: connection)
                Console.print(options.language.text(.publicAddress(kept)))
            } else {
                Console.print(try PublicAddress.read(from: connection))
            }
        }
    }
}
