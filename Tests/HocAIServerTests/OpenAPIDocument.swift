import Foundation
import HocAITestSupport
import HTTPTypes

/// The operations `openapi.yaml` documents, read from its `paths:` section (two-space YAML, as
/// the file is written: a path at indent 2, its methods at indent 4).
struct OpenAPIDocument {
    struct Operation: Hashable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        var description: String { "\(method) \(path)" }
    }

    let operations: [Operation]

    static func load() throws -> OpenAPIDocument {
        let url = TestDatabase.repositoryRoot.appendingPathComponent("openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "paths:") else { throw TestSupportError("openapi.yaml has no paths:") }
        var operations: [Operation] = []
        var path: String?
        for line in lines[(start + 1)...] {
            if let first = line.first, first != " ", first != "#" { break }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let word = line.dropFirst(4).dropLast()
                if line.hasSuffix(":"), ["get", "post", "put", "patch", "delete"].contains(word) {
                    operations.append(Operation(method: HTTPRequest.Method(word.uppercased())!, path: path))
                }
            }
        }
        return OpenAPIDocument(operations: operations)
    }
}
