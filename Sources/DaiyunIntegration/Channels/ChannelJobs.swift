import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunJobs
import DaiyunPersistence
import Fluent
import Foundation

extension JobRegistry {
    /// The channel jobs: each connected store's sync on its interval, a stock push after its
    /// client's stock moved, and shipments sent to the channel. `clock` stamps what they write;
    /// `ids` gives the rows they create their ids.
    public mutating func registerChannelJobs(
        database: any Database, secrets: SecretBox, transport: any ChannelTransport = HTTPChannelTransport(),
        clock: @escaping @Sendable () -> Date = { Date() }, ids: any IDGenerator = .kernel
    ) {
        let channel = ChannelJobContext(database: database, secrets: secrets, transport: transport)
        register(
            .sync,
            JobClosure { job, now in
                let (store, client) = try await channel.open(job)
                var sync = TaobaoSync(database: database, client: client, store: store)
                sync.clock = clock
                sync.ids = ids
                let report = try await channel.translatingErrors { [sync] in try await sync.run(now: now) }
                if report.orders.counts.inserted + report.orders.counts.updated + report.refunds.counts.inserted
                    + report.refunds.counts.updated + report.reviews.counts.inserted + report.ads.counts.inserted
                    + report.ads.counts.updated > 0
                {
                    try await AlertEvaluator.queue(store, on: database, ids: ids, now: now)
                }
                return report.message
            })
        register(
            .stockPush,
            JobClosure { job, now in
                let (store, client) = try await channel.open(job)
                return try await channel.translatingErrors {
                    try await StockPusher(database: database, client: client, store: store, ids: ids).push(now: now)
                }
            })
        register(
            .ship,
            JobClosure { job, now in
                let (store, client) = try await channel.open(job)
                return try await channel.translatingErrors {
                    try await Shipper(database: database, client: client, store: store, ids: ids).send(job, now: now)
                }
            })
        plan(StoreSyncPlanner(database: database, connections: channel.connections, ids: ids))
    }
}

/// What a channel job needs: its store, and a TOP client on the store's sealed connection.
struct ChannelJobContext: Sendable {
    let database: any Database
    let connections: ChannelConnectionRepository
    let transport: any ChannelTransport

    init(database: any Database, secrets: SecretBox, transport: any ChannelTransport) {
        self.database = database
        self.connections = ChannelConnectionRepository(database: database, secrets: secrets)
        self.transport = transport
    }

    /// The job's store and a client on its connection; a job no retry can help fails for good.
    func open(_ job: Job) async throws -> (Store, TOPClient) {
        guard let id = job.storeID, let store = try await TenancyRepository(database: database).store(id) else {
            throw JobFailure(Message("job_error_no_store", english: "the store no longer exists"), final: true)
        }
        let stored: ChannelConnection?
        do { stored = try await connections.connection(store: store.id) } catch let error as SecretBox.OpenError {
            throw JobFailure(Message("job_error_secrets", [error.description], english: error.description), final: true)
        }
        guard let connection = stored else {
            throw JobFailure(Message("job_error_no_connection", english: "the store has no channel connection"), final: true)
        }
        guard ConnectionDraft.syncedChannels.contains(store.channel) else {
            throw JobFailure(
                Message(
                    "job_error_channel_unsupported", [store.channel.rawValue],
                    english: "\(store.channel.rawValue) stores do not sync through the open platform yet"), final: true)
        }
        return (store, TOPClient(connection: connection, transport: transport))
    }

    /// The platform's errors as job failures: final unless the error family is worth retrying.
    func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as TOPError {
            throw JobFailure(Self.message(error), final: !error.family.isRetryable)
        }
    }

    /// The platform's error in the reader's language: its own detail (`sub_msg`, in Chinese on
    /// Taobao) with its code, or, without one, what its family means; the English in full.
    static func message(_ error: TOPError) -> Message {
        let code = error.subCode ?? String(error.code)
        if let detail = error.subMessage { return Message("job_error_channel_said", [detail, code], english: error.description) }
        let family = "job_error_channel_family_" + error.family.rawValue
        return Message(family, [code], english: error.description)
    }
}

/// Each enabled store's next sync, its interval after the last one finished, and a stock push
/// when its client's stock moved since the last push (or every ten minutes, to carry
/// safety-stock changes): one push per store per burst of changes, due `pushBurst` on.
struct StoreSyncPlanner: JobPlanner {
    let database: any Database
    let connections: ChannelConnectionRepository
    let ids: any IDGenerator
    /// How long a stock push waits for more changes to fold in.
    let pushBurst: TimeInterval = 2

    func plans(now: Date) async throws -> [JobPlan] {
        let queue = JobQueue(database: database, ids: ids)
        let planner = StockPushPlanner(database: database, ids: ids)
        var plans: [JobPlan] = []
        for (storeID, every) in try await connections.enabledSchedules() {
            guard let store = try await TenancyRepository(database: database).store(storeID) else { continue }
            plans.append(.periodic(.sync, .of(store), .every(seconds: every)))
            let pushKey = JobQueue.key(.stockPush, store: store.id)
            guard try await !queue.isActive(key: pushKey) else { continue }
            let lastPush = try await queue.lastFinished(key: pushKey)
            if try await planner.stockChanged(store: store, since: lastPush) || (lastPush.map { now.timeIntervalSince($0) > 600 } ?? false)
            {
                plans.append(.once(.stockPush, .of(store), key: pushKey, runAt: now.addingTimeInterval(pushBurst)))
            }
        }
        return plans
    }
}

extension TOPClient {
    /// A client for a stored connection.
    public init(connection: ChannelConnection, transport: any ChannelTransport = HTTPChannelTransport()) {
        self.init(
            endpoint: connection.endpoint,
            credentials: TOPCredentials(
                appKey: connection.appKey, appSecret: connection.appSecret, session: connection.session,
                signMethod: TOPSignMethod(rawValue: connection.signMethod) ?? .hmacSHA256),
            transport: transport)
    }
}

extension SyncReport {
    /// `orders 120 read (3 new, 5 changed); refunds 4 read (1 new, 0 changed); reviews 2 read (2 new, 0 changed); ad report rows …`.
    public var summary: String { message.english }

    /// What the sync read and changed, per kind.
    public var message: Message {
        let figures = [orders, refunds, reviews, ads].flatMap { ["\($0.fetched)", "\($0.counts.inserted)", "\($0.counts.updated)"] }
        return Message(
            "job_result_sync", figures,
            english: "orders \(orders.fetched) read (\(orders.counts.inserted) new, \(orders.counts.updated) changed); "
                + "refunds \(refunds.fetched) read (\(refunds.counts.inserted) new, \(refunds.counts.updated) changed); "
                + "reviews \(reviews.fetched) read (\(reviews.counts.inserted) new, \(reviews.counts.updated) changed); "
                + "ad report rows \(ads.fetched) read (\(ads.counts.inserted) new, \(ads.counts.updated) changed)")
    }
}
