import Foundation
import HocAI
import Hummingbird
import Synchronization

/// What keeps a credential honest offline: the issuer's public keys (a JWKS: JWT libraries
/// read it, and a credential's `kid` is this URL with the key's thumbprint), and the signed
/// revocation status lists. Also the printable certificate, for the holder's centre.
struct CredentialRoutes {
    let database: ServerDatabase
    let signingKeys: SigningKeySet?
    let publicURL: String
    /// Signed revocation status lists.
    let statusLists: StatusListCache

    func add(to router: Router<HocAIContext>) {
        router.get("/.well-known/jwks.json") { _, _ in
            guard let keys = signingKeys else { throw HocAIError.notFound() }
            return Reply.body(Data(keys.publicKeys.jwks.utf8), type: "application/jwk-set+json",
                              headers: [.cacheControl: "public, max-age=3600"])
        }
        // A list is read from the register as it stands and signed; the signed list is kept
        // until a revocation or a new entry moves the state's version, so the list served always
        // includes every committed revocation.
        router.get("/status/{list}") { _, context in
            guard let keys = signingKeys else { throw HocAIError.notFound() }
            let list = try context.parameters.resource("list") { Int($0).flatMap { (1...1_000).contains($0) ? $0 : nil } }
            let baseURL = publicURL
            let jwt = try await database.publicPool.withConnection(scope: nil) { connection -> String in
                let service = CertificateService(connection: connection, logger: connection.logger)
                // The version is read first: a revocation committed in between makes the list
                // kept newer than its version says, and the next request signs it again.
                let version = try service.statusListVersion()
                if let kept = statusLists.get(list, version: version) { return kept }
                let signed = try StatusList.credential(list: list, revoked: try service.revokedStatusIndices(list: list),
                                                       key: try keys.active, baseURL: baseURL)
                statusLists.put(list, version: version, jwt: signed)
                return signed
            }
            return Reply.body(Data(jwt.utf8), type: "application/vc+jwt", headers: [.cacheControl: "no-cache"])
        }
        router.group("certificates", for: .admin, .centre).get("{code}/print") { _, context in
            let account = try context.account()
            let code = try context.parameters.decoded("code")
            let content = try await database(.acting(as: account), context) { connection in
                try CertificateService(connection: connection, logger: connection.logger).printable(code)
            }
            let page = PageLayout(title: content.record.code.grouped, language: context.language,
                                  path: "/certificates/\(content.record.code.value)/print", account: account)
            return Reply.page(page.render(try CertificatePrint.article(content, baseURL: publicURL, language: context.language)))
        }
    }
}

/// Signed status lists, by list, valid while the register's status version stands.
final class StatusListCache: Sendable {
    private let entries = Mutex<[Int: (version: Int, jwt: String)]>([:])

    func get(_ list: Int, version: Int) -> String? {
        entries.withLock { $0[list].flatMap { $0.version == version ? $0.jwt : nil } }
    }

    func put(_ list: Int, version: Int, jwt: String) {
        entries.withLock { $0[list] = (version, jwt) }
    }
}
