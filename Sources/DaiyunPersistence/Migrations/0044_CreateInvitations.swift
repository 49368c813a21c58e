import Fluent

/// Invitations: the SHA-256 of each one-time link's secret, the account it sets a password for,
/// when it expires and when it was used.
struct M0044_CreateInvitations: AsyncMigration {
    var name: String { "0044_create_invitations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token_sha256", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "token_sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
