import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWeb
import Foundation
import SQLKit
import Vapor

/// Runs `body` with the configured web app on a fresh database, migrated unless `migrate` is
/// false, and removes the database afterwards.
public func withTestApp<T>(
    _ database: TestDatabase, migrate: Bool = true, _ body: (Application) async throws -> T
) async throws -> T {
    try await withFreshDatabase(
        database, migrate: migrate,
        setUp: { app, location in
            // Tests connect stores to sandboxes and receivers on loopback ports, and give browsers
            // their addresses as a proxy would.
            let config = AppConfig(
                database: location, logLevel: .warning, bcryptCost: 4, gateways: GatewayAllowList(extra: ["http://127.0.0.1"]),
                trustForwardedFor: true)
            try await configure(app, config: config)
        }, body)
}

/// The data of every session the app keeps, as stored (JSON): how many sessions, whose.
public func keptSessions(_ app: Application) async throws -> [String] {
    guard let sql = app.db as? any SQLDatabase else { return [] }
    return try await sql.raw("SELECT data FROM sessions").all().map { try $0.decode(column: "data", as: String.self) }
}
