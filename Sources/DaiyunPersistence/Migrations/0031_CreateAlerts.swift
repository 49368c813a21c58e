import Fluent
import SQLKit

/// Alert rules, one per store and kind, and the alerts they raise: at most one not yet resolved
/// per rule and subject (a partial unique index), with the message that fired it and its link.
struct M0031_CreateAlerts: AsyncMigration {
    var name: String { "0031_create_alerts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("alert_rules")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("kind", .string, .required)
            .field("threshold", .int64, .required)
            .field("severity", .string, .required)
            .field("enabled", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "store_id", "kind")
            .create()
        try await database.schema("alerts")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("rule_id", .uuid, .required, .references("alert_rules", "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("severity", .string, .required)
            .field("status", .string, .required)
            .field("message_key", .string, .required)
            .field("message_args", .string, .required)
            .field("message_english", .string, .required)
            .field("link_kind", .string, .required)
            .field("link_ref", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .field("resolved_at", .datetime)
            .field("resolved_by", .string)
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE UNIQUE INDEX alerts_unresolved ON alerts (rule_id, subject) WHERE status <> 'resolved'").run()
        try await sql.raw("CREATE INDEX alerts_store_status ON alerts (store_id, status, opened_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alerts").delete()
        try await database.schema("alert_rules").delete()
    }
}
