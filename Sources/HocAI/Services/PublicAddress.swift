import Foundation
import PostgresLibPQ

/// The service's public address (`publication`, sql/013), set once for every reader: the verify
/// links that printed certificates carry, and the issuer, key set and status lists that signed
/// credentials name. The command line and every server read the same row, so a credential the
/// command line signs names lists that the running server serves.
public enum PublicAddress {
    /// `https://host[:port][/path]`, without a trailing slash (one is dropped), query or fragment.
    public static func validated(_ input: String) throws -> String {
        var text = input.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil, components.password == nil,
              text.count <= 200, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else {
            throw HocAIError.publicURLInvalid(input)
        }
        return text
    }

    /// The address the register publishes under.
    public static func read(from connection: PostgresConnection) throws -> String {
        try connection.query("SELECT public_url()").scalar(String.self)
    }

    /// Sets the address (as the schema's owner or an administrator); recorded in the audit log.
    /// Returns the address as kept.
    @discardableResult
    public static func set(_ input: String, on connection: PostgresConnection) throws -> String {
        let url = try validated(input)
        try connection.transaction { connection in
            let previous = try read(from: connection)
            try connection.query("""
                UPDATE publication SET public_url = \(url), updated_at = now(), updated_by = hocai_actor() WHERE id = 1
                """)
            try AuditLog.record(action: "publication.public_url", subject: nil, details: ["from": previous, "to": url], on: connection)
        }
        return url
    }

    /// What a server may serve: the register's address, or `configured` when it is the same.
    /// A server told another address would sign status lists, and print links, that the
    /// credentials issued elsewhere do not name: it refuses to start.
    public static func check(configured: String?, registered: String) throws -> String {
        guard let configured else { return registered }
        let url = try validated(configured)
        guard url == registered else { throw HocAIError.publicURLMismatch(configured: url, registered: registered) }
        return url
    }
}
