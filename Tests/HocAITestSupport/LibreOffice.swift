import Foundation

/// LibreOffice Calc, headless, doing to a file what a clerk's "open, then save as" does.
/// `scripts/test` installs it (Debian's libreoffice-calc-nogui); without it the test fails,
/// saying so.
public enum LibreOffice {
    public enum Encoding: String, Sendable {
        /// LibreOffice's own numbers for the character sets (rtl_TextEncoding).
        case utf8 = "76"
        case windows1258 = "40"
    }

    /// Reads a CSV file (UTF-8, US English, numbers and dates recognised, as the import dialog's
    /// defaults have it) and saves it again as CSV in the encoding and separator asked.
    public static func resave(_ input: URL, encoding: Encoding, separator: Character) throws -> URL {
        let separatorCode = separator.asciiValue.map(String.init) ?? "44"
        // Import: comma, double quote, UTF-8, from line 1, standard columns, US English, quoted
        // fields not forced to text, special numbers (dates) detected. Export: the separator,
        // double quote, the encoding, cells saved as shown.
        return try convert(
            input, to: "csv:Text - txt - csv (StarCalc):\(separatorCode),34,\(encoding.rawValue),1,,0,false,true,true", extension: "csv",
            infilter: "CSV:44,34,76,1,,1033,false,true")
    }

    /// A CSV roster as a workbook, as a clerk opening it in Calc and saving it as .xlsx makes it:
    /// `textColumns` (1-based) imported as Text, `dateColumns` as day/month/year dates, the others
    /// as Calc recognises them (a CCCD becomes a number and loses its leading zero).
    public static func workbook(fromCSV input: URL, textColumns: [Int], dateColumns: [Int]) throws -> URL {
        // Column formats, in column order: 2 text, 4 DMY date.
        let formats = (textColumns.map { ($0, 2) } + dateColumns.map { ($0, 4) }).sorted { $0.0 < $1.0 }
            .map { "\($0.0)/\($0.1)" }.joined(separator: "/")
        return try convert(input, to: "xlsx", extension: "xlsx", infilter: "CSV:44,34,76,1,\(formats),1033")
    }

    /// Sheet `sheet` (1-based) of a workbook saved as CSV (UTF-8, comma), cells as shown.
    public static func csv(fromWorkbook input: URL, sheet: Int = 1) throws -> URL {
        try convert(
            input, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,\(sheet)", extension: "csv", infilter: nil)
    }

    /// A workbook saved as Excel 97–2003 (.xls).
    public static func legacyExcel(fromWorkbook input: URL) throws -> URL {
        try convert(input, to: "xls", extension: "xls", infilter: nil)
    }

    /// Runs `soffice --convert-to` and returns the file it wrote.
    static func convert(_ input: URL, to filter: String, extension: String, infilter: String?) throws -> URL {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestSupportError("LibreOffice (soffice) is not installed: scripts/test installs libreoffice-calc-nogui")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-lo-\(UUID().uuidString)")
        let output = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // A profile of its own, so runs at the same time do not share one.
        process.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless"]
            + (infilter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", filter, "--outdir", output.path, input.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // One file; a sheet other than the first is named `NAME-SHEET.csv`.
        let result = try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
            .first { $0.pathExtension == `extension` } ?? output.appendingPathComponent("missing")
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: result.path) else {
            throw TestSupportError("soffice did not convert \(input.lastPathComponent) (exit \(process.terminationStatus))")
        }
        return result
    }
}
