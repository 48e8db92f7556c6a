#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a workbook part's reader is told, tag by tag.
protocol XMLHandler {
    mutating func start(_ tag: XMLTag) throws
    mutating func end(_ name: XMLName) throws
    /// Character data between two tags, whole; `raw` for a CDATA section (no entities in it).
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws
}

/// A tag's local name (any `x:` prefix taken off), valid during the call that hands it over.
struct XMLName {
    let bytes: UnsafeBufferPointer<UInt8>

    func `is`(_ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }
}

/// A start tag: its local name and its attributes, read on demand.
struct XMLTag {
    let name: XMLName
    /// The bytes after the name, up to (not including) `>` or `/>`.
    let attributeBytes: UnsafeBufferPointer<UInt8>
    let selfClosing: Bool

    /// The value of attribute `name` (matched by local name), entities decoded.
    func attribute(_ name: StaticString) throws -> String? {
        try attributeBytes(name).map { try XMLText.decode($0) }
    }

    /// The raw bytes of attribute `name`'s value.
    func attributeBytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let bytes = attributeBytes
        var index = 0
        while index < bytes.count {
            while index < bytes.count && XMLScanner.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "=") && !XMLScanner.isSpace(bytes[index]) { index += 1 }
            var localStart = nameStart
            for position in nameStart..<index where bytes[position] == UInt8(ascii: ":") { localStart = position + 1 }
            let local = UnsafeBufferPointer(rebasing: bytes[localStart..<index])
            while index < bytes.count && bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < bytes.count else { return nil }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count && bytes[index] != quote { index += 1 }
            let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<min(index, bytes.count)])
            index += 1
            if XMLName(bytes: local).is(name) { return value }
        }
        return nil
    }
}

/// Why a part's XML was refused.
enum XMLScanError: Error, Equatable {
    /// A document type declaration: a workbook never has one, and its entities are the way to
    /// blow up memory ("billion laughs"), so none is read.
    case documentType
    case undefinedEntity
    case malformed
}

/// A streaming scanner for the XML of a workbook's parts: chunks go in as they are inflated,
/// tags and text come out, and only an unfinished tag or text is kept between chunks. It reads
/// the well-formed subset Office and LibreOffice write (elements, attributes, text, CDATA,
/// comments, processing instructions) and refuses any DTD, so no entity can expand.
struct XMLScanner {
    private var carry: [UInt8] = []
    /// Bytes held for an unfinished token beyond which the part is refused (a tag or a text run
    /// this long is not a workbook's).
    static let tokenLimit = 8 << 20

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    mutating func feed<H: XMLHandler>(_ chunk: UnsafeBufferPointer<UInt8>, _ handler: inout H) throws {
        if carry.isEmpty {
            let used = try scan(chunk, &handler)
            if used < chunk.count { carry.append(contentsOf: chunk[used...]) }
        } else {
            carry.append(contentsOf: chunk)
            let pending = carry
            let used = try pending.withUnsafeBufferPointer { try scan($0, &handler) }
            carry.removeFirst(used)
        }
        if carry.count > Self.tokenLimit { throw XMLScanError.malformed }
    }

    /// The end of the part: what is left must be text (whitespace after the root).
    mutating func finish<H: XMLHandler>(_ handler: inout H) throws {
        guard !carry.contains(UInt8(ascii: "<")) else { throw XMLScanError.malformed }
        carry.removeAll()
    }

    /// Scans whole tokens; returns how many bytes were used (the rest waits for more input).
    private func scan<H: XMLHandler>(_ buffer: UnsafeBufferPointer<UInt8>, _ handler: inout H) throws -> Int {
        guard buffer.baseAddress != nil else { return 0 }
        let count = buffer.count
        var index = 0
        while index < count {
            guard let open = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: buffer, from: index) else { return index }
            if open > index { try handler.text(UnsafeBufferPointer(rebasing: buffer[index..<open]), raw: false) }
            guard open + 1 < count else { return open }
            let next = buffer[open + 1]
            if next == UInt8(ascii: "/") {
                guard let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: buffer, from: open + 2) else { return open }
                var end = close
                while end > open + 2 && Self.isSpace(buffer[end - 1]) { end -= 1 }
                try handler.end(XMLName(bytes: Self.localName(UnsafeBufferPointer(rebasing: buffer[(open + 2)..<end]))))
                index = close + 1
            } else if next == UInt8(ascii: "?") {
                guard let close = ByteSearch.firstIndex(of: "?>", in: buffer, from: open + 2) else { return open }
                index = close + 2
            } else if next == UInt8(ascii: "!") {
                if Self.has(prefix: "<!--", in: buffer, at: open) {
                    guard let close = ByteSearch.firstIndex(of: "-->", in: buffer, from: open + 4) else { return open }
                    index = close + 3
                } else if Self.has(prefix: "<![CDATA[", in: buffer, at: open) {
                    guard let close = ByteSearch.firstIndex(of: "]]>", in: buffer, from: open + 9) else { return open }
                    try handler.text(UnsafeBufferPointer(rebasing: buffer[(open + 9)..<close]), raw: true)
                    index = close + 3
                } else if count - open < 9 {
                    return open
                } else {
                    throw XMLScanError.documentType
                }
            } else {
                // A start tag; `>` may sit inside a quoted attribute value.
                var position = open + 1
                var quote: UInt8 = 0
                while position < count {
                    let byte = buffer[position]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                    position += 1
                }
                guard position < count else { return open }
                let selfClosing = buffer[position - 1] == UInt8(ascii: "/")
                let inner = UnsafeBufferPointer(rebasing: buffer[(open + 1)..<(selfClosing ? position - 1 : position)])
                var nameEnd = 0
                while nameEnd < inner.count && !Self.isSpace(inner[nameEnd]) { nameEnd += 1 }
                guard nameEnd > 0 else { throw XMLScanError.malformed }
                let name = XMLName(bytes: Self.localName(UnsafeBufferPointer(rebasing: inner[..<nameEnd])))
                let tag = XMLTag(name: name, attributeBytes: UnsafeBufferPointer(rebasing: inner[nameEnd...]), selfClosing: selfClosing)
                try handler.start(tag)
                if selfClosing { try handler.end(name) }
                index = position + 1
            }
        }
        return index
    }

    static func localName(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let colon = name.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return UnsafeBufferPointer(rebasing: name[(colon + 1)...])
    }

    private static func has(prefix: StaticString, in buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        start + prefix.utf8CodeUnitCount <= buffer.count
            && memcmp(buffer.baseAddress! + start, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }
}

/// XML character data: the five predefined entities and character references, nothing else.
enum XMLText {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        var output: [UInt8] = []
        try append(bytes, raw: false, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool, to output: inout [UInt8]) throws {
        guard !raw, ByteSearch.firstIndex(of: UInt8(ascii: "&"), in: bytes) != nil else {
            output.append(contentsOf: bytes)
            return
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count && bytes[end] != UInt8(ascii: ";") && end - index < 12 { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { throw XMLScanError.undefinedEntity }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            switch name {
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "amp": output.append(UInt8(ascii: "&"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            default:
                let value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { value = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { value = UInt32(name.dropFirst()) }
                else { value = nil }
                guard let value, let scalar = Unicode.Scalar(value) else { throw XMLScanError.undefinedEntity }
                output.append(contentsOf: String(Character(scalar)).utf8)
            }
            index = end + 1
        }
    }

    /// Text for an XML document: `&`, `<`, `>` and quotes escaped; characters XML 1.0 cannot
    /// hold (controls other than tab and line breaks) left out.
    static func escaped(_ text: String) -> String {
        // Most cells need nothing: checked bytewise first.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == 0xEF }) {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
