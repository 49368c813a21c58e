import DaiyunCore
import Fluent
import Foundation
import SQLKit

extension Database {
    /// On SQLite, takes the database's write lock now, as the first statement of a write
    /// transaction. A transaction that reads first and writes later cannot upgrade its lock while
    /// another writer is active (SQLite answers "database is locked" at once); taking the lock
    /// first makes writers queue instead. A sleeping busy timeout replaces the driver's spinning
    /// one while they wait. PostgreSQL locks rows as it goes and needs none of this.
    public func lockForWriting() async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA busy_timeout = 30000").run()
        try await sql.raw("UPDATE _fluent_migrations SET batch = batch WHERE 1 = 0").run()
    }

    /// Takes the write lock for one store's orders and refunds, as the first statement of the
    /// transaction: SQLite's database write lock, or on PostgreSQL a lock on the store held until
    /// the transaction ends. Writers of one store then take turns, and each merges its reports
    /// into what the one before committed; without it two writers could read the same stored
    /// order, and the later commit would put back an older status or move its stock again.
    public func lockForWriting(store: ID<Store>) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return try await lockForWriting() }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: store.advisoryLockKey))").run()
    }
}

extension ID<Store> {
    /// The store's key among PostgreSQL's advisory locks: the first eight bytes of its random id
    /// (two stores sharing one would only take turns).
    var advisoryLockKey: Int64 {
        withUnsafeBytes(of: rawValue.uuid) { $0.loadUnaligned(as: Int64.self) }
    }
}
