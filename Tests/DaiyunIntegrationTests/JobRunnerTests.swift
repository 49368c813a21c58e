import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import DaiyunSandbox
import DaiyunTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The job queue and runner on SQLite and PostgreSQL.
@Suite("Background jobs")
struct JobRunnerTests {
    @Test("jobs with one key coalesce while queued, and never run twice at once", arguments: TestDatabase.available)
    func coalescing(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            let now = Date()
            var queued: [Bool] = []
            for i in 0..<5 {
                queued.append(
                    try await queue.enqueue(
                        .stockPush, store: t.storeA1, key: "push:listing-1", runAt: now.addingTimeInterval(Double(10 - i)), now: now))
            }
            #expect(queued == [true, false, false, false, false], "a burst of changes is one push")
            let claimed = try await queue.claim(worker: "w", now: now.addingTimeInterval(60))
            #expect(claimed.count == 1 && claimed[0].runAt.timeIntervalSince(now) < 6.5, "the earliest due time stands")

            #expect(
                try await queue.enqueue(.stockPush, store: t.storeA1, key: "push:listing-1", runAt: now, now: now),
                "a change during the push queues another")
            #expect(try await queue.claim(worker: "w2", now: now.addingTimeInterval(60)).isEmpty, "not while the first runs")
            try await queue.complete(claimed[0], result: .test("ok"), now: now)
            #expect(try await queue.claim(worker: "w2", now: now.addingTimeInterval(60)).count == 1)
        }
    }

    @Test("a store's sync and stock push never run at once; its shipments and other stores' jobs do", arguments: TestDatabase.available)
    func storeLock(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            let now = Date()
            try await queue.enqueue(.stockPush, store: t.storeA1, runAt: now.addingTimeInterval(-2), now: now)
            try await queue.enqueue(.sync, store: t.storeA1, runAt: now.addingTimeInterval(-1), now: now)
            try await queue.enqueue(.sync, store: t.storeA1b, runAt: now, now: now)
            try await queue.enqueue(.ship, store: t.storeA1, key: "ship:1", runAt: now, now: now)

            let first = try await queue.claim(worker: "w", limit: 10, now: now)
            #expect(Set(first.map(\.kind)) == [.stockPush, .sync, .ship] && first.count == 3)
            #expect(
                first.filter { $0.storeID == t.storeA1.id && $0.kind != .ship }.map(\.kind) == [.stockPush],
                "the earlier of the two goes first")
            #expect(try await queue.claim(worker: "w2", limit: 10, now: now).isEmpty, "the store's sync waits for its push")

            let push = try #require(first.first { $0.kind == .stockPush })
            try await queue.complete(push, result: .test("ok"), now: now)
            let second = try await queue.claim(worker: "w2", limit: 10, now: now)
            #expect(second.map(\.kind) == [.sync] && second.first?.storeID == t.storeA1.id)
            try await queue.enqueue(.stockPush, store: t.storeA1, runAt: now, now: now)
            #expect(try await queue.claim(worker: "w3", limit: 10, now: now).isEmpty, "a push waits while the sync runs")
        }
    }

    @Test("two runners claiming at once never take the same job", arguments: TestDatabase.available)
    func concurrentClaims(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            let now = Date()
            for i in 0..<120 {
                try await queue.enqueue(.ship, store: t.storeA1, key: "ship:\(i)", runAt: now, now: now)
            }
            let stores = [t.storeA1, t.storeA1b, t.storeA2, t.storeB]
            for store in stores {
                try await queue.enqueue(.sync, store: store, runAt: now, now: now)
                try await queue.enqueue(.stockPush, store: store, runAt: now, now: now)
            }
            let claims = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let jobs = try await JobQueue(database: app.db).claim(
                                worker: "w\(worker)", limit: 3, now: now.addingTimeInterval(1))
                            if jobs.isEmpty { return mine }
                            mine += jobs.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [[UUID]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == 124 && Set(all).count == 124, "each job claimed exactly once, one of each store's sync and push")
            var storeJobs: [[Job]] = []
            for store in stores {
                storeJobs.append(try await queue.jobs(store: store.id, limit: 200).filter { $0.kind != .ship && $0.status == .running })
            }
            #expect(storeJobs.map(\.count) == [1, 1, 1, 1], "no store's sync and push run at once")
            if database == .postgres { #expect(claims.filter { !$0.isEmpty }.count > 1, "the work was shared") }
        }
    }

    @Test("a failed job backs off, dies after its attempts, and a person can retry it", arguments: TestDatabase.available)
    func deadLetters(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let queue = JobQueue(database: app.db)
            var now = Date()
            try await queue.enqueue(.sync, store: t.storeA1, runAt: now, maxAttempts: 3, now: now)
            for attempt in 1...3 {
                let job = try #require(try await queue.claim(worker: "w", now: now).first)
                #expect(job.attempts == attempt)
                try await queue.fail(job, error: .test("isp.timeout \(attempt)"), now: now)
                let after = try #require(try await queue.job(job.id))
                if attempt < 3 {
                    #expect(after.status == .queued && after.runAt > now && after.lastError == "isp.timeout \(attempt)")
                    #expect(try await queue.claim(worker: "w", now: now).isEmpty, "not before its backoff")
                    now = after.runAt.addingTimeInterval(0.01)
                } else {
                    #expect(after.status == .dead)
                }
            }
            let dead = try #require(try await queue.jobs(store: t.storeA1.id).first)
            #expect(try await queue.retry(dead.id, store: t.storeA2.id, now: now) == false, "only from its own store")
            #expect(try await queue.retry(dead.id, store: t.storeA1.id, now: now))
            let again = try #require(try await queue.claim(worker: "w", now: now).first)
            #expect(again.id == dead.id && again.attempts == 1)
            let abandonedAt = now.addingTimeInterval(601)
            #expect(try await queue.requeueAbandoned(lease: 600, now: abandonedAt) == 1, "a vanished worker's job is queued again")
        }
    }

    @Test(
        "the runner schedules and runs a store's sync; a refused signature goes to the dead letters at once",
        arguments: TestDatabase.available)
    func runner(_ database: TestDatabase) async throws {
        let shop = SandboxShop(nick: "s", session: "sess", skus: TaobaoSyncTests.skus, baseOrdersPerDay: 6, seed: 2, historyDays: 5)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withSandbox(gateway, shops: [shop]) { endpoint in
            try await withTestDatabase(database) { app in
                var t = try await TestTenancy.create(on: app)
                let context = WriteContext(actor: "user:test", now: Date())
                // A second Tmall store, for the connection with a wrong secret.
                t.storeA2 = try await TenancyRepository(database: app.db).createStore(
                    try StoreDraft(channel: "tmall", shopID: "a2-tmall", name: "A2 Tmall", status: "active", takenOverOn: "2026-01-05"),
                    for: t.clientA2, by: context)
                let connections = app.channelConnections
                try await connections.connect(
                    ChannelConnection(storeID: t.storeA1.id, endpoint: endpoint, appKey: "app", appSecret: "secret", session: "sess"),
                    store: t.storeA1, by: context)
                try await connections.connect(
                    ChannelConnection(storeID: t.storeA2.id, endpoint: endpoint, appKey: "app", appSecret: "wrong", session: "sess"),
                    store: t.storeA2, by: context)
                let runner = JobRunner(database: app.db, worker: "test", logger: Logger(label: "test"), registry: .channels(app))
                let ran = try await runner.pass(now: Date())
                #expect(ran.count == 2)
                let queue = JobQueue(database: app.db)
                let good = try #require(try await queue.jobs(store: t.storeA1.id).first { $0.kind == .sync })
                #expect(good.status == .done && good.result?.hasPrefix("orders ") == true)
                #expect(try await OrderRepository(database: app.db).count(store: t.storeA1.id) > 0)
                let bad = try #require(try await queue.jobs(store: t.storeA2.id).first { $0.kind == .sync })
                #expect(bad.status == .dead && bad.lastError?.contains("Invalid Signature") == true)
                #expect(try await runner.pass(now: Date()).isEmpty, "the next sync is due a minute after the last")
                #expect(
                    try await runner.pass(now: Date().addingTimeInterval(61)).count == 1, "then it runs; the dead one waits for a person")
                try await connections.connect(
                    ChannelConnection(storeID: t.storeA2.id, endpoint: endpoint, appKey: "app", appSecret: "secret", session: "sess"),
                    store: t.storeA2, by: context)
                #expect(
                    try await runner.pass(now: Date().addingTimeInterval(62)).map(\.storeID).contains(t.storeA2.id),
                    "a new connection settles the dead sync and syncs again")
                let audit = try await AuditLogRepository(database: app.db).allEntries(in: AuditChainKey.client(t.clientA1.id).description)
                #expect(
                    audit.contains { $0.action == "channel.connect" && !$0.after!.contains("secret") && !$0.after!.contains("sess\"") },
                    "secrets stay out of the audit log")
            }
        }
    }
}
