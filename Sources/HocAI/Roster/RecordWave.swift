import Dispatch
import Foundation

/// Records checked in waves: a wave's records are split among the processor's cores, each share
/// handled by its own worker (which keeps its own state: a validator, a random source, a hash
/// buffer), and the results come back in file order, so what follows is what one thread would
/// have made. A wave holds a few thousand records, so memory stays flat whatever the file's size.
///
/// The thread reading the file only gathers bytes into the wave (`CSVRecordBatch`); `String`s,
/// checks, hashes and COPY text are made by the workers. (Reading the file on a thread of its
/// own as well was tried: no faster on two cores, and peak memory grew with the file, 52 to
/// 71 MiB from 200,000 to 1,000,000 rows, where records were made on one thread and freed on
/// another.)
enum RecordWave {
    /// Records per worker in a wave.
    static let recordsPerWorker = 2048
    /// Workers: the processor's cores, up to four (the database server needs a core as well, and
    /// more threads than cores only take turns).
    static let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    /// Records in a full wave.
    static let capacity = recordsPerWorker * workers

    /// Runs `body` on `count` records split into one share per worker (fewer for a short wave),
    /// in parallel; worker `i` handles share `i`. The results are in share order.
    static func run<Worker, Result>(
        _ count: Int, workers: inout [Worker], _ body: @Sendable (inout Worker, Range<Int>) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let parts = min(workers.count, (count + recordsPerWorker - 1) / recordsPerWorker)
        let share = (count + parts - 1) / parts
        var results = [Result?](repeating: nil, count: parts)
        workers.withUnsafeMutableBufferPointer { workers in
            results.withUnsafeMutableBufferPointer { results in
                let workers = WorkerSlots(buffer: workers), results = WorkerSlots(buffer: results)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = min(part * share, count)..<min((part + 1) * share, count)
                    results.buffer[part] = body(&workers.buffer[part], range)
                }
            }
        }
        return results.map { $0! }
    }
}

/// A buffer whose elements are shared out among `concurrentPerform`'s workers, one each: worker
/// `i` reads and writes element `i` only, and the buffer outlives the call, which is what makes
/// handing it to concurrent code sound.
private struct WorkerSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
