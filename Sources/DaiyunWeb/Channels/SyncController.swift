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
        let content = SyncPage(
            store: store, overview: overview, canSync: AccessPolicy.decide(principal, .importData, in: store.scope) == .allow,
            canEdit: AccessPolicy.decide(principal, .editStore, in: store.scope) == .allow, l10n)
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
