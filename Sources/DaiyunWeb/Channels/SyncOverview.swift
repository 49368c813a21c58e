import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// What a store's sync page and the sync API show: the connection (without its secrets), each
/// cursor with its lag, and the store's jobs. Assembled once for both.
struct SyncOverview: Encodable {
    struct Cursor: Encodable {
        var kind: String
        var syncedUntil: Date
        /// Seconds between the cursor and now.
        var lagSeconds: Int
        var lastSuccessAt: Date?
        var lastError: String?
        var lastErrorAt: Date?
    }

    var connection: ChannelConnection.Redacted?
    var cursors: [Cursor]
    var jobs: [Job]
    /// Which page of the job log this is (30 a page), and whether older jobs follow.
    var jobsPage: Int
    var olderJobs: Bool

    static let jobsPerPage = 30

    init(store: Store, on request: Request) async throws {
        let now = request.now
        connection = try await request.channelConnections.settings(store: store.id)
        cursors = try await SyncCursorRepository(database: request.db, ids: request.ids).cursors(store: store.id).map {
            Cursor(
                kind: $0.kind, syncedUntil: $0.syncedUntil, lagSeconds: max(0, Int(now.timeIntervalSince($0.syncedUntil))),
                lastSuccessAt: $0.lastSuccessAt, lastError: $0.lastError, lastErrorAt: $0.lastErrorAt)
        }
        jobsPage = try request.queryInt("jobs_page", in: InputBounds.page, default: 0)
        let fetched = try await JobQueue(database: request.db, ids: request.ids).jobs(
            store: store.id, limit: Self.jobsPerPage + 1, offset: jobsPage * Self.jobsPerPage)
        jobs = Array(fetched.prefix(Self.jobsPerPage))
        olderJobs = fetched.count > Self.jobsPerPage
    }

    /// Queues a sync of the store now (or moves the queued one to now).
    static func requestSync(_ store: Store, on request: Request) async throws {
        guard try await request.channelConnections.settings(store: store.id) != nil else {
            throw ValidationError(field: "connection", rule: .required)
        }
        let now = request.now
        try await JobQueue(database: request.db, ids: request.ids).enqueue(.sync, store: store, runAt: now, now: now)
    }

    /// Connects the store with what the form or the API gave.
    static func connect(_ draft: ConnectionDraft, store: Store, on request: Request) async throws {
        try await request.channelConnections.connect(
            ChannelConnection(draft, store: store.id), store: store, by: try request.writeContext())
    }

    /// A person retries a dead job of the store.
    static func retry(job: UUID, store: Store, on request: Request) async throws {
        guard try await JobQueue(database: request.db, ids: request.ids).retry(job, store: store.id, now: request.now) else {
            throw AccessDenied.notFound
        }
    }
}
