import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A roster file as an import reads it: its digest and detected encoding (first reading), then
/// its text as a stream of UTF-8 chunks (each later reading). Nothing holds the whole file in
/// memory.
///
/// What is imported is exactly the bytes whose SHA-256 is recorded: the first reading copies the
/// file into a private snapshot (an unlinked temporary file, gone with the process however it
/// ends) while hashing it, and every later reading reads the snapshot. A file that changes while
/// the import runs is caught as well: its size, time or identity no longer match when the import
/// is about to commit (`checkUnchanged`), and nothing is written. Only regular files are read: a
/// FIFO or a device would block or never end.
///
/// A workbook (.xlsx, known by its content, not its name) is opened once here (`Workbook`); its
/// sheet's rows are then read from the same snapshot each time.
public struct RosterFile: Sendable {
    /// The file as the user named it.
    public let url: URL
    public let size: Int
    /// SHA-256 of the file's bytes, hex: the same file imported twice is recognised by it.
    public let sha256: String
    /// UTF-8 for a workbook (its XML's text is Unicode whatever the sheet holds).
    public let encoding: TextEncoding
    /// The sheet read, for a workbook; nil for CSV.
    public let workbook: Workbook?
    // Stored, not computed from `workbook`: Swift 6.3.1's optimizer crashes (CopyPropagation,
    // "Found outside of lifetime use") on a switch over the optional in `RosterImporter.run`.
    public let format: RosterFormat
    /// What recognises this roster when it is sent again: the file's SHA-256, and for a workbook
    /// that of the file's digest and the sheet read (another sheet of the same file is another
    /// roster).
    public let rosterDigest: String
    /// Bytes of a byte-order mark to skip (UTF-8's EF BB BF).
    let skip: Int
    /// The private copy the later readings read, if one was taken.
    private let snapshot: Snapshot?
    /// The file when it was read, to tell whether it changed since.
    private let identity: FileIdentity

    static let chunkSize = 1 << 20

    /// Where the later readings read from.
    var readPath: String { snapshot?.path ?? url.path }

    /// Reads the file once: digest, byte-order mark, and whether it is UTF-8. Without a BOM and
    /// not UTF-8, it is taken as Windows-1258, unless it is UTF-8 with a few damaged bytes (the
    /// rows holding them are then returned). `forced` overrides the detection. `snapshot: false`
    /// reads the file itself each time (for a file the caller owns, such as an upload).
    /// `sheet` picks a workbook's sheet by name (the first visible one where nil). `name` is the
    /// file's name as its sender gave it (default: the path's): one ending `.xlsx` whose bytes are
    /// not a workbook is refused as a damaged workbook, not read as CSV.
    public static func inspect(
        _ url: URL, forcedEncoding forced: TextEncoding? = nil, snapshot: Bool = true, sheet: String? = nil,
        name: String? = nil, limits: WorkbookLimits = .standard
    ) throws -> RosterFile {
        let path = url.path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw HocAIError.fileUnreadable(path, reason: Self.reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw HocAIError.fileUnreadable(path, reason: Self.reason(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw HocAIError.fileUnreadable(path, reason: LocalizedText(
                vi: "đây không phải một tệp thường (thư mục, thiết bị hay ống dẫn); chọn tệp CSV của danh sách",
                en: "it is not a regular file (a folder, a device or a pipe); choose the roster's CSV file"))
        }
        let before = FileIdentity(status)
        let copy = snapshot ? try Snapshot() : nil

        var hasher = SHA256()
        var validator = UTF8Validator()
        var size = 0
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, chunkSize) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw HocAIError.fileUnreadable(path, reason: Self.reason(errno))
            }
            if count == 0 { break }
            try buffer.withUnsafeBufferPointer { bytes in
                let chunk = UnsafeBufferPointer(rebasing: bytes[..<count])
                if head.count < 8 { head += chunk.prefix(8 - head.count) }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk))
                validator.feed(chunk)
                try copy?.append(chunk)
            }
            size += count
        }
        // Changed under the first reading: a truncation or an append in the middle of it.
        guard FileIdentity.of(descriptor: descriptor) == before, before.size == Int64(size) else {
            throw HocAIError.fileChanged(path)
        }
        let digest = hasher.finalize().hexString()
        switch RosterFormat.sniff(head) {
        case .zip:
            let workbook = try Workbook(path: copy?.path ?? path, sheet: sheet, limits: limits)
            return RosterFile(
                url: url, size: size, sha256: digest, encoding: .utf8, skip: 0, snapshot: copy, identity: before, workbook: workbook)
        case .compoundDocument:
            throw try CompoundDocument.isEncryptedPackage(path: copy?.path ?? path)
                ? WorkbookError.passwordProtected() : WorkbookError.legacyExcel()
        case .text:
            let given = (name ?? url.lastPathComponent).lowercased()
            if given.hasSuffix(".xlsx") || given.hasSuffix(".xlsm") { throw WorkbookError.notAWorkbook() }
        }
        let detected: TextEncoding
        var skip = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { detected = .utf8; skip = 3 }
        else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { detected = .utf16 }
        else if validator.isValid && validator.isComplete { detected = .utf8 }
        // Text in Windows-1258 breaks UTF-8 at its first Vietnamese letter. A file whose first
        // fault comes after several well-formed UTF-8 letters is UTF-8 with damaged bytes.
        else if validator.sequencesBeforeFault >= UTF8Validator.sequencesForDamagedUTF8 { detected = .utf8 }
        else { detected = .windows1258 }
        let encoding = forced ?? detected
        if encoding != .utf8 { skip = 0 }
        return RosterFile(
            url: url, size: size, sha256: digest, encoding: encoding, skip: skip, snapshot: copy, identity: before, workbook: nil)
    }

    private init(
        url: URL, size: Int, sha256: String, encoding: TextEncoding, skip: Int, snapshot: Snapshot?, identity: FileIdentity,
        workbook: Workbook?
    ) {
        self.workbook = workbook
        format = workbook == nil ? .csv : .xlsx
        rosterDigest = workbook.map { SHA256.hexDigest(of: Data((sha256 + "\u{1F}" + $0.sheetName).utf8)) } ?? sha256
        self.url = url
        self.size = size
        self.sha256 = sha256
        self.encoding = encoding
        self.skip = skip
        self.snapshot = snapshot
        self.identity = identity
    }

    /// Throws `fileChanged` if the file at the path is no longer the one that was read (other
    /// bytes, size or time; or another file put in its place). Called before a commit.
    public func checkUnchanged() throws {
        guard let now = FileIdentity.of(path: url.path), now == identity else { throw HocAIError.fileChanged(url.path) }
    }

    /// Calls `body` with the file's text as UTF-8, chunk by chunk, the BOM removed. Invalid input
    /// for the encoding throws, naming the line.
    public func withUTF8Chunks(_ body: (UnsafeBufferPointer<UInt8>, _ bytesRead: Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: readPath) else {
            throw HocAIError.fileUnreadable(url.path, reason: LocalizedText(vi: "không mở được", en: "cannot open it"))
        }
        defer { try? handle.close() }
        if skip > 0 { _ = try handle.read(upToCount: skip) }
        var bytesRead = skip
        if encoding == .utf8 {
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                bytesRead += chunk.count
                try chunk.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self), bytesRead) }
            }
            return
        }
        var converter = try IconvConverter(from: encoding.iconvName, to: "UTF-8")
        defer { converter.close() }
        while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            let offset = bytesRead
            bytesRead += chunk.count
            let output = try converter.convert(Array(chunk), final: false, fileOffset: offset, path: url.path, encoding: encoding)
            try output.withUnsafeBufferPointer { try body($0, bytesRead) }
        }
        let tail = try converter.convert([], final: true, fileOffset: bytesRead, path: url.path, encoding: encoding)
        if !tail.isEmpty { try tail.withUnsafeBufferPointer { try body($0, bytesRead) } }
    }

    static func reason(_ code: Int32) -> LocalizedText {
        switch code {
        case ENOENT: LocalizedText(vi: "không có tệp này", en: "there is no such file")
        case EACCES, EPERM: LocalizedText(vi: "không có quyền đọc", en: "no permission to read it")
        case EISDIR: LocalizedText(vi: "đây là một thư mục", en: "it is a folder")
        default: LocalizedText(vi: "lỗi hệ thống (\(String(cString: strerror(code))))", en: "system error (\(String(cString: strerror(code))))")
        }
    }
}

/// A private copy of a roster: a temporary file unlinked as soon as it is made, so only this
/// process can reach it (through its descriptor) and the system removes it when the process
/// ends, however it ends.
final class Snapshot: Sendable {
    let descriptor: Int32

    init() throws {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/hocai-roster-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw HocAIError.fileUnreadable(directory, reason: LocalizedText(
                vi: "không tạo được bản sao tạm của tệp", en: "cannot make the file's temporary copy"))
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The copy, readable by path from this process only.
    var path: String { "/dev/fd/\(descriptor)" }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw HocAIError.outputFailed("(bản sao tạm / temporary copy)", errno: errno)
            }
            offset += written
        }
    }
}

/// Checks UTF-8 well-formedness across chunk boundaries, and counts the well-formed multi-byte
/// letters read before the first fault (a file of Vietnamese text in UTF-8 has many).
struct UTF8Validator {
    private(set) var isValid = true
    private var pending = 0
    /// Multi-byte sequences completed before the first fault.
    private(set) var sequencesBeforeFault = 0

    /// How many well-formed letters before a fault make a file UTF-8 with damaged bytes.
    static let sequencesForDamagedUTF8 = 8

    var isComplete: Bool { pending == 0 }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard isValid else { return }
        for byte in bytes {
            if pending > 0 {
                guard byte & 0xC0 == 0x80 else { isValid = false; return }
                pending -= 1
                if pending == 0 { sequencesBeforeFault += 1 }
            } else if byte < 0x80 {
                continue
            } else if byte >= 0xC2 && byte <= 0xDF {
                pending = 1
            } else if byte >= 0xE0 && byte <= 0xEF {
                pending = 2
            } else if byte >= 0xF0 && byte <= 0xF4 {
                pending = 3
            } else {
                isValid = false
                return
            }
        }
    }
}
