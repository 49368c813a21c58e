import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Synchronization

/// Keys per lookup (`IN (…)`) where a list of keys is read in pieces (well under both databases'
/// bind limits), and the order count above which the order writer prepares for a bulk write.
let lookupChunk = 400

/// Rows per PostgreSQL statement of column arrays (bounded only to keep each message a few MiB);
/// the fastest of the round sizes measured on the bench's year (the README's benchmark section).
private let arrayChunk = 10_000

/// Reports per SQLite round: the fastest of the round sizes measured on the bench's year in
/// alternating runs (the README's benchmark section); larger rounds did no better.
private let sqliteRound = 2_000

extension Database {
    /// Reports a bulk writer merges per round: one round's lookups and writes go as few
    /// statements. Each PostgreSQL statement has a fixed cost (a plan, a round trip) that a
    /// round of column arrays spreads over thousands of rows. On SQLite each row is one step of a
    /// prepared statement, and a round's fixed cost is its lookups and the hops to the thread pool.
    var writeRound: Int {
        self is any PostgresDatabase ? arrayChunk : sqliteRound
    }

    /// `INSERT … ON CONFLICT (keys) DO UPDATE` of every column but the id and the keys; without
    /// keys (rows new to the table), plain `INSERT`s on SQLite and `COPY` on PostgreSQL
    /// (`CopyText`, faster on the bench's import than the array statement).
    /// The statement text is made once per table and the values bound as they are, below SQLKit's
    /// serialiser and encoder (the import's hottest Swift code). On SQLite one prepared row
    /// statement is stepped per row (`SQLiteDirect`); on PostgreSQL each column goes as one array
    /// parameter (`ColumnArray`).
    func upsert<Row: TableRow>(_ rows: [Row], into table: String, conflict keys: [String]) async throws {
        guard !rows.isEmpty else { return }
        let updated = Row.columns.filter { $0 != "id" && !keys.contains($0) }
        switch try BulkDriver(self) {
        case .sqlite(let sqlite):
            let text = UpsertStatement.text(table: table, columns: Row.columns, conflict: keys, updated: updated)
            let values = rows.map(\.values)
            try await SQLiteDirect.on(sqlite) { try $0.run(text, rows: values) }
        case .postgres(let postgres) where keys.isEmpty:
            let values = rows.map(\.values)
            let logger = postgres.logger
            try await postgres.onConnection { connection in
                try await connection.copyFrom(table: table, columns: Row.columns, logger: logger) { writer in
                    for start in stride(from: 0, to: values.count, by: arrayChunk) {
                        var buffer = ByteBuffer()
                        CopyText.encode(values[start..<min(start + arrayChunk, values.count)], into: &buffer)
                        try await writer.write(buffer)
                    }
                }
            }
        case .postgres(let postgres):
            let text = UpsertStatement.unnest(table: table, columns: Row.columns, conflict: keys, updated: updated)
            for start in stride(from: 0, to: rows.count, by: arrayChunk) {
                let values = rows[start..<min(start + arrayChunk, rows.count)].map(\.values)
                var binds = PostgresBindings(capacity: Row.columns.count)
                for column in Row.columns.indices { binds.append(ColumnArray(column: column, of: values), context: .default) }
                _ = try await postgres.rows(PostgresQuery(unsafeSQL: text, binds: binds))
            }
        }
    }

    /// Rows the table does not hold yet (a history, or orders just found new under the store's
    /// write lock): plain `INSERT`s on SQLite, `COPY` on PostgreSQL.
    func insert<Row: TableRow>(_ rows: [Row], into table: String) async throws {
        try await upsert(rows, into: table, conflict: [])
    }

    /// `SELECT columns FROM table WHERE store_id = ? AND key IN (…)`, read as rows.
    func select<Row: TableRow>(_ type: Row.Type, from table: String, store: UUID, where key: String, in values: [String]) async throws
        -> [Row]
    {
        guard !values.isEmpty else { return [] }
        let columns = Row.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        switch try BulkDriver(self) {
        case .sqlite(let sqlite):
            let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
            let text = "SELECT \(columns) FROM \"\(table)\" WHERE \"store_id\" = ? AND \"\(key)\" IN (\(marks))"
            let binds: [ColumnValue] = [.uuid(store)] + values.map { .text($0) }
            return try await SQLiteDirect.on(sqlite) { try $0.select(Row.self, text, binds: binds, table: table) }
        case .postgres(let postgres):
            var binds = PostgresBindings(capacity: 2)
            binds.append(store)
            binds.append(values)
            let text = "SELECT \(columns) FROM \"\(table)\" WHERE \"store_id\" = $1 AND \"\(key)\" = ANY($2)"
            return try await postgres.rows(PostgresQuery(unsafeSQL: text, binds: binds)).map { row in
                var reader = ColumnReader(row, table: table)
                return try Row(&reader)
            }
        }
    }
}

/// The driver below Fluent that a bulk statement goes to.
private enum BulkDriver {
    case sqlite(any SQLiteDatabase)
    case postgres(any PostgresDatabase)

    init(_ database: any Database) throws {
        if let sqlite = database as? any SQLiteDatabase {
            self = .sqlite(sqlite)
        } else if let postgres = database as? any PostgresDatabase {
            self = .postgres(postgres)
        } else {
            throw UnsupportedDatabase()
        }
    }

    struct UnsupportedDatabase: Error, CustomStringConvertible {
        var description: String { "bulk statements need SQLite or PostgreSQL" }
    }
}

extension PostgresDatabase {
    /// Runs `body` on this database's connection (the transaction's, inside one).
    func onConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in connection.eventLoop.makeFutureWithTask { try await body(connection) } }.get()
    }

    /// Runs the query on this database's connection and reads every row.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let logger = self.logger
        return try await onConnection { try await $0.query(query, logger: logger).collect() }
    }
}

/// The text of an upsert, made once per table and conflict keys: one row of `?` placeholders
/// (SQLite, stepped per row) or one array parameter per column (PostgreSQL).
enum UpsertStatement {
    private static let cache = Mutex<[String: String]>([:])

    /// One row of `?` placeholders; no conflict keys make a plain insert.
    static func text(table: String, columns: [String], conflict keys: [String], updated: [String]) -> String {
        cached("\(table)/\(keys)") {
            "INSERT INTO \"\(table)\" \(list(columns)) VALUES (" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                + onConflict(keys, updated)
        }
    }

    /// `SELECT * FROM unnest($1, $2, …)`, one array parameter per column.
    static func unnest(table: String, columns: [String], conflict keys: [String], updated: [String]) -> String {
        cached("\(table)/unnest/\(keys)") {
            "INSERT INTO \"\(table)\" \(list(columns)) SELECT * FROM unnest("
                + (1...columns.count).map { "$\($0)" }.joined(separator: ",") + ")" + onConflict(keys, updated)
        }
    }

    private static func list(_ columns: [String]) -> String {
        "(" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ")"
    }

    private static func onConflict(_ keys: [String], _ updated: [String]) -> String {
        keys.isEmpty
            ? "" : " ON CONFLICT \(list(keys)) DO UPDATE SET " + updated.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
    }

    private static func cached(_ key: String, _ make: () -> String) -> String {
        if let text = cache.withLock({ $0[key] }) { return text }
        let text = make()
        cache.withLock { $0[key] = text }
        return text
    }
}

extension Database {
    /// On SQLite, gives this connection a page cache big enough for a bulk write (64 MiB), so a
    /// large import's transaction is not spilled to the log page by page before it commits.
    func prepareForBulkWrite() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -65536").run()
    }
}

extension Database {
    /// On PostgreSQL, refreshes the planner's statistics of tables a bulk write is filling (its
    /// own rows included): their size, and the columns the writer looks rows up by (the other
    /// columns' statistics were most of a full ANALYZE's cost). Without them the planner reads a
    /// freshly loaded table through the store's index instead of the unique key, ten times slower
    /// for each chunk's lookup. Two bulk writers' refreshes of one table wait for each other
    /// until the first commits.
    func refreshStatistics(of tables: [String], columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let list = columns.joined(separator: ", ")
        try await sql.raw("ANALYZE \(unsafeRaw: tables.map { "\($0) (\(list))" }.joined(separator: ", "))").run()
    }
}
