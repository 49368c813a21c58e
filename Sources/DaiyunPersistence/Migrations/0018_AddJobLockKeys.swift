import Fluent
import SQLKit

/// Jobs get a lock key: jobs sharing it never run at the same time. A store's sync and its stock
/// push share the store's key, so a push never reads stock while the sync is reserving it.
struct M0018_AddJobLockKeys: AsyncMigration {
    var name: String { "0018_add_job_lock_keys" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE jobs ADD COLUMN lock_key TEXT NOT NULL DEFAULT ''").run()
        try await sql.raw("UPDATE jobs SET lock_key = dedupe_key").run()
        try await sql.raw("CREATE INDEX jobs_lock ON jobs (lock_key, status)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX jobs_lock").run()
        try await sql.raw("ALTER TABLE jobs DROP COLUMN lock_key").run()
    }
}
