import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Logging
import Synchronization

/// Runs the stored jobs of the kinds its registry knows: asks the planners what is due, claims
/// due jobs, runs them, and records the outcome (done, queued again after a backoff, or dead for
/// a person to look at). Several runners may share one PostgreSQL database; on SQLite one
/// process runs them.
///
/// While it runs, a runner beats every `beatEvery`. A runner that stops beating for `lease`
/// (killed with `kill -9`, or cut off from the database) loses its jobs to the next runner that
/// schedules, and learns it from its next beat, which cancels what it still runs: a job is never
/// finished twice, and a store whose runner died waits at most `lease` and a scheduling pass.
public struct JobRunner: Sendable {
    let database: any Database
    let worker: String
    let logger: Logger
    let registry: JobRegistry
    let clock: @Sendable () -> Date
    let ids: any IDGenerator
    let running = RunningJobs()
    /// A runner silent this long has stopped: its jobs are taken over.
    public var lease: TimeInterval = 20
    /// How often a running runner says it is alive.
    public var beatEvery: Duration = .seconds(5)

    public init(
        database: any Database, worker: String, logger: Logger, registry: JobRegistry, clock: @escaping @Sendable () -> Date = { Date() },
        ids: any IDGenerator = .kernel
    ) {
        self.database = database
        self.ids = ids
        self.worker = worker
        self.logger = logger
        self.registry = registry
        self.clock = clock
    }

    /// Loops until cancelled (the pass under way ends first, and the runner then leaves): a pass,
    /// then a pause. Due jobs are claimed every pass; the planners (a few queries per store) are
    /// asked every `scheduleEvery`. The heartbeat runs beside the passes, so a long job keeps it.
    public func run(every interval: Duration = .seconds(1), scheduleEvery: TimeInterval = 5) async {
        let heart = Task { [self] in
            while !Task.isCancelled {
                do { _ = try await beat(now: clock()) } catch {
                    logger.warning("job runner heartbeat failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: beatEvery)
            }
        }
        var scheduled = Date.distantPast
        while !Task.isCancelled {
            let now = clock()
            let schedule = now.timeIntervalSince(scheduled) >= scheduleEvery
            do {
                // A pass under way is not cancelled with the loop: its jobs finish and record how they ended.
                let runner = self
                _ = try await Task { try await runner.pass(now: now, schedule: schedule, beat: false) }.value
                if schedule { scheduled = now }
            } catch {
                logger.error("job runner pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: interval)
        }
        heart.cancel()
        try? await JobQueue(database: database, ids: ids).leave(worker: worker)
    }

    /// Says this runner is alive; cancels any job it runs that was taken from it meanwhile.
    @discardableResult
    public func beat(now: Date) async throws -> Set<UUID> {
        let held = try await JobQueue(database: database, ids: ids).beat(worker: worker, now: now)
        for lost in running.ids.subtracting(held) {
            logger.warning("job taken over by another runner; stopping it here", metadata: ["job": "\(lost)"])
            running.cancel(lost)
        }
        return held
    }

    /// Schedules (unless told not to), claims and runs what is due now; returns the jobs it ran.
    /// It beats first unless told not to (`run` beats beside its passes, so a pass need not).
    public func pass(now: Date, schedule: Bool = true, limit: Int = 4, beat: Bool = true) async throws -> [Job] {
        let queue = JobQueue(database: database, ids: ids)
        if beat { try await self.beat(now: now) }
        if schedule {
            _ = try await queue.requeueAbandoned(lease: lease, except: worker, now: now)
            try await plan(now: now)
        }
        let jobs = try await queue.claim(worker: worker, limit: limit, kinds: registry.kinds, now: now)
        let tasks = jobs.map { job in running.start(job.id) { [self] in await run(job) } }
        for task in tasks { await task.value }
        return jobs
    }

    /// Queues what the planners say is due.
    func plan(now: Date) async throws {
        let queue = JobQueue(database: database, ids: ids)
        for planner in registry.planners {
            for plan in try await planner.plans(now: now) {
                switch plan {
                case .periodic(let kind, let scope, let schedule):
                    try await queue.schedule(kind, scope: scope, schedule, now: now)
                case .once(let kind, let scope, let key, let runAt):
                    guard try await !queue.isActive(key: key ?? JobQueue.key(kind, scope: scope)) else { continue }
                    try await queue.enqueue(kind, scope: scope, key: key, runAt: runAt, now: now)
                }
            }
        }
    }

    func run(_ job: Job) async {
        let queue = JobQueue(database: database, ids: ids)
        let metadata: Logger.Metadata = ["job": "\(job.id)", "kind": "\(job.kind.rawValue)"]
        do {
            guard let handler = registry.handlers[job.kind] else {
                throw JobFailure(Message("job_error_no_handler", [job.kind.rawValue], english: "no handler for \(job.kind)"), final: true)
            }
            let result = try await handler.run(job, now: clock())
            if try await !queue.complete(job, result: result, now: clock()) {
                logger.warning("job finished after it was taken over; its result is not recorded", metadata: metadata)
            }
        } catch {
            let failure = error as? JobFailure ?? JobFailure(unexpected: error)
            logger.warning("job failed", metadata: metadata.merging(["error": "\(failure.message)", "final": "\(failure.final)"]) { $1 })
            do { try await queue.fail(job, error: failure.said, final: failure.final, now: clock()) } catch {
                logger.error("job failure not recorded", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        }
    }
}

/// The jobs a runner has under way, so that a lost one can be cancelled.
final class RunningJobs: Sendable {
    private let tasks = Mutex<[UUID: Task<Void, Never>]>([:])

    var ids: Set<UUID> { tasks.withLock { Set($0.keys) } }

    func start(_ id: UUID, _ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        tasks.withLock { tasks in
            let task = Task { [self] in
                await body()
                finish(id)
            }
            tasks[id] = task
            return task
        }
    }

    func cancel(_ id: UUID) {
        tasks.withLock { $0[id] }?.cancel()
    }

    private func finish(_ id: UUID) {
        _ = tasks.withLock { $0.removeValue(forKey: id) }
    }
}
