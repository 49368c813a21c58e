import Fluent

struct M0001_CreateAgencies: AsyncMigration {
    var name: String { "0001_create_agencies" }

    func prepare(on database: any Database) async throws {
        try await database.schema("agencies")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agencies").delete()
    }
}
