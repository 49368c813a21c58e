import FluentKit
import Vapor

extension Application {
    /// Sets the app up on `location`: its own pool for blocking work, the database registered and
    /// prepared, the migrations registered (none applied). The pool is set before the database is
    /// registered so that SQLite uses it; a SQLite writer waiting for the lock sleeps on one of
    /// its threads, and with enough of them the writer holding the lock always has one.
    public func useDatabase(_ location: DatabaseLocation) async throws {
        threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))
        try location.register(on: databases, logger: logger)
        try await DatabaseLocation.prepare(databases, logger: logger)
        MigrationRunner.register(on: self)
    }
}
