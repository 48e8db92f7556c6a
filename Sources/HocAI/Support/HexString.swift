extension Sequence where Element == UInt8 {
    /// Lower-case hex, two digits a byte, after `prefix`: how digests are stored and compared
    /// (`\x` before them makes bytea's text form). One buffer, no string per byte: an import
    /// writes a fingerprint a row.
    public func hexString(prefix: String = "") -> String {
        var text = Array(prefix.utf8)
        text.reserveCapacity(text.count + 2 * underestimatedCount)
        for byte in self {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
