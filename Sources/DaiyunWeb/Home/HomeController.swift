import DaiyunCore
import Vapor

/// The agency home: the clients and stores the user may see, and (for admins) a new-client form.
struct HomeController: RouteCollection {
    struct Content: Encodable {
        struct ClientRow: Encodable {
            var id: String
            var name: String
            var industry: String
            var storeCount: Int
        }
        var heading: String
        var clients: [ClientRow]
        var stores: [StoreRow]
        var canManageClients: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
        routes.post("clients", use: createClient)
    }

    func index(req: Request) async throws -> Response {
        let principal = try req.principal()
        if principal.kind == .brandViewer {
            return req.redirect(to: SignInController.home(for: principal))
        }
        let l10n = Page.localizer(for: req)
        let visibility = AccessPolicy.visibility(of: principal)
        let clients = try await req.tenancy.clients(visibleTo: visibility)
        let stores = try await req.tenancy.stores(visibleTo: visibility)
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        let counts = Dictionary(grouping: stores, by: \.clientID).mapValues(\.count)
        let content = Content(
            heading: l10n[principal.kind == .staff ? "my_stores_title" : "home_title"],
            clients: clients.map { .init(id: $0.id.description, name: $0.name, industry: $0.industry, storeCount: counts[$0.id] ?? 0) },
            stores: stores.map { StoreRow($0, clientName: names[$0.clientID] ?? "", l10n) },
            canManageClients: AccessPolicy.decide(principal, .manageClients, in: .agency(principal.agencyID)) == .allow
        )
        return try await Page.render("home/home", titleKey: "home_title", page: content, for: req)
    }

    func createClient(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageClients, in: .agency(principal.agencyID))
        return try await Page.formAction(req, failurePath: "/") {
            let draft = try ClientDraft(name: req.formField("name"), industry: req.formField("industry"))
            let client = try await req.tenancy.createClient(draft, in: principal.agencyID, by: try req.writeContext())
            return Page.saved(req, to: "/clients/\(client.id)")
        }
    }
}
