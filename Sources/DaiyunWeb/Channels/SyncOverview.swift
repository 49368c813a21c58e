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

    init(store: Store, on request: Request) async throws {
        let now = request.now
        connection = try await request.channelConnections.settings(store: store.id)
        cursors = try await SyncCursorRepository(database: request.db, ids: request.ids).cursors(store: store.id).map {
            Cursor(
                kind: $0.kind, syncedUntil: $0.syncedUntil, lagSeconds: max(0, Int(now.timeIntervalSince($0.syncedUntil))),
                lastSuccessAt: $0.lastSuccessAt, lastError: $0.lastError, lastErrorAt: $0.lastErrorAt)
        }
        jobs = try await JobQueue(database: request.db, ids: request.ids).jobs(store: store.id, limit: 30)
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
