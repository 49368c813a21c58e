import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// A `postgres://` URL; `searchPath` puts every table in one schema (tests use one per test).
    case postgres(url: String, searchPath: String? = nil)

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite file \(path)"
        case .postgres(let url, _): "PostgreSQL \(Self.redacted(url))"
        }
    }

    /// The URL with any password replaced, for logs.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "(unparseable URL)" }
        if parts.password != nil { parts.password = "***" }
        return parts.string ?? "(unparseable URL)"
    }

    /// Registers the database as the app's default. SQLite has one connection per event loop,
    /// and a writer holds its connection while it waits for the write lock (up to the 30 s busy
    /// timeout, `lockForWriting`); a request queued behind several such writers waits for a
    /// connection up to 120 s, not the pool's default 10 s, so queued writers and the readers
    /// behind them take turns instead of failing (forty writers queued on two connections waited
    /// past 30 s on a loaded CI machine). On PostgreSQL writers to one audit chain or one order
    /// hold their connections while they wait for its row lock, so a request waits as long.
    public func register(on databases: Databases, logger: Logger) throws {
        switch self {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(120), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let searchPath { configuration.searchPath = [searchPath] }
            databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: 8, connectionPoolTimeout: .seconds(120), sqlLogLevel: .trace),
                as: .psql
            )
        }
    }

    /// Settings applied once at start, on every pooled connection (one per event loop for
    /// SQLite): the WAL journal, so readers do not wait for writers, and statement journals kept
    /// in memory. A statement that may fail halfway journals the pages it touches; past 64 KiB
    /// SQLite writes them to a temporary file (the largest file traffic of a bulk import) unless
    /// told so on the connection, and it can only be told outside a transaction. A new database
    /// gets 8 KiB pages (an existing one keeps its size): fewer page splits and cells to move per
    /// row (the README's benchmark section has the figures). Each connection is checked for the
    /// internals the bulk writer reads (`SQLiteConnectionInternals`), so a changed SQLiteNIO stops
    /// the app here.
    public static func prepare(_ databases: Databases, logger: Logger) async throws {
        for loop in databases.eventLoopGroup.makeIterator() {
            guard let sql = databases.database(logger: logger, on: loop) as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            try await sql.raw("PRAGMA page_size = 8192").run()
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            if let sqlite = sql as? any SQLiteDatabase { try await SQLiteConnectionInternals.check(sqlite) }
        }
    }
}
