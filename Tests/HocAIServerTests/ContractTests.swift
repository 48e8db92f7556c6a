import Foundation
import HocAIServer
import HocAITestSupport
import Testing

/// The contract: the server's routes and openapi.yaml's are the same set. (schemathesis, run by
/// scripts/test against the live server, checks the answers against the document.)
struct ContractTests {
    @Test func routesAreTheDocumentedOnes() throws {
        let server = HocAIServer(configuration: ServerConfiguration(), logger: TestDatabase.logger)
        let routes = Set(server.router().routes.map { OpenAPIDocument.Operation(method: $0.method, path: "\($0.path)") })
        let documented = try OpenAPIDocument.load().operations
        #expect(documented.count == Set(documented).count, "an operation is documented twice")
        #expect(documented.count > 20)
        let undocumented = routes.subtracting(documented), missing = Set(documented).subtracting(routes)
        #expect(undocumented.isEmpty, "served but not in openapi.yaml: \(undocumented.map(\.description).sorted())")
        #expect(missing.isEmpty, "in openapi.yaml but not served: \(missing.map(\.description).sorted())")
    }
}
