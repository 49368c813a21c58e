import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
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

/// Runs `body` with an app that has the database and nothing of the web app: a fresh database,
/// migrated unless `migrate` is false, removed afterwards. Channel secrets are sealed with a
/// throwaway key; passwords are hashed cheaply.
public func withTestDatabase<T>(
    _ database: TestDatabase, migrate: Bool = true, _ body: (Application) async throws -> T
) async throws -> T {
    try await withFreshDatabase(
        database, migrate: migrate,
        setUp: { app, location in
            try await app.useDatabase(location)
            app.secrets = try SecretBox(base64Key: SecretBox.newKeyText())
            app.passwords.use(.bcrypt(cost: 4))
        }, body)
}

/// Runs `body` with an app that `setUp` configures on a fresh database of the given kind, then
/// removes the database and shuts the app down, whether `body` succeeds or not.
public func withFreshDatabase<T>(
    _ database: TestDatabase, migrate: Bool, setUp: (Application, DatabaseLocation) async throws -> Void,
    _ body: (Application) async throws -> T
) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let (location, cleanup) = database.freshLocation()
    do {
        try await setUp(app, location)
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
