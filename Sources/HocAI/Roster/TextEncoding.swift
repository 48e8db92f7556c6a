import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings rosters arrive in.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// UTF-16 with a byte-order mark: Excel's "Unicode Text" (tab-separated).
    case utf16 = "utf-16"
    /// Windows-1258: Excel's plain CSV on Vietnamese Windows. Decodes to letters plus combining
    /// tone marks, so every field is normalised to NFC afterwards.
    case windows1258 = "windows-1258"

    /// Accepts the usual spellings: `utf8`, `UTF-16LE`, `cp1258`, `windows1258`…
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-bom", "utf8bom": self = .utf8
        case "utf-16", "utf16", "utf-16le", "utf-16be", "unicode", "ucs-2": self = .utf16
        case "windows-1258", "windows1258", "cp1258", "cp-1258": self = .windows1258
        default: return nil
        }
    }

    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1258: "CP1258"
        }
    }
}

/// A roster file on disk: its digest and detected encoding (first pass), then its text as a
/// stream of UTF-8 chunks (second pass). Nothing holds the whole file in memory.
public struct RosterFile: Sendable {
    public let url: URL
    public let size: Int
    /// SHA-256 of the file's bytes, hex: the same file imported twice is recognised by it.
    public let sha256: String
    public let encoding: TextEncoding
    /// Bytes of a byte-order mark to skip (UTF-8's EF BB BF).
    let skip: Int

    static let chunkSize = 1 << 20

    /// Reads the file once: digest, byte-order mark, and whether it is valid UTF-8. Without a BOM
    /// and not valid UTF-8, it is taken as Windows-1258. `forced` overrides the detection.
    public static func inspect(_ url: URL, forcedEncoding forced: TextEncoding? = nil) throws -> RosterFile {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw HocAIError.fileUnreadable(url.path, reason: "không mở được / cannot open")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var validator = UTF8Validator()
        var size = 0
        var head: [UInt8] = []
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            if head.count < 4 { head += chunk.prefix(4 - head.count) }
            hasher.update(data: chunk)
            if validator.isValid { chunk.withUnsafeBytes { validator.feed($0.bindMemory(to: UInt8.self)) } }
            size += chunk.count
        }
        let digest = hasher.finalize().hexString()
        let detected: TextEncoding
        var skip = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { detected = .utf8; skip = 3 }
        else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { detected = .utf16 }
        else if validator.isValid && validator.isComplete { detected = .utf8 }
        else { detected = .windows1258 }
        let encoding = forced ?? detected
        if encoding != .utf8 { skip = 0 }
        return RosterFile(url: url, size: size, sha256: digest, encoding: encoding, skip: skip)
    }

    /// Calls `body` with the file's text as UTF-8, chunk by chunk, the BOM removed. Invalid input
    /// for the encoding throws, naming the byte offset.
    public func withUTF8Chunks(_ body: (UnsafeBufferPointer<UInt8>, _ bytesRead: Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw HocAIError.fileUnreadable(url.path, reason: "không mở được / cannot open")
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
}

/// Checks UTF-8 well-formedness across chunk boundaries.
struct UTF8Validator {
    private(set) var isValid = true
    private var pending = 0

    var isComplete: Bool { pending == 0 }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if pending > 0 {
                guard byte & 0xC0 == 0x80 else { isValid = false; return }
                pending -= 1
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

/// glibc's iconv, converting chunk by chunk; an incomplete sequence at a chunk's end is kept for
/// the next chunk.
struct IconvConverter {
    private let descriptor: iconv_t
    private var carry: [UInt8] = []

    init(from source: String, to target: String) throws {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
            throw HocAIError.fileUnreadable(source, reason: "iconv không hỗ trợ / iconv does not support \(source)")
        }
        self.descriptor = descriptor
    }

    func close() { iconv_close(descriptor) }

    mutating func convert(_ chunk: [UInt8], final: Bool, fileOffset: Int, path: String, encoding: TextEncoding) throws -> [UInt8] {
        var input = carry + chunk
        // `fileOffset` is where `chunk` starts; the carried bytes came just before it.
        let inputOffset = fileOffset - carry.count
        carry = []
        var output = [UInt8](repeating: 0, count: max(64, input.count * 4))
        var produced = 0
        let consumed: Int = try input.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var inLeft = inBuffer.count
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var outLeft = outBuffer.count
                if inLeft > 0 {
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    if result == -1 {
                        let code = errno
                        if code == EILSEQ || (code == EINVAL && final) {
                            let at = inputOffset + (inBuffer.count - inLeft)
                            throw HocAIError.fileUnreadable(path, reason: """
                                byte \(at) không hợp lệ trong mã \(encoding.rawValue); chọn đúng mã bằng --encoding / \
                                byte \(at) is invalid in \(encoding.rawValue); choose the right one with --encoding
                                """)
                        }
                        guard code == EINVAL else {
                            throw HocAIError.fileUnreadable(path, reason: "iconv errno \(code)")
                        }
                    }
                }
                if final {
                    _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                }
                produced = outBuffer.count - outLeft
                return inBuffer.count - inLeft
            }
        }
        if consumed < input.count { carry = Array(input[consumed...]) }
        input.removeAll()
        output.removeSubrange(produced...)
        return output
    }
}

/// Windows-1258 output, for sample files in the encoding Vietnamese Excel saves.
enum Windows1258 {
    /// CP1258 holds the letters with a hat, breve or horn (â ê ô ă ơ ư) precomposed and the five
    /// tone marks as combining characters, so text is decomposed and the hats put back on.
    static func encode(_ text: String) throws -> [UInt8] {
        let hats: Set<Unicode.Scalar> = ["\u{0302}", "\u{0306}", "\u{031B}"]
        var scalars = String.UnicodeScalarView()
        var base = String.UnicodeScalarView(), tones = String.UnicodeScalarView()
        func flush() {
            scalars.append(contentsOf: String(base).precomposedStringWithCanonicalMapping.unicodeScalars)
            scalars.append(contentsOf: tones)
            base = String.UnicodeScalarView()
            tones = String.UnicodeScalarView()
        }
        // NFD orders a dot below before a hat (e, dot, hat): gather each letter's marks first.
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.canonicalCombiningClass == .notReordered {
                flush()
                base.append(scalar)
            } else if hats.contains(scalar) {
                base.append(scalar)
            } else {
                tones.append(scalar)
            }
        }
        flush()
        var converter = try IconvConverter(from: "UTF-8", to: "CP1258")
        defer { converter.close() }
        return try converter.convert(Array(String(scalars).utf8), final: true, fileOffset: 0, path: "-", encoding: .windows1258)
    }
}
