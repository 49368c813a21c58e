import Fluent

struct M0003_CreateStores: AsyncMigration {
    var name: String { "0003_create_stores" }

    func prepare(on database: any Database) async throws {
        try await database.schema("stores")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("channel", .string, .required)
            .field("shop_id", .string, .required)
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("taken_over_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "channel", "shop_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stores").delete()
    }
}
