import DaiyunCore
import DaiyunPersistence
import DaiyunWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// The databases a test runs on: SQLite always, PostgreSQL too when `DAIYUN_TEST_DATABASE_URL`
/// names a server. Use as `@Test(arguments: TestDatabase.available)`.
public enum TestDatabase: String, Sendable, CustomStringConvertible, CaseIterable {
    case sqlite, postgres

    public static let urlVariable = "DAIYUN_TEST_DATABASE_URL"

    public static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment[urlVariable].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    public var description: String { rawValue }

    /// A fresh, empty location: a new SQLite file, or a new schema on the test server.
    func freshLocation() -> (DatabaseLocation, cleanup: String) {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        switch self {
        case .sqlite:
            let path = NSTemporaryDirectory() + "daiyun-test-\(tag).sqlite"
            return (.sqlite(path: path), path)
        case .postgres:
            let url = ProcessInfo.processInfo.environment[Self.urlVariable] ?? ""
            let schema = "t_\(tag)"
            return (.postgres(url: url, searchPath: schema), schema)
        }
    }
}

/// Runs `body` with a configured app on a fresh database, migrated unless `migrate` is false,
/// and removes the database afterwards.
public func withTestApp<T>(
    _ database: TestDatabase, migrate: Bool = true, _ body: (Application) async throws -> T
) async throws -> T {
    let app = try await Application.make(.testing)
    let (location, cleanup) = database.freshLocation()
    do {
        // Tests connect stores to sandboxes and receivers on loopback ports.
        let config = AppConfig(database: location, logLevel: .warning, bcryptCost: 4, gateways: GatewayAllowList(extra: ["http://127.0.0.1"]))
        app.logger.logLevel = .warning
        try await configure(app, config: config, environment: [:])
        if database == .postgres, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(unsafeRaw: cleanup)").run()
        }
        if migrate { _ = try await MigrationRunner.migrate(app) }
        let result = try await body(app)
        try await drop(database, cleanup, app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await drop(database, cleanup, app)
        try? await app.asyncShutdown()
        throw error
    }
}

private func drop(_ database: TestDatabase, _ cleanup: String, _ app: Application) async throws {
    switch database {
    case .sqlite:
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cleanup + suffix) }
    case .postgres:
        if let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: cleanup) CASCADE").run()
        }
    }
}

/// The data of every session the app keeps, as stored (JSON): how many sessions, whose.
public func keptSessions(_ app: Application) async throws -> [String] {
    guard let sql = app.db as? any SQLDatabase else { return [] }
    return try await sql.raw("SELECT data FROM sessions").all().map { try $0.decode(column: "data", as: String.self) }
}
