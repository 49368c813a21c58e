import Fluent
import SQLKit

/// Jobs keep their result and last error as messages too (a string key with its arguments), so
/// that a page says them in its reader's language; the English columns stay for the API and logs.
struct M0027_AddJobMessages: AsyncMigration {
    var name: String { "0027_add_job_messages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs").field("result_message", .string).update()
        try await database.schema("jobs").field("error_message", .string).update()
    }

    func revert(on database: any Database) async throws {
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE jobs DROP COLUMN error_message").run()
        try await sql.raw("ALTER TABLE jobs DROP COLUMN result_message").run()
    }
}
