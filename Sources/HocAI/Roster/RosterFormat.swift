import Foundation

/// What a roster file is, told by its first bytes, never by its name: a clerk's `.csv` may be a
/// workbook and an upload has no trustworthy name at all.
public enum RosterFormat: String, Sendable, Codable {
    case csv
    case xlsx

    /// What the first bytes say.
    enum Container {
        /// A zip: an Office Open XML workbook (or not an Excel file at all, found on opening).
        case zip
        /// An OLE compound document: Excel 97–2003 (.xls), or an encrypted workbook.
        case compoundDocument
        case text
    }

    static func sniff(_ head: [UInt8]) -> Container {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundDocument }
        return .text
    }

    /// What a file starting with `head` is (a zip is a workbook, anything else CSV): for a file
    /// hocai wrote itself, such as a job's rejects.
    public static func of(_ head: some Collection<UInt8>) -> RosterFormat {
        sniff(Array(head.prefix(8))) == .zip ? .xlsx : .csv
    }

    /// The file extension of files in this format (for a rejects file next to the roster).
    public var fileExtension: String { rawValue }
}

/// An OLE compound document, as far as telling an encrypted workbook from an .xls goes: Office
/// keeps a password-protected .xlsx in one as a stream named `EncryptedPackage`, whose name
/// (UTF-16) stands in the document's directory.
enum CompoundDocument {
    static func isEncryptedPackage(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var tail: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = tail + Array(chunk)
            if ByteSearch.firstIndex(of: marker, in: window) != nil { return true }
            tail = Array(window.suffix(marker.count - 1))
        }
        return false
    }
}
