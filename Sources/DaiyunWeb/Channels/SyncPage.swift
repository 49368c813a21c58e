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
    var olderJobs: String?
    var newerJobs: String?
    var canSync: Bool
    var canConnect: Bool
    var channelSynced: Bool
    var signMethods: [Choice]
    var storePath, ordersPath, syncPath, connectPath: String

    /// `canSync`: the user may sync and retry; `canEdit`: may change the store's connection.
    init(store: Store, overview: SyncOverview, canSync: Bool, canEdit: Bool, _ l10n: Localizer) {
        let connection = overview.connection
        let synced = ConnectionDraft.syncedChannels.contains(store.channel)
        title = "\(store.name) · \(l10n["sync_title"])"
        storeID = store.id.description
        storeName = store.name
        connected = connection != nil
        endpoint = connection?.endpoint ?? ""
        appKey = connection?.appKey ?? ""
        signMethod = connection?.signMethod ?? "hmac-sha256"
        every = connection?.syncEverySeconds ?? 60
        everyLabel = l10n.duration(every)
        cursors = overview.cursors.map {
            Cursor(
                kind: l10n["sync_kind_\($0.kind)"], syncedUntil: ShanghaiTime.format($0.syncedUntil), lag: l10n.duration($0.lagSeconds),
                lastSuccess: $0.lastSuccessAt.map(ShanghaiTime.format) ?? "—", lastError: $0.lastError)
        }
        jobs = overview.jobs.map { job in
            JobRow(
                id: job.id.uuidString.lowercased(), kind: l10n["job_kind_\(job.kind.rawValue)"], status: job.status.rawValue,
                statusLabel: l10n["job_status_\(job.status.rawValue)"], created: ShanghaiTime.format(job.createdAt),
                runAt: ShanghaiTime.format(job.runAt), attempts: "\(job.attempts)/\(job.maxAttempts)",
                note: job.errorMessage.map(l10n.say) ?? job.lastError ?? job.resultMessage.map(l10n.say) ?? job.result ?? "",
                retryable: job.status == .dead && canSync, retryPath: SiteURL.retryJob(store.id, job.id).path)
        }
        olderJobs = overview.olderJobs ? SiteURL.syncJobs(store.id, page: overview.jobsPage + 1).path : nil
        newerJobs = overview.jobsPage > 0 ? SiteURL.syncJobs(store.id, page: overview.jobsPage - 1).path : nil
        self.canSync = canSync && connection != nil
        canConnect = canEdit && synced
        channelSynced = synced
        let method = signMethod
        signMethods = ConnectionDraft.signMethods.map { Choice(value: $0, label: $0, selected: $0 == method) }
        storePath = SiteURL.store(store.id).path
        ordersPath = SiteURL.orders(store.id).path
        syncPath = SiteURL.sync(store.id).path
        connectPath = SiteURL.storeConnection(store.id).path
    }
}
