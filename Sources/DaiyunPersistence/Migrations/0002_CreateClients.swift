import Fluent

struct M0002_CreateClients: AsyncMigration {
    var name: String { "0002_create_clients" }

    func prepare(on database: any Database) async throws {
        try await database.schema("clients")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("name", .string, .required)
            .field("industry", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "agency_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("clients").delete()
    }
}
