#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding bytes in a buffer with memchr (then memcmp for a sequence): the XML scanner's tags,
/// the `<mergeCells` after a sheet's data, an encrypted workbook's stream name. These run over
/// whole sheets, where a generic collection search costs seconds.
enum ByteSearch {
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Where `needle` starts at or after `start`, wholly inside `buffer`.
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first else { return start }
        var position = start
        while let candidate = firstIndex(of: first, in: buffer, from: position) {
            if candidate + needle.count > buffer.count { return nil }
            if memcmp(buffer.baseAddress! + candidate, needle.baseAddress!, needle.count) == 0 { return candidate }
            position = candidate + 1
        }
        return nil
    }

    static func firstIndex(of needle: StaticString, in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        firstIndex(of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: buffer, from: start)
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBufferPointer { buffer in needle.withUnsafeBufferPointer { firstIndex(of: $0, in: buffer) } }
    }
}
