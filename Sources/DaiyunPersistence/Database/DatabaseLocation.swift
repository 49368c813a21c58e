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

    /// Registers the database as the app's default.
    public func register(on databases: Databases, logger: Logger) throws {
        switch self {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let searchPath { configuration.searchPath = [searchPath] }
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 8, sqlLogLevel: .trace),
                as: .psql
            )
        }
    }

    /// Settings applied once at start: WAL journal for SQLite so readers do not wait for writers.
    public static func prepare(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
    }
}
