import CZlib
import Foundation
import HocAI

/// A minimal PNG writer (8-bit greyscale), for handing QR symbols to an independent decoder.
public enum PNG {
    /// The symbol at `scale` pixels a module, with its four-module quiet zone.
    public static func image(of code: QRCode, scale: Int = 4) -> Data {
        let side = (code.size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for row in 0..<code.size {
            for column in 0..<code.size where code[row, column] {
                for dy in 0..<scale {
                    for dx in 0..<scale { pixels[((row + 4) * scale + dy) * side + (column + 4) * scale + dx] = 0 }
                }
            }
        }
        return greyscale(width: side, height: side, pixels: pixels)
    }

    public static func greyscale(width: Int, height: Int, pixels: [UInt8]) -> Data {
        var raw = [UInt8]()
        raw.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter: none
            raw.append(contentsOf: pixels[row * width..<(row + 1) * width])
        }
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        _ = compress2(&compressed, &compressedLength, raw, uLong(raw.count), 9)
        var header = Data()
        header.append(contentsOf: bigEndian(UInt32(width)))
        header.append(contentsOf: bigEndian(UInt32(height)))
        header.append(contentsOf: [8, 0, 0, 0, 0])  // depth 8, greyscale, deflate, no filter method, no interlace
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.append(chunk("IHDR", header))
        png.append(chunk("IDAT", Data(compressed.prefix(Int(compressedLength)))))
        png.append(chunk("IEND", Data()))
        return png
    }

    private static func chunk(_ type: String, _ data: Data) -> Data {
        var body = Data(type.utf8)
        body.append(data)
        let crc = body.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt(body.count)) }
        var chunk = Data(bigEndian(UInt32(data.count)))
        chunk.append(body)
        chunk.append(contentsOf: bigEndian(UInt32(crc)))
        return chunk
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
