import Foundation
import ZIPFoundation

/// A workbook's zip container, read part by part with every inflated byte counted against the
/// limits (`WorkbookLimits`): the sizes a zip declares are checked first, and the bytes actually
/// inflated again, so a lying header cannot get past either.
struct WorkbookArchive {
    private let archive: Archive
    let limits: WorkbookLimits

    init(path: String, limits: WorkbookLimits) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw WorkbookError.notAWorkbook()
        }
        self.limits = limits
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The inflated size the zip declares for `path`.
    func declaredSize(_ path: String) -> Int64? { archive[path].map { Int64(clamping: $0.uncompressedSize) } }

    /// Streams part `path` to `body` chunk by chunk, refusing more than `limit` bytes. Returns
    /// false if there is no such part. `checksum: false` skips the CRC (for a pass whose bytes
    /// another pass checks).
    @discardableResult
    func read(
        _ path: String, limit: Int64, checksum: Bool = true, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Bool {
        guard let entry = archive[path] else { return false }
        guard entry.type == .file else { throw WorkbookError.damaged(path) }
        let declared = entry.uncompressedSize
        if declared > UInt64(limit) { throw WorkbookError.tooLarge(path) }
        if declared > limits.ratioFreeBytes && declared / max(entry.compressedSize, 1) > limits.compressionRatio {
            throw WorkbookError.tooLarge(path)
        }
        var inflated: UInt64 = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: !checksum) { data in
                inflated += UInt64(data.count)
                if inflated > declared || inflated > UInt64(limit) { throw WorkbookError.tooLarge(path) }
                try data.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
            }
        } catch let error as HocAIError {
            throw error
        } catch let error as XMLScanError {
            throw WorkbookError.xml(error, part: path)
        } catch {
            throw WorkbookError.damaged(path)
        }
        guard inflated == declared else { throw WorkbookError.damaged(path) }
        return true
    }

    /// Scans part `path` as XML with `handler`; false if there is no such part.
    @discardableResult
    func scan<H: XMLHandler>(_ path: String, limit: Int64, _ handler: inout H) throws -> Bool {
        var scanner = XMLScanner()
        let found = try read(path, limit: limit) { chunk in try scanner.feed(chunk, &handler) }
        if found {
            do { try scanner.finish(&handler) } catch let error as XMLScanError { throw WorkbookError.xml(error, part: path) }
        }
        return found
    }
}
