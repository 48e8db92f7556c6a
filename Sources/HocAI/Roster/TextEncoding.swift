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

/// glibc's iconv, converting chunk by chunk; an incomplete sequence at a chunk's end is kept for
/// the next chunk.
struct IconvConverter {
    private let descriptor: iconv_t
    private var carry: [UInt8] = []

    init(from source: String, to target: String) throws {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
            throw HocAIError.fileUnreadable(source, reason: LocalizedText(vi: "iconv không hỗ trợ mã này", en: "iconv does not support it"))
        }
        self.descriptor = descriptor
    }

    func close() { iconv_close(descriptor) }

    /// Lines ended in what was converted so far (for where an invalid byte is).
    private(set) var linesConverted = 0

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
                            let done = outBuffer.count - outLeft
                            let line = linesConverted + 1 + outBuffer.prefix(done).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                            throw HocAIError.fileUnreadable(path, reason: LocalizedText(
                                vi: "dòng \(line) (byte \(at)) có byte không hợp lệ trong mã \(encoding.rawValue), nên tệp có lẽ không phải \(encoding.rawValue); lưu lại tệp dạng CSV UTF-8 rồi nhập lại, hoặc chọn đúng mã ký tự (utf-8, utf-16 hoặc windows-1258)",
                                en: "line \(line) (byte \(at)) has a byte that is invalid in \(encoding.rawValue), so the file is probably not \(encoding.rawValue); save it as CSV UTF-8 and import it again, or choose the right encoding (utf-8, utf-16 or windows-1258)"))
                        }
                        guard code == EINVAL else {
                            throw HocAIError.fileUnreadable(path, reason: LocalizedText(
                                vi: "iconv trả lỗi \(code)", en: "iconv failed with error \(code)"))
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
        linesConverted += output.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
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
