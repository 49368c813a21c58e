import DaiyunCore
import Foundation

/// A store's sync page: its channel connection, cursors with their lag and last error, its jobs with the dead ones retryable, and "sync now".
struct SyncPage: PageContent {
    static let template = "channels/sync"
    static let strings: [StringTable] = [.channels, .tenancy]
    var title: String
    struct Cursor: Encodable {
        var kind, syncedUntil, lag, lastSuccess: String
        var lastError: String?
    }
    struct JobRow: Encodable {
        var id, kind, status, statusLabel, created, runAt: String
        var attempts: String
        var note: String
        var retryable: Bool
        var retryPath: String
    }
    var storeID: String
    var storeName: String
    var connected: Bool
    var endpoint, appKey, signMethod: String
    var every: Int
    var everyLabel: String
    var cursors: [Cursor]
    var jobs: [JobRow]
    var canSync: Bool
    var canConnect: Bool
    var channelSynced: Bool
    var signMethods: [Choice]
    var storePath, ordersPath, syncPath, connectPath: String
}
