import DaiyunCore
import Vapor

/// The home: the user's workbench, the clients and stores they may see, and (for admins) a
/// new-client form.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
        routes.post("clients", use: createClient)
    }

    func index(req: Request) async throws -> Response {
        let principal = try req.principal()
        let visibility = AccessPolicy.visibility(of: principal)
        let clients = try await req.tenancy.clients(visibleTo: visibility)
        let stores = try await req.tenancy.stores(visibleTo: visibility)
        let bench = try await Workbench.load(for: principal, stores: stores, clients: clients, at: req.now, on: req.db)
        var page = WorkbenchPage(
            bench, clients: clients,
            canManageClients: AccessPolicy.decide(principal, .manageClients, in: .agency(principal.agencyID)) == .allow,
            Page.localizer(for: req))
        let brand = principal.kind == .brandViewer
        let latest = try await StatementLink.latest(of: try await req.visibleContracts().map(\.0), brand: brand, on: req.db)
        page.statements = StatementLink.links(latest, brand: brand, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func createClient(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageClients, in: .agency(principal.agencyID))
        return try await Page.formAction(req, failurePath: .home) {
            let draft = try ClientDraft(name: req.formField("name"), industry: req.formField("industry"))
            let client = try await req.tenancy.createClient(draft, in: principal.agencyID, by: try req.writeContext())
            return Page.saved(req, to: .client(client.id))
        }
    }
}
