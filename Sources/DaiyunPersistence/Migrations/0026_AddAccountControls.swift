import Fluent
import SQLKit

/// Accounts an admin can disable and whose password they can reset (the user then chooses a new one
/// at the next sign-in); sign-in locks that grow with each lock, counted per login and address.
/// Existing counters were per login alone: they are dropped (they only ever last 15 minutes).
struct M0026_AddAccountControls: AsyncMigration {
    var name: String { "0026_add_account_controls" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("disabled_at", .datetime).update()
        try await database.schema("users").field("must_change_password", .bool, .required, .sql(.default(false))).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("DELETE FROM sign_in_throttles").run()
        try await database.schema("sign_in_throttles").field("lock_count", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE sign_in_throttles DROP COLUMN lock_count").run()
        try await sql.raw("ALTER TABLE users DROP COLUMN must_change_password").run()
        try await sql.raw("ALTER TABLE users DROP COLUMN disabled_at").run()
    }
}
