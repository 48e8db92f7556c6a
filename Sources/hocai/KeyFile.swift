import ArgumentParser
import Foundation
import HocAI

/// `--key FILE`: a signing key file (`hocai keys init` makes one), read, and changed in place, one
/// way for every `hocai keys` command.
struct KeyFile: ParsableArguments {
    @Option(name: .long, help: "The key file.")
    var key: String

    func read() throws -> SigningKeySet {
        try SigningKeySet.read(from: URL(fileURLWithPath: key))
    }

    /// Reads the set, changes it, and writes it back over the file.
    func update<Value>(_ change: (inout SigningKeySet) throws -> Value) throws -> Value {
        var set = try read()
        let value = try change(&set)
        try set.write(to: URL(fileURLWithPath: key), replacing: true)
        return value
    }
}
