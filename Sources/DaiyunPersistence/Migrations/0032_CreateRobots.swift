import Fluent
import SQLKit

/// Group chat robots alerts are posted to (their webhook and secret sealed), and each alert's
/// delivery to each robot: pending until sent in a message (one alert, or a digest of several),
/// retried, or failed with what the robot said.
struct M0032_CreateRobots: AsyncMigration {
    var name: String { "0032_create_robots" }

    func prepare(on database: any Database) async throws {
        try await database.schema("robots")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("store_id", .uuid, .references("stores", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("webhook", .string, .required)
            .field("secret", .string)
            .field("language", .string, .required)
            .field("enabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("robot_deliveries")
            .id()
            .field("robot_id", .uuid, .required, .references("robots", "id", onDelete: .cascade))
            .field("alert_id", .uuid, .required, .references("alerts", "id"))
            .field("status", .string, .required)
            .field("attempts", .int64, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("message_id", .uuid)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "robot_id", "alert_id")
            .create()
        try await database.sql().raw("CREATE INDEX robot_deliveries_due ON robot_deliveries (robot_id, status, next_attempt_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("robot_deliveries").delete()
        try await database.schema("robots").delete()
    }
}
