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
