import Fluent
import SQLKit

/// Sessions in a table of Daiyun's own that records when each started, indexed, so that ended
/// sessions are swept by the index a batch at a time (Fluent's table kept only the data, and each
/// sign-in loaded every session to find the ended ones). The sessions of the old table are not
/// carried over: everyone signs in once more after the upgrade.
struct M0023_CreateSessionsWithStart: AsyncMigration {
    var name: String { "0023_create_sessions_with_start" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .string, .required)
            .field("started_at", .datetime, .required)
            .unique(on: "key")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX sessions_started_at ON sessions (started_at)").run()
        try await database.schema("_fluent_sessions").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
        try await database.schema("sessions").delete()
    }
}
