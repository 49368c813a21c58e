import Fluent
import SQLKit

/// A store's connection to its channel's open platform, the sync cursors, the job queue, and
/// what was last pushed as a listing's stock.
struct M0015_CreateChannelSync: AsyncMigration {
    var name: String { "0015_create_channel_sync" }

    func prepare(on database: any Database) async throws {
        try await database.schema("channel_connections")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("endpoint", .string, .required)
            .field("app_key", .string, .required)
            .field("app_secret", .string, .required)
            .field("session", .string, .required)
            .field("sign_method", .string, .required)
            .field("sync_every_seconds", .int, .required)
            .field("enabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "store_id")
            .create()
        try await database.schema("sync_cursors")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("kind", .string, .required)
            .field("synced_until", .datetime, .required)
            .field("last_success_at", .datetime)
            .field("last_error", .string)
            .field("last_error_at", .datetime)
            .unique(on: "store_id", "kind")
            .create()
        try await database.schema("jobs")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("locked_by", .string)
            .field("locked_at", .datetime)
            .field("last_error", .string)
            .field("result", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // One queued job per key: a burst of stock changes coalesces into one push per listing.
        try await sql.raw("CREATE UNIQUE INDEX jobs_one_queued ON jobs (dedupe_key) WHERE status = 'queued'").run()
        try await sql.raw("CREATE INDEX jobs_due ON jobs (status, run_at)").run()
        try await sql.raw("CREATE INDEX jobs_store ON jobs (store_id, created_at)").run()
        try await database.schema("listing_stock_pushes")
            .id()
            .field("listing_id", .uuid, .required, .references("listings", "id"))
            .field("pushed_quantity", .int, .required)
            .field("pushed_at", .datetime, .required)
            .unique(on: "listing_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("listing_stock_pushes").delete()
        try await database.schema("jobs").delete()
        try await database.schema("sync_cursors").delete()
        try await database.schema("channel_connections").delete()
    }
}
