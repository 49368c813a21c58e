import Fluent
import SQLKit

/// Rows per multi-row statement: well under SQLite's and PostgreSQL's bind limits for our widest table.
let upsertChunk = 400

extension Database {
    /// On SQLite, gives this connection a page cache big enough for a bulk write (64 MiB), so a
    /// large import's transaction is not spilled to the log page by page before it commits, and
    /// keeps statement journals in memory: each multi-row upsert inside a transaction journals
    /// the pages it touches, by default in a temporary file opened for every statement.
    func prepareForBulkWrite() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -65536").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }
}

extension Database {
    /// On PostgreSQL, refreshes the planner's statistics of tables a bulk write is filling (its
    /// own rows included). Without them the planner reads a freshly loaded table through the
    /// store's index instead of the unique key, ten times slower for each chunk's lookup. Two bulk
    /// writers' refreshes of one table wait for each other until the first commits.
    func refreshStatistics(of tables: [String]) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ANALYZE \(unsafeRaw: tables.joined(separator: ", "))").run()
    }
}
