import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The job queue in the database, for jobs of any kind and scope (the job system's runner and
/// registry are in DaiyunJobs; a write that queues a job, such as a shipment, does it in its own
/// transaction through this type). Claiming is one statement that moves due jobs to `running`;
/// on PostgreSQL it skips rows another instance is claiming (`FOR UPDATE SKIP LOCKED`), so
/// several instances never take the same job, and a job whose lock key is running elsewhere (or is
/// held by an earlier due job) waits. On SQLite one process runs the jobs and the write lock
/// serialises claims.
public struct JobQueue: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    static let columns = [
        "id", "agency_id", "client_id", "store_id", "kind", "payload", "dedupe_key", "lock_key", "status", "attempts", "max_attempts",
        "run_at", "locked_by", "locked_at", "last_error", "result", "result_message", "error_message", "created_at", "finished_at",
    ]

    /// The key of a scope's own job of `kind` (a store's sync, its stock push): one at a time per
    /// scope. A store's key is `kind:<store id>`, as it always was.
    public static func key(_ kind: JobKind, scope: JobScope) -> String {
        switch scope {
        case .store(let id, _, _): key(kind, store: id)
        case .client(let id, _): "\(kind.rawValue):client:\(id.rawValue)"
        case .agency(let id): "\(kind.rawValue):agency:\(id.rawValue)"
        }
    }

    /// The key of a store's own job of `kind`.
    public static func key(_ kind: JobKind, store: ID<Store>) -> String {
        "\(kind.rawValue):\(store.rawValue)"
    }

    /// Queues a job unless one with the same key is already queued (then that one stands for
    /// both, and moves earlier if this one is due sooner). Returns whether a new job was queued.
    /// A kind that locks its scope takes the scope's lock key; any other its own key.
    @discardableResult
    public func enqueue(
        _ kind: JobKind, scope: JobScope, payload: String = "{}", key: String? = nil, runAt: Date, maxAttempts: Int = 8, now: Date
    ) async throws -> Bool {
        let sql = try database.sql()
        let dedupe = key ?? Self.key(kind, scope: scope)
        let lock = kind.locksScope ? scope.lockKey : dedupe
        try await database.lockForWriting()
        let inserted = try await sql.raw(
            """
            INSERT INTO jobs (id, agency_id, client_id, store_id, kind, payload, dedupe_key, lock_key, status, attempts, max_attempts, run_at, created_at)
            VALUES (\(bind: ids.random()), \(bind: scope.agencyID.rawValue), \(bind: scope.clientID?.rawValue), \(bind: scope.storeID?.rawValue),
                    \(bind: kind.rawValue), \(bind: payload), \(bind: dedupe), \(bind: lock), 'queued', 0, \(bind: maxAttempts), \(bind: runAt), \(bind: now))
            ON CONFLICT (dedupe_key) WHERE status = 'queued' DO NOTHING RETURNING id
            """
        ).all()
        if inserted.isEmpty {
            try await sql.raw(
                "UPDATE jobs SET run_at = \(bind: runAt) WHERE dedupe_key = \(bind: dedupe) AND status = 'queued' AND run_at > \(bind: runAt)"
            ).run()
        }
        return !inserted.isEmpty
    }

    /// Queues a store's job (see `enqueue(_:scope:payload:key:runAt:maxAttempts:now:)`).
    @discardableResult
    public func enqueue(
        _ kind: JobKind, store: Store, payload: String = "{}", key: String? = nil, runAt: Date, maxAttempts: Int = 8, now: Date
    ) async throws -> Bool {
        try await enqueue(kind, scope: .of(store), payload: payload, key: key, runAt: runAt, maxAttempts: maxAttempts, now: now)
    }

    /// Queues a scope's next periodic job of `kind` unless one is queued, running or dead; it is
    /// due when `schedule` says after the last one finished.
    public func schedule(_ kind: JobKind, scope: JobScope, _ schedule: JobSchedule, payload: String = "{}", now: Date) async throws {
        let sql = try database.sql()
        let key = Self.key(kind, scope: scope)
        // Nothing while one is queued or running, nor after one died: that waits for a person.
        let latest = try await sql.raw(
            """
            SELECT status FROM jobs WHERE dedupe_key = \(bind: key) AND status IN ('queued', 'running', 'dead') LIMIT 1
            """
        ).first()
        guard latest == nil else { return }
        let due = schedule.next(lastFinished: try await lastFinished(key: key), now: now)
        // A job overdue for long (the runners were stopped) is not put before everything else.
        try await enqueue(kind, scope: scope, payload: payload, key: key, runAt: max(due, now.addingTimeInterval(-60)), now: now)
    }

    /// When the last job with this key finished, if one did.
    public func lastFinished(key: String) async throws -> Date? {
        try await database.sql().raw("SELECT MAX(finished_at) AS last FROM jobs WHERE dedupe_key = \(bind: key) AND status = 'done'")
            .first()?
            .decode(column: "last", as: Date?.self)
    }

    /// Whether a job with this key is queued or running.
    public func isActive(key: String) async throws -> Bool {
        try await database.sql().raw("SELECT id FROM jobs WHERE dedupe_key = \(bind: key) AND status IN ('queued', 'running') LIMIT 1")
            .first() != nil
    }

    /// Takes up to `limit` due jobs for `worker`, at most one per lock key: a job stays queued while
    /// a job with its lock key runs, or while an earlier due job with its lock key is queued (that
    /// one goes first, in this claim or, on PostgreSQL, in the instance that has it locked).
    /// `kinds` limits the claim to the kinds this runner has handlers for (nil: any kind).
    public func claim(worker: String, limit: Int = 4, kinds: [JobKind]? = nil, now: Date) async throws -> [Job] {
        let sql = try database.sql()
        try await database.lockForWriting()
        let skipLocked = sql.dialect.name == "postgresql" ? SQLRaw("FOR UPDATE SKIP LOCKED") : SQLRaw("")
        let names = kinds.map { SQLBind.group($0.map(\.rawValue)) }
        let ofKinds: any SQLExpression = names.map { SQLQueryString("AND q.kind IN \($0)") } ?? SQLRaw("")
        let earlierOfKinds: any SQLExpression = names.map { SQLQueryString("AND e.kind IN \($0)") } ?? SQLRaw("")
        let rows = try await sql.raw(
            """
            UPDATE jobs SET status = 'running', locked_by = \(bind: worker), locked_at = \(bind: now), attempts = attempts + 1
            WHERE id IN (
                SELECT q.id FROM jobs q
                WHERE q.status = 'queued' AND q.run_at <= \(bind: now) \(ofKinds)
                  AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.status = 'running' AND r.lock_key = q.lock_key)
                  AND NOT EXISTS (
                      SELECT 1 FROM jobs e WHERE e.status = 'queued' AND e.lock_key = q.lock_key AND e.run_at <= \(bind: now)
                        \(earlierOfKinds)
                        AND (e.run_at < q.run_at OR (e.run_at = q.run_at AND e.id < q.id)))
                ORDER BY q.run_at LIMIT \(bind: limit) \(skipLocked)
            )
            RETURNING \(unsafeRaw: Self.columns.joined(separator: ", "))
            """
        ).all()
        return try rows.map(Self.job)
    }

    /// The job finished; `result` says what it did. Recorded only while the job is still held by
    /// the runner that claimed it (false otherwise: it was taken over when that runner stopped beating).
    @discardableResult
    public func complete(_ job: Job, result: Message, now: Date) async throws -> Bool {
        try await database.lockForWriting()
        return try await !database.sql().raw(
            """
            UPDATE jobs SET status = 'done', result = \(bind: result.english), result_message = \(bind: Self.json(result)),
                last_error = NULL, error_message = NULL, finished_at = \(bind: now), locked_by = NULL
            WHERE id = \(bind: job.id) AND \(Self.heldBy(job)) RETURNING id
            """
        ).all().isEmpty
    }

    /// The job is still running under the runner that claimed it.
    static func heldBy(_ job: Job) -> SQLQueryString {
        "status = 'running' AND locked_by = \(bind: job.lockedBy ?? "")"
    }

    /// The attempt failed: queued again after a backoff, or dead once its attempts are spent.
    /// A `final` failure (bad credentials, a refused shipment) is dead at once. Like `complete`,
    /// recorded only while the claiming runner still holds the job.
    @discardableResult
    public func fail(_ job: Job, error said: Message, final: Bool = false, now: Date) async throws -> Bool {
        let error = said.english
        let message = Self.json(said)
        let retryAt = final ? nil : job.retryAt(after: now)
        try await database.lockForWriting()
        let sql = try database.sql()
        let settled: SQLQueryString
        if let retryAt {
            // Another job with this key may have been queued meanwhile: then this one is folded into it.
            let folded =
                try await sql.raw("SELECT id FROM jobs WHERE dedupe_key = \(bind: job.dedupeKey) AND status = 'queued'").first() != nil
            settled =
                folded
                ? """
                status = 'done', last_error = \(bind: error), error_message = \(bind: message), result = 'superseded by a queued job',
                result_message = \(bind: Self.json(.superseded)), finished_at = \(bind: now), locked_by = NULL
                """
                : """
                status = 'queued', last_error = \(bind: error), error_message = \(bind: message), run_at = \(bind: retryAt),
                locked_by = NULL, locked_at = NULL
                """
        } else {
            settled =
                "status = 'dead', last_error = \(bind: error), error_message = \(bind: message), finished_at = \(bind: now), locked_by = NULL"
        }
        // Held-by in the statement itself: a job taken over meanwhile is left as its new runner has it.
        return try await !sql.raw("UPDATE jobs SET \(settled) WHERE id = \(bind: job.id) AND \(Self.heldBy(job)) RETURNING id").all()
            .isEmpty
    }

    /// A person retries a dead job: queued now with fresh attempts (unless the same work is already queued).
    public func retry(_ id: UUID, store: ID<Store>, now: Date) async throws -> Bool {
        try await database.lockForWriting()
        let sql = try database.sql()
        guard
            let row = try await sql.raw(
                "SELECT dedupe_key FROM jobs WHERE id = \(bind: id) AND store_id = \(bind: store.rawValue) AND status = 'dead'"
            ).first()
        else {
            return false
        }
        let key = try row.decode(column: "dedupe_key", as: String.self)
        if try await sql.raw("SELECT id FROM jobs WHERE dedupe_key = \(bind: key) AND status = 'queued'").first() != nil {
            try await sql.raw(
                """
                UPDATE jobs SET status = 'done', result = 'retried as the queued job', result_message = \(bind: Self.json(.retriedAsQueued)),
                    finished_at = \(bind: now) WHERE id = \(bind: id)
                """
            ).run()
            return true
        }
        try await sql.raw(
            """
            UPDATE jobs SET status = 'queued', attempts = 0, run_at = \(bind: now), finished_at = NULL WHERE id = \(bind: id)
            """
        ).run()
        return true
    }

    /// A store's jobs, newest first.
    /// The store's jobs, newest first, `offset` jobs in.
    public func jobs(store: ID<Store>, limit: Int = 50, offset: Int = 0) async throws -> [Job] {
        try await database.sql().raw(
            """
            SELECT \(unsafeRaw: Self.columns.joined(separator: ", ")) FROM jobs WHERE store_id = \(bind: store.rawValue)
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all().map(Self.job)
    }

    public func job(_ id: UUID) async throws -> Job? {
        try await database.sql().raw("SELECT \(unsafeRaw: Self.columns.joined(separator: ", ")) FROM jobs WHERE id = \(bind: id)").first()
            .map(Self.job)
    }

    static func job(_ row: any SQLRow) throws -> Job {
        guard let status = JobStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw PersistenceError.missingReference(field: "jobs.status")
        }
        let agency = DaiyunCore.ID<Agency>(try row.decode(column: "agency_id", as: UUID.self))
        let client = try row.decode(column: "client_id", as: UUID?.self).map { DaiyunCore.ID<Client>($0) }
        let store = try row.decode(column: "store_id", as: UUID?.self).map { DaiyunCore.ID<Store>($0) }
        let scope: JobScope =
            if let store, let client { .store(store, client: client, agency: agency) } else if let client {
                .client(client, agency: agency)
            } else { .agency(agency) }
        return Job(
            id: try row.decode(column: "id", as: UUID.self), scope: scope,
            kind: JobKind(storedName: try row.decode(column: "kind", as: String.self)),
            payload: try row.decode(column: "payload", as: String.self), dedupeKey: try row.decode(column: "dedupe_key", as: String.self),
            lockKey: try row.decode(column: "lock_key", as: String.self), status: status,
            attempts: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
            runAt: try row.decode(column: "run_at", as: Date.self), lockedBy: try row.decode(column: "locked_by", as: String?.self),
            lockedAt: try row.decode(column: "locked_at", as: Date?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            result: try row.decode(column: "result", as: String?.self),
            resultMessage: Self.message(try row.decode(column: "result_message", as: String?.self)),
            errorMessage: Self.message(try row.decode(column: "error_message", as: String?.self)),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            finishedAt: try row.decode(column: "finished_at", as: Date?.self)
        )
    }
}

extension JobQueue {
    static func json(_ message: Message) -> String {
        String(decoding: (try? JSONEncoder().encode(message)) ?? Data(), as: UTF8.self)
    }

    static func message(_ json: String?) -> Message? {
        json.flatMap { try? JSONDecoder().decode(Message.self, from: Data($0.utf8)) }
    }
}

extension Message {
    static let superseded = Message("job_superseded", english: "superseded by a queued job")
    static let retriedAsQueued = Message("job_retried_as_queued", english: "retried as the queued job")
    static let abandoned = Message("job_abandoned", english: "abandoned by its worker")
}
