import DaiyunCore
import Vapor

/// A store's page: its details, its team, and an edit form for admins and its store managers.
struct StoresController: RouteCollection {
    struct Content: Encodable {
        struct Member: Encodable {
            var name: String
            var login: String
            var role: String
        }
        var store: StoreRow
        var team: [Member]
        var canEdit: Bool
        var statuses: [Choice]
    }

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
            people[assignment.userID].map { Content.Member(name: $0.displayName, login: $0.login, role: l10n.role(assignment.role)) }
        }
        let content = Content(
            store: StoreRow(store, clientName: client?.name ?? "", l10n),
            team: team.sorted { ($0.role, $0.login) < ($1.role, $1.login) },
            canEdit: AccessPolicy.decide(principal, .editStore, in: store.scope) == .allow,
            statuses: l10n.statusChoices(selected: store.status)
        )
        return try await Page.render("tenancy/store", titleKey: "store", title: store.name, page: content, for: req)
    }

    func update(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let path = "/stores/\(store.id)"
        return try await Page.formAction(req, failurePath: path) {
            let patch = try StorePatch(name: req.optionalFormField("name"), status: req.optionalFormField("status"))
            _ = try await req.tenancy.updateStore(store, with: patch, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }
}
