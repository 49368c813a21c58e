import Fluent

struct M0004_CreateUsers: AsyncMigration {
    var name: String { "0004_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("client_id", .uuid, .references("clients", "id"))
            .field("login", .string, .required)
            .field("display_name", .string, .required)
            .field("kind", .string, .required)
            .field("language", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "login")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
