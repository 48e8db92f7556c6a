/// One result row, its cells in PostgreSQL's text format (`nil` for SQL NULL).
public struct PostgresRow: Sendable {
    public let columns: PostgresColumns
    public let cells: [String?]

    init(columns: PostgresColumns, cells: [String?]) {
        self.columns = columns
        self.cells = cells
    }

    /// Decodes the cell at `index`; a NULL decodes only into an `Optional`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard cells.indices.contains(index) else {
            throw PostgresError.decoding("no column \(index)", context: "column \(index)")
        }
        let context = "column \(index) (\(columns.names[index])) as \(T.self)"
        guard let text = cells[index] else { return try T.decodeNull(context: context) }
        do {
            return try T(postgresText: text)
        } catch let error as PostgresError {
            throw PostgresError.decoding(error.message, context: context)
        }
    }

    /// Decodes the cell of the named column.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let index = columns.index(of: name) else {
            throw PostgresError.decoding("no column named \(name)", context: name)
        }
        return try decode(type, at: index)
    }

    /// Decodes the leading cells (or those from `start` on) into a tuple:
    /// `let (code, name) = try row.decode((String, String?).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type, startingAt start: Int = 0) throws -> (repeat each T) {
        var index = start
        func next<V: PostgresDecodable>(_ type: V.Type) throws -> V {
            defer { index += 1 }
            return try decode(type, at: index)
        }
        return (repeat try next((each T).self))
    }
}

/// The column names of a result, shared by its rows.
public struct PostgresColumns: Sendable {
    public let names: [String]

    init(names: [String]) {
        self.names = names
    }

    public func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}

/// A fully read result: its rows and the number of rows the command affected.
public struct PostgresResult: Sendable {
    public let columns: PostgresColumns
    public let rows: [PostgresRow]
    /// `PQcmdTuples`: rows inserted, updated, deleted, copied or selected.
    public let affectedRows: Int

    /// The first row, or `nil` for an empty result.
    public var first: PostgresRow? { rows.first }

    /// Decodes column 0 of the first row; throws if there is no row.
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        guard let row = rows.first else {
            throw PostgresError.decoding("the query returned no row", context: "scalar \(T.self)")
        }
        return try row.decode(type, at: 0)
    }
}
