import DaiyunCore
import Fluent
import Foundation
import SQLKit

extension JobQueue {
    /// A runner's heartbeat: records that `worker` is alive at `now` and returns the jobs it still
    /// holds. A job missing from the answer was taken over (the runner stopped beating for longer
    /// than the lease, say while cut off from the database) and must not be finished by it.
    public func beat(worker: String, now: Date) async throws -> Set<UUID> {
        try await database.lockForWriting()
        let sql = try database.sql()
        try await sql.raw(
            """
            INSERT INTO job_workers (worker, started_at, heartbeat_at) VALUES (\(bind: worker), \(bind: now), \(bind: now))
            ON CONFLICT (worker) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """
        ).run()
        let held = try await sql.raw("SELECT id FROM jobs WHERE status = 'running' AND locked_by = \(bind: worker)").all()
        return Set(try held.map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// A runner that stops cleanly says so: its jobs are finished and nothing waits for its lease.
    public func leave(worker: String) async throws {
        try await database.lockForWriting()
        try await database.sql().raw("DELETE FROM job_workers WHERE worker = \(bind: worker)").run()
    }

    /// Jobs held by a runner that has not beaten for `lease` (killed, or cut off) are queued again;
    /// one whose work is queued already is settled instead, so that it holds no lock. A job is never
    /// taken from `worker` (the caller) nor from a runner that beats; one claimed less than `lease`
    /// ago waits for its runner's first beat.
    public func requeueAbandoned(lease: TimeInterval, except worker: String? = nil, now: Date) async throws -> Int {
        try await database.lockForWriting()
        let sql = try database.sql()
        let cutoff = now.addingTimeInterval(-lease)
        let abandoned: SQLQueryString = """
            status = 'running' AND locked_at < \(bind: cutoff) AND locked_by <> \(bind: worker ?? "")
            AND NOT EXISTS (SELECT 1 FROM job_workers w WHERE w.worker = jobs.locked_by AND w.heartbeat_at >= \(bind: cutoff))
            """
        try await sql.raw(
            """
            UPDATE jobs SET status = 'done', locked_by = NULL, finished_at = \(bind: now), last_error = 'abandoned by its worker',
                error_message = \(bind: Self.json(.abandoned)), result = 'superseded by a queued job',
                result_message = \(bind: Self.json(.superseded))
            WHERE \(abandoned) AND EXISTS (SELECT 1 FROM jobs q WHERE q.status = 'queued' AND q.dedupe_key = jobs.dedupe_key)
            """
        ).run()
        let rows = try await sql.raw(
            """
            UPDATE jobs SET status = 'queued', locked_by = NULL, locked_at = NULL, last_error = 'abandoned by its worker',
                error_message = \(bind: Self.json(.abandoned))
            WHERE \(abandoned) RETURNING id
            """
        ).all()
        try await sql.raw("DELETE FROM job_workers WHERE heartbeat_at < \(bind: now.addingTimeInterval(-86_400))").run()
        return rows.count
    }
}
