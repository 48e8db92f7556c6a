/// Rendered reports, kept until the figures change (`report_state.version` moves with every write
/// of the summary): fifty officials asking for the same breakdown cost one computation.
actor ReportCache {
    private var entries: [String: (version: Int, body: any Sendable)] = [:]
    private var order: [String] = []

    /// What `key` holds at `version`, if it is a `Body` (a key names one kind of answer).
    func get<Body: Sendable>(_ key: String, version: Int, as _: Body.Type) -> Body? {
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry.body as? Body
    }

    func put(_ key: String, version: Int, body: any Sendable) {
        if entries[key] == nil { order.append(key) }
        entries[key] = (version, body)
        while order.count > 256 { entries[order.removeFirst()] = nil }
    }
}
