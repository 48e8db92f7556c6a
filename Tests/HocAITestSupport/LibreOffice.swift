import Foundation

/// LibreOffice Calc, headless, doing to a CSV file what a clerk's "open, then save" does: it
/// reads the file (UTF-8, US English, numbers and dates recognised, as the import dialog's
/// defaults have it) and saves it again as CSV in the encoding and separator asked. `scripts/test`
/// installs it (Debian's libreoffice-calc-nogui); without it the test fails, saying so.
public enum LibreOffice {
    public enum Encoding: String, Sendable {
        /// LibreOffice's own numbers for the character sets (rtl_TextEncoding).
        case utf8 = "76"
        case windows1258 = "40"
    }

    public static func resave(_ input: URL, encoding: Encoding, separator: Character) throws -> URL {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestSupportError("LibreOffice (soffice) is not installed: scripts/test installs libreoffice-calc-nogui")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-lo-\(UUID().uuidString)")
        let output = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let separatorCode = separator.asciiValue.map(String.init) ?? "44"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            // A profile of its own, so runs at the same time do not share one.
            "-env:UserInstallation=file://\(work.path)/profile", "--headless",
            // Import: comma, double quote, UTF-8, from line 1, standard columns, US English, quoted
            // fields not forced to text, special numbers (dates) detected.
            "--infilter=CSV:44,34,76,1,,1033,false,true",
            // Export: the separator, double quote, the encoding, cells saved as shown.
            "--convert-to", "csv:Text - txt - csv (StarCalc):\(separatorCode),34,\(encoding.rawValue),1,,0,false,true,true",
            "--outdir", output.path, input.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let result = output.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".csv")
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: result.path) else {
            throw TestSupportError("soffice did not convert \(input.lastPathComponent) (exit \(process.terminationStatus))")
        }
        return result
    }
}
