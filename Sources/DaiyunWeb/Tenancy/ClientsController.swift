import DaiyunCore
import Vapor

/// A client's page: its stores, its audit chain head, and (for admins) edit and open-store forms.
struct ClientsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let client = routes.grouped("clients", ":clientID")
        client.get(use: show)
        client.post(use: update)
        client.post("stores", use: createStore)
    }

    func show(req: Request) async throws -> Response {
        let client = try await req.client()
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let scope = AccessScope.client(client.agencyID, client.id)
        let stores = try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: principal), client: client.id)
        let canSeeAudit = AccessPolicy.decide(principal, .viewAuditLog, in: scope) == .allow
        let head = canSeeAudit ? try await req.auditLog.chain(.client(client.id))?.head ?? .empty : .empty
        let page = ClientPage(
            client: client, stores: stores, canManage: AccessPolicy.decide(principal, .manageClients, in: scope) == .allow,
            canSeeAudit: canSeeAudit, head: head, today: BusinessDay(containing: req.now), l10n)
        return try await Page.render(page, for: req)
    }

    func update(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageClients)
        let path = SiteURL.client(client.id)
        return try await Page.formAction(req, failurePath: path) {
            let draft = try ClientDraft(name: req.formField("name"), industry: req.formField("industry"))
            _ = try await req.tenancy.updateClient(client, with: draft, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func createStore(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageClients)
        let path = SiteURL.client(client.id)
        return try await Page.formAction(req, failurePath: path) {
            let draft = try StoreDraft(
                channel: req.formField("channel"), shopID: req.formField("shop_id"), name: req.formField("name"),
                status: req.formField("status"), takenOverOn: req.formField("taken_over_on")
            )
            let store = try await req.tenancy.createStore(draft, for: client, by: try req.writeContext())
            return Page.saved(req, to: .store(store.id))
        }
    }
}
