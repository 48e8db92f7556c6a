import Foundation
import HocAI

/// Small files a command reads whole (a credential, a key), with errors a person can act on.
enum InputFile {
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw HocAIError.unreadableInput(path)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
