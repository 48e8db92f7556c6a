import Foundation
import HocAI

/// A one-line progress bar on stderr (rows, rows/s, ETA), drawn only when stderr is a terminal.
final class ProgressBar {
    let isActive = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    func update(_ progress: RosterImporter.Progress) {
        let now = Date()
        guard isActive, now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        drawn = true
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
        let rate = Double(progress.rows) / elapsed
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d rows  %.0f rows/s  ETA %.0fs ", bar, fraction * 100, progress.rows, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
