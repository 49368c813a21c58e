import Fluent
import SQLKit

/// Jobs for an agency, a client or a store: `client_id` is added and `store_id` may be empty
/// (rollups, robot deliveries and statements are no store's jobs). The table is rebuilt, since
/// SQLite cannot drop a NOT NULL; every job is kept, a store's job with its client filled in.
/// `job_workers` holds each runner's heartbeat: a job whose runner stopped beating is taken over.
struct M0024_GeneralizeJobs: AsyncMigration {
    var name: String { "0024_generalize_jobs" }

    static let copied =
        "id, agency_id, store_id, kind, payload, dedupe_key, lock_key, status, attempts, max_attempts, run_at, locked_by, "
        + "locked_at, last_error, result, created_at, finished_at"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await Self.dropIndexes(sql)
        try await sql.raw("ALTER TABLE jobs RENAME TO jobs_before_0024").run()
        try await Self.createJobs(database, storeRequired: false)
        try await sql.raw(
            """
            INSERT INTO jobs (client_id, \(unsafeRaw: Self.copied))
            SELECT s.client_id, \(unsafeRaw: Self.copied.split(separator: ",").map { "j." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM jobs_before_0024 j LEFT JOIN stores s ON s.id = j.store_id
            """
        ).run()
        try await sql.raw("DROP TABLE jobs_before_0024").run()
        try await Self.createIndexes(sql)
        try await database.schema("job_workers")
            .field("worker", .string, .identifier(auto: false))
            .field("started_at", .datetime, .required)
            .field("heartbeat_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("job_workers").delete()
        try await Self.dropIndexes(sql)
        try await sql.raw("ALTER TABLE jobs RENAME TO jobs_before_0024").run()
        try await Self.createJobs(database, storeRequired: true)
        try await sql.raw(
            """
            INSERT INTO jobs (\(unsafeRaw: Self.copied)) SELECT \(unsafeRaw: Self.copied) FROM jobs_before_0024 WHERE store_id IS NOT NULL
            """
        ).run()
        try await sql.raw("DROP TABLE jobs_before_0024").run()
        try await Self.createIndexes(sql)
    }

    static func createJobs(_ database: any Database, storeRequired: Bool) async throws {
        var schema = database.schema("jobs")
            .id()
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
        if storeRequired {
            schema = schema.field("store_id", .uuid, .required, .references("stores", "id"))
        } else {
            schema = schema.field("client_id", .uuid, .references("clients", "id")).field("store_id", .uuid, .references("stores", "id"))
        }
        try await schema
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("lock_key", .string, .required)
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
    }

    static func dropIndexes(_ sql: any SQLDatabase) async throws {
        for index in ["jobs_one_queued", "jobs_due", "jobs_store", "jobs_lock"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
        }
    }

    /// The indexes of 0015 and 0018, on the rebuilt table.
    static func createIndexes(_ sql: any SQLDatabase) async throws {
        // One queued job per key: a burst of stock changes coalesces into one push per listing.
        try await sql.raw("CREATE UNIQUE INDEX jobs_one_queued ON jobs (dedupe_key) WHERE status = 'queued'").run()
        try await sql.raw("CREATE INDEX jobs_due ON jobs (status, run_at)").run()
        try await sql.raw("CREATE INDEX jobs_store ON jobs (store_id, created_at)").run()
        try await sql.raw("CREATE INDEX jobs_lock ON jobs (lock_key, status)").run()
    }
}
