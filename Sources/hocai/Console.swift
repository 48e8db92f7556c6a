import Foundation
import HocAI

/// Where the CLI writes: results to stdout, diagnostics to stderr.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// One JSON object on stdout, keys sorted.
    static func printJSON(_ object: [String: Any]) {
        print((try? JSONText.string(object)) ?? "{}")
    }
}
