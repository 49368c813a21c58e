import Fluent
import SQLKit

extension Database {
    /// On SQLite, takes the database's write lock now, as the first statement of a write
    /// transaction. A transaction that reads first and writes later cannot upgrade its lock while
    /// another writer is active (SQLite answers "database is locked" at once); taking the lock
    /// first makes writers queue instead. A sleeping busy timeout replaces the driver's spinning
    /// one while they wait. PostgreSQL locks rows as it goes and needs none of this.
    public func lockForWriting() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await waitWhileLocked()
        try await sql.raw("UPDATE _fluent_migrations SET batch = batch WHERE 1 = 0").run()
    }

    /// On SQLite, makes this connection sleep while another holds the write lock, instead of
    /// spinning. Enough on its own for a transaction whose first statement writes (it takes the
    /// lock at once and never needs to upgrade one).
    public func waitWhileLocked() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA busy_timeout = 30000").run()
    }
}

extension Database {
    /// On SQLite, gives this connection a page cache big enough for a bulk write (64 MiB), so a
    /// large import's transaction is not spilled to the log page by page before it commits.
    func widenCacheForBulkWrite() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -65536").run()
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
