import DaiyunCore
import Vapor

/// A store's page: its details, its team, and an edit form for admins and its store managers.
struct StoresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let store = routes.grouped("stores", ":storeID")
        store.get(use: show)
        store.post(use: update)
    }

    func show(req: Request) async throws -> Response {
        let store = try await req.store()
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let client = try await req.tenancy.client(store.clientID)
        let people = Dictionary(uniqueKeysWithValues: try await req.users.users(of: store.agencyID).map { ($0.id, $0) })
        let team = try await req.users.assignments(on: store.id).compactMap { assignment in
            people[assignment.userID].map { ($0, assignment.role) }
        }
        let page = StorePage(
            store: store, clientName: client?.name ?? "", team: team,
            canEdit: AccessPolicy.decide(principal, .editStore, in: store.scope) == .allow, l10n)
        return try await Page.render(page, for: req)
    }

    func update(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let path = SiteURL.store(store.id)
        return try await Page.formAction(req, failurePath: path) {
            let patch = try StorePatch(
                name: req.optionalFormField("name"), status: req.optionalFormField("status"),
                shipWithinHours: req.optionalFormField("shipping_promise"))
            _ = try await req.tenancy.updateStore(store, with: patch, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }
}
