import Fluent

struct M0005_CreateStoreAssignments: AsyncMigration {
    var name: String { "0005_create_store_assignments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("store_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "store_id", "role")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("store_assignments").delete()
    }
}
