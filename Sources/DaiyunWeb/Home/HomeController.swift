import DaiyunCore
import Vapor

/// The agency home: the clients and stores the user may see, and (for admins) a new-client form.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
        routes.post("clients", use: createClient)
    }

    func index(req: Request) async throws -> Response {
        let principal = try req.principal()
        if principal.kind == .brandViewer {
            return req.redirect(to: SiteURL.home(for: principal).path)
        }
        let l10n = Page.localizer(for: req)
        let visibility = AccessPolicy.visibility(of: principal)
        let clients = try await req.tenancy.clients(visibleTo: visibility)
        let stores = try await req.tenancy.stores(visibleTo: visibility)
        let page = HomePage(
            clients: clients, stores: stores, isStaff: principal.kind == .staff,
            canManageClients: AccessPolicy.decide(principal, .manageClients, in: .agency(principal.agencyID)) == .allow, l10n)
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
