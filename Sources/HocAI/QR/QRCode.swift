/// A QR code (ISO/IEC 18004:2015) for the verification links printed on certificates: byte mode,
/// error-correction level M (about 15% of the symbol may be lost), the smallest version from 1 to
/// 10 that holds the data, and the mask with the lowest penalty (§7.8.3). The mirror has no QR
/// library; this is the project's own encoder, checked against an independent decoder (zbarimg)
/// in the tests.
public struct QRCode: Sendable, Equatable {
    /// 1 to 10: the symbol is 17 + 4 × version modules a side.
    public let version: Int
    public let mask: Int
    public var size: Int { 17 + 4 * version }
    /// Dark modules, row by row.
    private var modules: [Bool]

    public enum Problem: Error, Equatable {
        /// More bytes than version 10 at level M holds (213).
        case tooLong(Int)
    }

    /// Whether the module at `row`, `column` is dark.
    public subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }

    public static func encode(_ text: String) throws -> QRCode { try encode(Array(text.utf8)) }

    public static func encode(_ bytes: [UInt8]) throws -> QRCode {
        guard let version = (1...10).first(where: { bytes.count <= capacity(version: $0) }) else {
            throw Problem.tooLong(bytes.count)
        }
        let codewords = interleave(blocks(data: dataCodewords(bytes, version: version), version: version), version: version)
        var best: QRCode?
        var bestPenalty = Int.max
        for mask in 0..<8 {
            var matrix = Matrix(version: version)
            matrix.drawFunctionPatterns()
            matrix.drawCodewords(codewords)
            matrix.applyMask(mask)
            matrix.drawFormat(mask: mask)
            let penalty = matrix.penalty()
            if penalty < bestPenalty {
                bestPenalty = penalty
                best = QRCode(version: version, mask: mask, modules: matrix.dark)
            }
        }
        return best!
    }

    /// The symbol as SVG, one path of unit squares, with a quiet zone of four modules (§6.3.8);
    /// it scales to any size (`width`/`height` are for the caller's CSS).
    public func svg(title: String? = nil) -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            for column in 0..<size where self[row, column] {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        let label = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
            \(label)<rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: Data

    /// Level M's block structure for versions 1 to 10 (ISO/IEC 18004, Table 9): error-correction
    /// codewords per block, and the blocks as (count, data codewords each).
    static let levelM: [(ecPerBlock: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]

    static func dataCapacity(version: Int) -> Int {
        levelM[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
    }

    /// Bytes a version holds in byte mode: the data codewords less the mode (4 bits) and the
    /// character count (8 bits up to version 9, 16 from 10).
    static func capacity(version: Int) -> Int {
        dataCapacity(version: version) - (version < 10 ? 2 : 3)
    }

    /// Mode indicator, count, the bytes, the terminator, then pad codewords (§7.4).
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = dataCapacity(version: version) * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < dataCapacity(version: version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The data split into blocks, each followed by its error-correction codewords.
    static func blocks(data: [UInt8], version: Int) -> [(data: [UInt8], ec: [UInt8])] {
        let structure = levelM[version - 1]
        var result: [(data: [UInt8], ec: [UInt8])] = []
        var offset = 0
        for group in structure.groups {
            for _ in 0..<group.count {
                let block = Array(data[offset..<offset + group.data])
                offset += group.data
                result.append((block, ReedSolomon.remainder(of: block, degree: structure.ecPerBlock)))
            }
        }
        return result
    }

    /// The final sequence (§7.6): the data codewords of the blocks in turn, then their
    /// error-correction codewords in turn.
    static func interleave(_ blocks: [(data: [UInt8], ec: [UInt8])], version: Int) -> [UInt8] {
        var result: [UInt8] = []
        let longest = blocks.map(\.data.count).max() ?? 0
        for index in 0..<longest {
            for block in blocks where index < block.data.count { result.append(block.data[index]) }
        }
        for index in 0..<levelM[version - 1].ecPerBlock {
            for block in blocks { result.append(block.ec[index]) }
        }
        return result
    }
}

/// Bits written most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, offset in
                byte << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0)
            }
        }
    }
}
