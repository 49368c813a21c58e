import Foundation

/// Whether a store's order sync keeps up, from its cursor: the workbench flags a store whose
/// orders in Daiyun lag the channel's.
public enum SyncHealth: String, Sendable, Equatable, CaseIterable {
    /// Never synced: the store has no connection, or its first sync has not run.
    case notSyncing = "not_syncing"
    /// The last sync failed after the last success.
    case failing
    /// The orders are more than `behindAfter` old.
    case behind
    case healthy

    /// A sync every minute keeps the lag under two; a quarter of an hour is a sync that stopped.
    public static let behindAfter: TimeInterval = 15 * 60

    public init(syncedUntil: Date?, lastSuccessAt: Date?, lastErrorAt: Date?, at now: Date) {
        guard let syncedUntil else {
            self = lastErrorAt == nil ? .notSyncing : .failing
            return
        }
        if let error = lastErrorAt, error > (lastSuccessAt ?? .distantPast) {
            self = .failing
        } else if now.timeIntervalSince(syncedUntil) > Self.behindAfter {
            self = .behind
        } else {
            self = .healthy
        }
    }

    /// Whether someone should look at it.
    public var needsAttention: Bool { self == .failing || self == .behind }
}
