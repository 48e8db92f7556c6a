import HocAI
import PostgresLibPQ

/// How a handler reaches the register: always in one transaction under a scope (the account's
/// role and settings, sql/010), so that every statement is bound by it; a client that hangs up
/// (its connection closes) gets its statement cancelled. Routes hold this, not the server.
struct ServerDatabase: Sendable {
    /// Signed-in requests and imports: every write, on the primary.
    let pool: DatabasePool
    /// The report and the dashboard's figures: the read database (a standby) when there is one,
    /// else `pool` itself.
    let readPool: DatabasePool
    /// Certificate verification and the status lists, in the public role for the whole session,
    /// on the read database when there is one.
    let publicPool: DatabasePool
    let reports = ReportCache()

    /// Whether reads go to a database of their own (a standby).
    var hasReadDatabase: Bool { readPool !== pool }

    /// Each distinct pool with the name `/metrics` gives it.
    var pools: [(name: String, pool: DatabasePool)] {
        [("primary", pool), ("public", publicPool)] + (hasReadDatabase ? [("read", readPool)] : [])
    }

    /// Runs `body` in one transaction under `scope` on the primary.
    @discardableResult
    func callAsFunction<T: Sendable>(
        _ scope: DatabaseScope, _ context: HocAIContext, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await pool.withConnection(scope: scope, client: context.channel) { connection in try connection.transaction(body) }
    }

    /// The same, on the read database: for what only reads and may show the register as it
    /// stood a moment ago (a standby replays the primary's changes within milliseconds).
    @discardableResult
    func read<T: Sendable>(
        _ scope: DatabaseScope, _ context: HocAIContext, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await readPool.withConnection(scope: scope, client: context.channel) { connection in try connection.transaction(body) }
    }

    /// A report rendered by `render`, or the one kept under `key` while the figures have not
    /// changed since (`report_state.version`): the API's and the dashboard's one way.
    func cachedReport<Body: Sendable>(
        _ key: String, as account: Account, _ context: HocAIContext,
        render: @escaping @Sendable (PostgresConnection) throws -> Body
    ) async throws -> Body {
        let version = try await read(.acting(as: account), context) { try $0.query("SELECT version FROM report_state").scalar(Int.self) }
        if let hit = await reports.get(key, version: version, as: Body.self) { return hit }
        let body = try await read(.acting(as: account), context, render)
        await reports.put(key, version: version, body: body)
        return body
    }
}
