import DaiyunCore
import DaiyunJobs
import DaiyunPersistence
import DaiyunTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The job system with two runners on one database, one of them killed mid-job.
@Suite("Job system")
struct JobFailoverTests {
    static let slow = JobKind("test_slow_push", locksScope: true)
    static let sync = JobKind("test_sync", locksScope: true)

    /// Waits until `id` is running.
    static func waitUntilRunning(_ id: UUID, _ queue: JobQueue) async throws {
        for _ in 0..<500 {
            if try await queue.job(id)?.status == .running { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("job \(id) never ran")
    }

    @Test(
        "a job held by a runner that dies is taken over within 30 s; a live runner keeps its job; the dead one cannot finish it",
        arguments: TestDatabase.available)
    func failover(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            // Runner A's push never ends (its process is killed while it runs); runner B does the work.
            var hanging = JobRegistry()
            hanging.register(
                Self.slow,
                JobClosure { _, _ in
                    try await Task.sleep(for: .seconds(3600))
                    return .test("finished by A")
                })
            var working = JobRegistry()
            working.register(Self.slow, JobClosure { _, _ in .test("pushed by B") })
            working.register(Self.sync, JobClosure { _, _ in .test("synced by B") })
            let a = JobRunner(database: app.db, worker: "host-a:1", logger: Logger(label: "a"), registry: hanging)
            let b = JobRunner(database: app.db, worker: "host-b:2", logger: Logger(label: "b"), registry: working)

            let t0 = Date()
            try await queue.enqueue(Self.slow, store: t.storeA1, runAt: t0.addingTimeInterval(-1), now: t0)
            try await queue.enqueue(Self.sync, store: t.storeA1, runAt: t0, now: t0)
            let push = try #require(try await queue.jobs(store: t.storeA1.id).first { $0.kind == Self.slow })
            let passA = Task { try await a.pass(now: t0) }
            try await Self.waitUntilRunning(push.id, queue)

            #expect(try await b.pass(now: t0.addingTimeInterval(10)).isEmpty, "the store's sync waits for the push A runs")
            try await a.beat(now: t0.addingTimeInterval(15))
            #expect(try await b.pass(now: t0.addingTimeInterval(30)).isEmpty, "A beats: its push is not taken, though it began 30 s ago")
            #expect(try await queue.job(push.id)?.lockedBy == "host-a:1")

            // A is killed: it beats no more. B takes the push over once A has been silent for the lease.
            let death = t0.addingTimeInterval(15)
            let takeover = death.addingTimeInterval(b.lease + 1)
            #expect(takeover.timeIntervalSince(death) <= 30)
            let ran = try await b.pass(now: takeover)
            #expect(ran.map(\.id) == [push.id])
            let taken = try #require(try await queue.job(push.id))
            #expect(taken.status == .done && taken.result == "pushed by B" && taken.attempts == 2)
            #expect(try await b.pass(now: takeover.addingTimeInterval(1)).map(\.kind) == [Self.sync], "then the store's sync runs")

            // A's process, were it only cut off, learns at its next beat that the push is gone, stops it, and records nothing.
            #expect(try await a.beat(now: takeover.addingTimeInterval(2)).isEmpty)
            _ = try await passA.value
            let after = try #require(try await queue.job(push.id))
            #expect(after.status == .done && after.result == "pushed by B" && after.attempts == 2 && after.lastError == nil)
        }
    }

    @Test("a kind for an agency, with no store and no channel, runs daily at its Shanghai time", arguments: TestDatabase.available)
    func agencyDaily(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let rollup = JobKind("test_rollup", locksScope: true)
            let runs = Mutex<[JobScope]>([])
            var registry = JobRegistry()
            registry.register(
                rollup,
                JobClosure { job, _ in
                    runs.withLock { $0.append(job.scope) }
                    return .test("rolled up")
                })
            let agencies = [t.agencyA.id, t.agencyB.id]
            registry.schedule(rollup, .daily(hour: 2, minute: 0)) { agencies.map { .agency($0) } }
            // The runner's clock (which stamps a finished run, and so the next one) is the pass's time, not the wall clock's.
            let current = Mutex(Date.distantPast)
            let runner = JobRunner(
                database: app.db, worker: "w", logger: Logger(label: "w"), registry: registry, clock: { current.withLock { $0 } })
            func pass(_ text: String) async throws -> Int {
                let now = ShanghaiTime.parse(text)!
                current.withLock { $0 = now }
                return try await runner.pass(now: now).count
            }

            #expect(try await pass("2026-12-02 10:00:00") == 2, "the first day: today's 02:00 has passed")
            _ = try await pass("2026-12-02 10:00:05")
            #expect(try await pass("2026-12-03 01:59:00") == 0, "not again before tomorrow's 02:00")
            #expect(try await pass("2026-12-03 02:00:01") == 2)
            #expect(Set(runs.withLock { $0 }) == Set(agencies.map { .agency($0) }) && runs.withLock { $0.count } == 4)
            #expect(try await JobQueue(database: app.db).jobs(store: t.storeA1.id).isEmpty, "an agency's jobs are no store's")
        }
    }
}
