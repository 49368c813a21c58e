import Fluent
import FluentKit
import Vapor

/// Applies and reverts the migrations, telling which ones it applied.
public enum MigrationRunner {
    /// Registers the ordered list on the app.
    public static func register(on app: Application) {
        app.migrations.add(Migrations.all)
    }

    /// Applies pending migrations, then seals any channel secret still stored in plain text;
    /// returns the names applied, in order.
    public static func migrate(_ app: Application) async throws -> [String] {
        let before = Set(try await appliedNames(app.db))
        try await app.autoMigrate()
        _ = try await app.channelConnections.sealPlainSecrets()
        return try await appliedNames(app.db).filter { !before.contains($0) }
    }

    /// Reverts every migration (tests use it to prove `revert` works).
    public static func revertAll(_ app: Application) async throws {
        try await app.autoRevert()
    }

    /// Names recorded as applied, oldest first; empty before the first migration.
    public static func appliedNames(_ database: any Database) async throws -> [String] {
        do {
            return try await MigrationLog.query(on: database).sort(\.$batch).sort(\.$createdAt).all().map(\.name)
        } catch {
            // The log table does not exist until the first migration runs.
            return []
        }
    }
}
