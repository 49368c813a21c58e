import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// How Daiyun reaches a store's channel: the gateway, the app's key and secret, the seller's
/// session, and how often to sync.
public struct ChannelConnection: Sendable, Equatable {
    public var storeID: ID<Store>
    public var endpoint: String
    public var appKey: String
    public var appSecret: String
    public var session: String
    public var signMethod: String
    public var syncEverySeconds: Int
    public var enabled: Bool

    public init(
        storeID: ID<Store>, endpoint: String, appKey: String, appSecret: String, session: String, signMethod: String = "hmac-sha256",
        syncEverySeconds: Int = 60, enabled: Bool = true
    ) {
        self.storeID = storeID
        self.endpoint = endpoint
        self.appKey = appKey
        self.appSecret = appSecret
        self.session = session
        self.signMethod = signMethod
        self.syncEverySeconds = syncEverySeconds
        self.enabled = enabled
    }

    /// The connection a checked draft describes.
    public init(_ draft: ConnectionDraft, store: ID<Store>) {
        self.init(
            storeID: store, endpoint: draft.endpoint, appKey: draft.appKey, appSecret: draft.appSecret, session: draft.session,
            signMethod: draft.signMethod, syncEverySeconds: draft.syncEverySeconds)
    }

    /// What the audit log and the pages may show: the secret and the session never leave the database.
    public var redacted: Redacted {
        Redacted(endpoint: endpoint, appKey: appKey, signMethod: signMethod, syncEverySeconds: syncEverySeconds, enabled: enabled)
    }

    public struct Redacted: Sendable, Equatable, Codable {
        public var endpoint: String
        public var appKey: String
        public var signMethod: String
        public var syncEverySeconds: Int
        public var enabled: Bool
    }
}

/// Stores' channel connections. The app secret and the session are sealed with the secrets key
/// before they are written and opened only for the jobs that call the channel; pages and
/// schedules read the connection's settings without them.
public struct ChannelConnectionRepository: Sendable {
    let database: any Database
    let secrets: SecretBox

    public init(database: any Database, secrets: SecretBox) {
        self.database = database
        self.secrets = secrets
    }

    /// Connects a store (or replaces its connection), audited without its secrets.
    public func connect(_ connection: ChannelConnection, store: Store, by context: WriteContext) async throws {
        let before = try await settings(store: store.id)
        try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            let sql = try tx.sql()
            try await sql.raw("DELETE FROM channel_connections WHERE store_id = \(bind: store.id.rawValue)").run()
            // Syncs that died on the old connection (a refused signature, an expired session) are settled by the new one.
            try await sql.raw(
                """
                UPDATE jobs SET status = 'done', result = 'settled by a new connection', finished_at = \(bind: context.now)
                WHERE store_id = \(bind: store.id.rawValue) AND kind = 'sync' AND status = 'dead'
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO channel_connections (id, store_id, endpoint, app_key, app_secret, session, sign_method, sync_every_seconds, enabled, created_at)
                VALUES (\(bind: context.ids.random()), \(bind: store.id.rawValue), \(bind: connection.endpoint), \(bind: connection.appKey),
                        \(bind: secrets.seal(connection.appSecret)), \(bind: secrets.seal(connection.session)), \(bind: connection.signMethod), \(bind: connection.syncEverySeconds), \(bind: connection.enabled), \(bind: context.now))
                """
            ).run()
            return (
                (),
                [
                    AuditRecord(
                        action: "channel.connect", entityType: "store", entityID: store.id.rawValue.uuidString.lowercased(),
                        before: before, after: connection.redacted)
                ]
            )
        }
    }

    /// The store's connection with its secrets opened, for calling the channel; fails with
    /// `SecretBox.OpenError` when they were sealed under another key.
    public func connection(store: ID<Store>) async throws -> ChannelConnection? {
        guard let row = try await database.sql().raw("SELECT * FROM channel_connections WHERE store_id = \(bind: store.rawValue)").first()
        else {
            return nil
        }
        let settings = try Self.settings(row)
        return ChannelConnection(
            storeID: store, endpoint: settings.endpoint, appKey: settings.appKey,
            appSecret: try secrets.open(row.decode(column: "app_secret", as: String.self)),
            session: try secrets.open(row.decode(column: "session", as: String.self)),
            signMethod: settings.signMethod, syncEverySeconds: settings.syncEverySeconds, enabled: settings.enabled)
    }

    /// The store's connection as pages show it, its secrets left sealed.
    public func settings(store: ID<Store>) async throws -> ChannelConnection.Redacted? {
        try await database.sql().raw("SELECT * FROM channel_connections WHERE store_id = \(bind: store.rawValue)").first().map(
            Self.settings)
    }

    /// Every enabled connection's store and sync interval, for the scheduler.
    public func enabledSchedules() async throws -> [(store: ID<Store>, syncEverySeconds: Int)] {
        try await database.sql().raw("SELECT store_id, sync_every_seconds FROM channel_connections WHERE enabled = \(bind: true)").all().map
        {
            (DaiyunCore.ID(try $0.decode(column: "store_id", as: UUID.self)), try $0.decode(column: "sync_every_seconds", as: Int.self))
        }
    }

    /// Seals secrets written before sealing existed (plain text in the row); returns how many rows.
    public func sealPlainSecrets() async throws -> Int {
        let sql = try database.sql()
        let plain = try await sql.raw(
            """
            SELECT id, app_secret, session FROM channel_connections WHERE app_secret NOT LIKE 'v1:%' OR session NOT LIKE 'v1:%'
            """
        ).all()
        for row in plain {
            let secret = try row.decode(column: "app_secret", as: String.self)
            let session = try row.decode(column: "session", as: String.self)
            try await sql.raw(
                """
                UPDATE channel_connections SET app_secret = \(bind: SecretBox.isSealed(secret) ? secret : secrets.seal(secret)),
                    session = \(bind: SecretBox.isSealed(session) ? session : secrets.seal(session))
                WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))
                """
            ).run()
        }
        return plain.count
    }

    static func settings(_ row: any SQLRow) throws -> ChannelConnection.Redacted {
        ChannelConnection.Redacted(
            endpoint: try row.decode(column: "endpoint", as: String.self), appKey: try row.decode(column: "app_key", as: String.self),
            signMethod: try row.decode(column: "sign_method", as: String.self),
            syncEverySeconds: try row.decode(column: "sync_every_seconds", as: Int.self),
            enabled: try row.decode(column: "enabled", as: Bool.self))
    }
}

/// Where a store's sync of one kind (orders, refunds) stands.
public struct SyncCursor: Sendable, Equatable {
    public var storeID: ID<Store>
    public var kind: String
    /// Every change up to this moment is in Daiyun.
    public var syncedUntil: Date
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
}

/// The sync cursors. A cursor only moves forward, and only after its window is committed.
public struct SyncCursorRepository: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    public func cursor(store: ID<Store>, kind: String) async throws -> SyncCursor? {
        try await database.sql().raw("SELECT * FROM sync_cursors WHERE store_id = \(bind: store.rawValue) AND kind = \(bind: kind)").first()
            .map(Self.cursor)
    }

    public func cursors(store: ID<Store>) async throws -> [SyncCursor] {
        try await database.sql().raw("SELECT * FROM sync_cursors WHERE store_id = \(bind: store.rawValue) ORDER BY kind").all().map(
            Self.cursor)
    }

    /// Moves the cursor to `until` (never back) and clears its error.
    public func advance(store: ID<Store>, kind: String, to until: Date, now: Date) async throws {
        try await database.lockForWriting()
        let sql = try database.sql()
        try await sql.raw(
            """
            INSERT INTO sync_cursors (id, store_id, kind, synced_until, last_success_at) VALUES (\(bind: ids.random()), \(bind: store.rawValue), \(bind: kind), \(bind: until), \(bind: now))
            ON CONFLICT (store_id, kind) DO UPDATE SET
                synced_until = CASE WHEN sync_cursors.synced_until > excluded.synced_until THEN sync_cursors.synced_until ELSE excluded.synced_until END,
                last_success_at = excluded.last_success_at, last_error = NULL, last_error_at = NULL
            """
        ).run()
    }

    /// Notes a failed sync on the cursor, leaving its position.
    public func recordError(store: ID<Store>, kind: String, message: String, start: Date, now: Date) async throws {
        try await database.lockForWriting()
        try await database.sql().raw(
            """
            INSERT INTO sync_cursors (id, store_id, kind, synced_until, last_error, last_error_at)
            VALUES (\(bind: ids.random()), \(bind: store.rawValue), \(bind: kind), \(bind: start), \(bind: message), \(bind: now))
            ON CONFLICT (store_id, kind) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at
            """
        ).run()
    }

    static func cursor(_ row: any SQLRow) throws -> SyncCursor {
        SyncCursor(
            storeID: DaiyunCore.ID(try row.decode(column: "store_id", as: UUID.self)),
            kind: try row.decode(column: "kind", as: String.self),
            syncedUntil: try row.decode(column: "synced_until", as: Date.self),
            lastSuccessAt: try row.decode(column: "last_success_at", as: Date?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            lastErrorAt: try row.decode(column: "last_error_at", as: Date?.self))
    }
}
