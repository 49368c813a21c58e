import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import Fluent
import Foundation
import Logging

/// Runs the stored jobs: schedules each connected store's sync, claims due jobs, runs them, and
/// records the outcome (done, queued again after a backoff, or dead for a person to look at).
/// Several runners may share one PostgreSQL database; on SQLite one process runs them.
public struct JobRunner: Sendable {
    let database: any Database
    let worker: String
    let logger: Logger
    let executor: JobExecutor
    /// Jobs left running longer than this by a vanished worker are queued again.
    public var lease: TimeInterval = 600
    /// How long a stock push waits for more changes to fold in.
    public var pushBurst: TimeInterval = 2

    public init(database: any Database, worker: String, logger: Logger, executor: JobExecutor) {
        self.database = database
        self.worker = worker
        self.logger = logger
        self.executor = executor
    }

    /// Loops until cancelled (the pass under way ends first): a pass, then a pause. Due jobs are claimed every pass; the stores'
    /// schedules (a few queries per store) are looked at every `scheduleEvery`.
    public func run(every interval: Duration = .seconds(1), scheduleEvery: TimeInterval = 5) async {
        var scheduled = Date.distantPast
        while !Task.isCancelled {
            let now = Date()
            let schedule = now.timeIntervalSince(scheduled) >= scheduleEvery
            do {
                // A pass under way is not cancelled with the loop: its jobs finish and record how they ended.
                let runner = self
                _ = try await Task { try await runner.pass(now: now, schedule: schedule) }.value
                if schedule { scheduled = now }
            } catch {
                logger.error("job runner pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Schedules (unless told not to), claims and runs what is due now; returns the jobs it ran.
    public func pass(now: Date, schedule: Bool = true, limit: Int = 4) async throws -> [Job] {
        let queue = JobQueue(database: database)
        if schedule {
            _ = try await queue.requeueAbandoned(lease: lease, now: now)
            try await self.schedule(now: now)
        }
        let jobs = try await queue.claim(worker: worker, limit: limit, now: now)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for job in jobs {
                group.addTask { try await run(job) }
            }
            try await group.waitForAll()
        }
        return jobs
    }

    func run(_ job: Job) async throws {
        let queue = JobQueue(database: database)
        do {
            let result = try await executor.execute(job)
            try await queue.complete(job, result: result, now: Date())
        } catch let error as JobFailure {
            logger.warning("job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind.rawValue)", "error": "\(error.message)", "final": "\(error.final)"])
            try await queue.fail(job, error: error.message, final: error.final, now: Date())
        } catch {
            logger.warning("job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind.rawValue)", "error": "\(error)"])
            try await queue.fail(job, error: "\(error)", now: Date())
        }
    }

    /// Queues each enabled store's next sync, its interval after the last one finished, and a
    /// stock push when its client's stock moved since the last push (or every ten minutes, to
    /// carry safety-stock changes): one push per store per burst of changes, due two seconds on.
    func schedule(now: Date) async throws {
        let queue = JobQueue(database: database)
        let planner = StockPushPlanner(database: database)
        for (storeID, every) in try await executor.connections.enabledSchedules() {
            guard let store = try await TenancyRepository(database: database).store(storeID) else { continue }
            try await queue.schedule(.sync, store: store, every: TimeInterval(every), now: now)
            let pushKey = JobQueue.key(.stockPush, store: store.id)
            guard try await !queue.isActive(key: pushKey) else { continue }
            let lastPush = try await queue.lastFinished(key: pushKey)
            if try await planner.stockChanged(store: store, since: lastPush) || (lastPush.map { now.timeIntervalSince($0) > 600 } ?? false) {
                try await queue.enqueue(.stockPush, store: store, key: pushKey, runAt: now.addingTimeInterval(pushBurst), now: now)
            }
        }
    }
}

/// A job's failure, and whether trying again can help (a refused signature or an expired
/// session cannot: the job goes to the dead letters at once for a person).
public struct JobFailure: Error, Sendable {
    public var message: String
    public var final: Bool

    public init(_ message: String, final: Bool) {
        self.message = message
        self.final = final
    }
}

/// Does the work of each job kind.
public struct JobExecutor: Sendable {
    let database: any Database
    let connections: ChannelConnectionRepository
    let transport: any ChannelTransport

    /// `secrets` opens the stores' sealed app secrets and sessions.
    public init(database: any Database, secrets: SecretBox, transport: any ChannelTransport = HTTPChannelTransport()) {
        self.database = database
        self.connections = ChannelConnectionRepository(database: database, secrets: secrets)
        self.transport = transport
    }

    /// Runs the job; returns a one-line summary of what it did.
    public func execute(_ job: Job) async throws -> String {
        guard let store = try await TenancyRepository(database: database).store(job.storeID) else {
            throw JobFailure("the store no longer exists", final: true)
        }
        let stored: ChannelConnection?
        do { stored = try await connections.connection(store: store.id) } catch let error as SecretBox.OpenError {
            throw JobFailure(error.description, final: true)
        }
        guard let connection = stored else { throw JobFailure("the store has no channel connection", final: true) }
        guard ConnectionDraft.syncedChannels.contains(store.channel) else {
            throw JobFailure("\(store.channel.rawValue) stores do not sync through the open platform yet", final: true)
        }
        let client = TOPClient(connection: connection, transport: transport)
        do {
            switch job.kind {
            case .sync:
                let report = try await TaobaoSync(database: database, client: client, store: store).run()
                return report.summary
            case .stockPush:
                return try await StockPusher(database: database, client: client, store: store).push()
            case .ship:
                return try await Shipper(database: database, client: client, store: store).send(job)
            }
        } catch let error as TOPError {
            throw JobFailure(error.description, final: !error.family.isRetryable)
        }
    }
}

extension TOPClient {
    /// A client for a stored connection.
    public init(connection: ChannelConnection, transport: any ChannelTransport = HTTPChannelTransport()) {
        self.init(endpoint: connection.endpoint,
                  credentials: TOPCredentials(appKey: connection.appKey, appSecret: connection.appSecret, session: connection.session,
                                              signMethod: TOPSignMethod(rawValue: connection.signMethod) ?? .hmacSHA256),
                  transport: transport)
    }
}

extension SyncReport {
    /// `orders 120 read (3 new, 5 changed); refunds 4 read (1 new, 0 changed); reviews 2 read (2 new, 0 changed)`.
    public var summary: String {
        "orders \(orders.fetched) read (\(orders.counts.inserted) new, \(orders.counts.updated) changed); "
            + "refunds \(refunds.fetched) read (\(refunds.counts.inserted) new, \(refunds.counts.updated) changed); "
            + "reviews \(reviews.fetched) read (\(reviews.counts.inserted) new, \(reviews.counts.updated) changed)"
    }
}
