import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A store's sync page: its channel connection, cursors with their lag and last error, its
/// jobs with the dead ones retryable, and "sync now".
struct SyncController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let store = routes.grouped("stores", ":storeID")
        store.get("sync", use: show)
        store.post("sync", use: syncNow)
        store.post("connection", use: connect)
        store.post("jobs", ":jobID", "retry", use: retry)
    }

    func show(req: Request) async throws -> Response {
        let store = try await req.store()
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let overview = try await SyncOverview(store: store, on: req)
        let canSync = AccessPolicy.decide(principal, .importData, in: store.scope) == .allow
        let connection = overview.connection
        let content = SyncPage(
            title: "\(store.name) · \(l10n["sync_title"])",
            storeID: store.id.description, storeName: store.name, connected: connection != nil,
            endpoint: connection?.endpoint ?? "", appKey: connection?.appKey ?? "", signMethod: connection?.signMethod ?? "hmac-sha256",
            every: connection?.syncEverySeconds ?? 60, everyLabel: l10n.duration(connection?.syncEverySeconds ?? 60),
            cursors: overview.cursors.map {
                .init(
                    kind: l10n["sync_kind_\($0.kind)"], syncedUntil: ShanghaiTime.format($0.syncedUntil), lag: l10n.duration($0.lagSeconds),
                    lastSuccess: $0.lastSuccessAt.map(ShanghaiTime.format) ?? "—", lastError: $0.lastError)
            },
            jobs: overview.jobs.map { job in
                .init(
                    id: job.id.uuidString.lowercased(), kind: l10n["job_kind_\(job.kind.rawValue)"], status: job.status.rawValue,
                    statusLabel: l10n["job_status_\(job.status.rawValue)"], created: ShanghaiTime.format(job.createdAt),
                    runAt: ShanghaiTime.format(job.runAt),
                    attempts: "\(job.attempts)/\(job.maxAttempts)", note: job.lastError ?? job.result ?? "",
                    retryable: job.status == .dead && canSync, retryPath: SiteURL.retryJob(store.id, job.id).path)
            },
            canSync: canSync && connection != nil,
            canConnect: AccessPolicy.decide(principal, .editStore, in: store.scope) == .allow
                && ConnectionDraft.syncedChannels.contains(store.channel),
            channelSynced: ConnectionDraft.syncedChannels.contains(store.channel),
            signMethods: ConnectionDraft.signMethods.map {
                Choice(value: $0, label: $0, selected: $0 == (connection?.signMethod ?? "hmac-sha256"))
            },
            storePath: SiteURL.store(store.id).path, ordersPath: SiteURL.orders(store.id).path, syncPath: SiteURL.sync(store.id).path,
            connectPath: SiteURL.storeConnection(store.id).path
        )
        return try await Page.render(content, for: req)
    }

    func syncNow(req: Request) async throws -> Response {
        let store = try await req.store(for: .importData)
        let path = SiteURL.sync(store.id)
        return try await Page.formAction(req, failurePath: path) {
            try await SyncOverview.requestSync(store, on: req)
            return Page.redirect(req, to: path, flash: Page.localizer(for: req)["sync_requested"])
        }
    }

    func connect(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let path = SiteURL.sync(store.id)
        return try await Page.formAction(req, failurePath: path) {
            let draft = try ConnectionDraft(
                channel: store.channel, endpoint: req.formField("endpoint"), appKey: req.formField("app_key"),
                appSecret: req.formField("app_secret"),
                session: req.formField("session"), signMethod: req.formField("sign_method"),
                syncEverySeconds: req.formField("sync_every_seconds"), gateways: req.application.services.config.gateways)
            try await SyncOverview.connect(draft, store: store, on: req)
            return Page.saved(req, to: path)
        }
    }

    func retry(req: Request) async throws -> Response {
        let store = try await req.store(for: .importData)
        guard let job = req.parameters.get("jobID").flatMap(UUID.init(uuidString:)) else { throw AccessDenied.notFound }
        try await SyncOverview.retry(job: job, store: store, on: req)
        return Page.redirect(req, to: .sync(store.id), flash: Page.localizer(for: req)["job_retried"])
    }
}
