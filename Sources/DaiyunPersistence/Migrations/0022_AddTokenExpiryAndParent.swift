import Fluent
import SQLKit

/// API tokens may expire, and remember the token they were created with, so that revoking a token
/// revokes the tokens made with it. Existing tokens keep working: no expiry, no parent.
struct M0022_AddTokenExpiryAndParent: AsyncMigration {
    var name: String { "0022_add_token_expiry_and_parent" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        try await database.schema("api_tokens").field("parent_id", .uuid).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX api_tokens_parent ON api_tokens (parent_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX api_tokens_parent").run()
        // Fluent's schema builder drops no column on SQLite; both databases take this.
        try await sql.raw("ALTER TABLE api_tokens DROP COLUMN parent_id").run()
        try await sql.raw("ALTER TABLE api_tokens DROP COLUMN expires_at").run()
    }
}
