import Foundation

/// Reads a roster file's records on a thread of its own and hands them over a wave at a time,
/// so that splitting the next records overlaps checking the ones before (the reader is about a
/// fifth of the work of a pass). At most two waves wait, so memory stays flat.
final class RecordPipe: @unchecked Sendable {
    /// Records read, and how far into the file.
    struct Wave: Sendable {
        var records: [CSVRecord]
        var bytesRead: Int
    }

    // Everything below is read and written under `condition`'s lock.
    private let condition = NSCondition()
    private var waiting: [Wave] = []
    private var readerDone = false
    private var readerError: Error?
    private var cancelled = false
    private var detectedDelimiter: CSVDelimiter?

    private static let capacity = 2
    private let waveSize: Int

    /// Starts reading `file` with `delimiter` (detected from the first line when nil).
    init(file: RosterFile, delimiter: CSVDelimiter?, waveSize: Int) {
        self.waveSize = waveSize
        let thread = Thread { [self] in read(file, delimiter: delimiter) }
        thread.name = "hocai-roster-reader"
        thread.start()
    }

    /// The next wave in file order; nil when the file is read. Rethrows the reader's error.
    func next() throws -> Wave? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !readerDone { condition.wait() }
        if !waiting.isEmpty {
            condition.broadcast()
            return waiting.removeFirst()
        }
        if let readerError { throw readerError }
        return nil
    }

    /// The separator used, once the first chunk is read.
    var delimiter: CSVDelimiter? {
        condition.lock()
        defer { condition.unlock() }
        return detectedDelimiter
    }

    /// Stops the reader (the consumer failed or is done) and waits until it has let go of the file.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while !readerDone { condition.wait() }
    }

    private struct Cancelled: Error {}

    private func read(_ file: RosterFile, delimiter: CSVDelimiter?) {
        var failure: Error?
        do {
            var reader: CSVReader?
            var records: [CSVRecord] = []
            records.reserveCapacity(waveSize)
            var position = 0
            try file.withUTF8Chunks { chunk, bytesRead in
                if reader == nil {
                    let chosen = delimiter ?? CSVDelimiter.detect(in: chunk)
                    reader = CSVReader(delimiter: chosen)
                    condition.lock()
                    detectedDelimiter = chosen
                    condition.unlock()
                }
                position = bytesRead
                try reader!.feed(chunk) { record in
                    records.append(record)
                    if records.count >= waveSize {
                        try put(Wave(records: records, bytesRead: position))
                        records.removeAll(keepingCapacity: true)
                    }
                }
            }
            reader?.finish { records.append($0) }
            if !records.isEmpty { try put(Wave(records: records, bytesRead: position)) }
        } catch is Cancelled {
        } catch {
            failure = error
        }
        condition.lock()
        readerError = failure
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    private func put(_ wave: Wave) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(wave)
        condition.broadcast()
    }
}
