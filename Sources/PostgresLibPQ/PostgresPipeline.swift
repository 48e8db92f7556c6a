import CLibPQ

extension PostgresConnection {
    /// Sends `queries` at once and reads their results in one round trip (libpq's pipeline mode),
    /// returning the last one's. They run in order, as if sent one by one: an explicit `BEGIN`
    /// among them leaves its transaction open after them. The first that fails is the error
    /// thrown; the server skips the ones after it.
    func pipeline(_ queries: [PostgresQuery], handle: OpaquePointer) throws -> PostgresResult {
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError.server(nil, connection: handle) }
        defer { PQexitPipelineMode(handle) }
        for query in queries {
            let sent = withParameters(query.bindings) { values, types in
                PQsendQueryParams(handle, query.sql, Int32(query.bindings.count), types, values, nil, nil, 0)
            }
            guard sent == 1 else {
                discardPipeline(handle)
                throw PostgresError.server(nil, connection: handle)
            }
        }
        guard PQpipelineSync(handle) == 1 else {
            discardPipeline(handle)
            throw PostgresError.server(nil, connection: handle)
        }
        var last: PostgresResult?
        var failure: (any Error)?
        // Each query's results end with NULL; the synchronisation point ends the pipeline.
        for _ in queries {
            while let result = PQgetResult(handle) {
                defer { PQclear(result) }
                let status = PQresultStatus(result)
                if failure != nil || status == PGRES_PIPELINE_ABORTED { continue }
                do { last = try readResult(result, handle: handle) } catch { failure = error }
            }
            guard PQstatus(handle) == CONNECTION_OK else {
                throw failure ?? PostgresError.server(nil, connection: handle)
            }
        }
        discardPipeline(handle)
        if let failure { throw failure }
        guard let last else { throw PostgresError(code: .protocolViolation, message: "a pipeline returned no result") }
        return last
    }

    /// Reads what is left of a pipeline up to and including its synchronisation point.
    private func discardPipeline(_ handle: OpaquePointer) {
        while PQstatus(handle) == CONNECTION_OK, let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { return }
        }
    }
}
