import Fluent

/// Which alerts of each store reach each person's inbox, when they chose fewer than all.
struct M0040_CreateAlertSubscriptions: AsyncMigration {
    var name: String { "0040_create_alert_subscriptions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("alert_subscriptions")
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("level", .string, .required)
            .unique(on: "user_id", "store_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alert_subscriptions").delete()
    }
}
