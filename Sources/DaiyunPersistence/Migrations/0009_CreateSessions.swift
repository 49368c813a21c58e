import Fluent

/// Web sessions, kept in the database (in the table Fluent's `SessionRecord` reads) so that several app instances share them.
struct M0009_CreateSessions: AsyncMigration {
    var name: String { "0009_create_sessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("_fluent_sessions").delete()
    }
}
