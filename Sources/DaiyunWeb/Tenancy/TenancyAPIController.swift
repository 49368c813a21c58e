import DaiyunCore
import Vapor

/// `/api/v1` clients and stores, under the same access rules as the pages.
struct TenancyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        let clients = routes.grouped("clients")
        clients.get(use: listClients)
        clients.post(use: createClient)
        clients.get(":clientID", use: getClient)
        clients.patch(":clientID", use: updateClient)
        let stores = routes.grouped("stores")
        stores.get(use: listStores)
        stores.post(use: createStore)
        stores.get(":storeID", use: getStore)
        stores.patch(":storeID", use: updateStore)
    }

    func me(req: Request) async throws -> Response {
        let current = try req.currentUser()
        let assignments = try await req.users.assignments(of: current.user.id)
        return try APIResponse.json(UserBody(current.user, assignments: assignments))
    }

    func listClients(req: Request) async throws -> Response {
        let clients = try await req.tenancy.clients(visibleTo: AccessPolicy.visibility(of: try req.principal()))
        return try APIResponse.json(APIResponse.Items(items: clients))
    }

    func getClient(req: Request) async throws -> Response {
        try APIResponse.json(try await req.client())
    }

    func createClient(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageClients, in: .agency(principal.agencyID))
        let input = try req.content.decode(ClientInput.self)
        let draft = try ClientDraft(name: input.name, industry: input.industry ?? "")
        let client = try await req.tenancy.createClient(draft, in: principal.agencyID, by: try req.writeContext())
        return try APIResponse.json(client, status: .created)
    }

    func updateClient(req: Request) async throws -> Response {
        let client = try await req.client(for: .manageClients)
        let input = try req.content.decode(ClientInput.self)
        let draft = try ClientDraft(name: input.name, industry: input.industry ?? client.industry)
        return try APIResponse.json(try await req.tenancy.updateClient(client, with: draft, by: try req.writeContext()))
    }

    func listStores(req: Request) async throws -> Response {
        var clientFilter: ID<Client>?
        if let text = try? req.query.get(String.self, at: "client_id") {
            guard let id = ID<Client>(text) else { throw ValidationError(field: "client_id", rule: .unknownReference) }
            clientFilter = id
        }
        let stores = try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: try req.principal()), client: clientFilter)
        return try APIResponse.json(APIResponse.Items(items: stores))
    }

    func getStore(req: Request) async throws -> Response {
        try APIResponse.json(try await req.store())
    }

    func createStore(req: Request) async throws -> Response {
        let input = try req.content.decode(StoreInput.self)
        let principal = try req.principal()
        guard let clientID = ID<Client>(input.clientID), let client = try await req.tenancy.client(clientID),
            AccessPolicy.canView(principal, .client(client.agencyID, client.id))
        else {
            throw ValidationError(field: "client_id", rule: .unknownReference)
        }
        try req.authorize(.manageClients, in: .client(client.agencyID, client.id))
        let draft = try StoreDraft(
            channel: input.channel, shopID: input.shopID, name: input.name,
            status: input.status ?? StoreStatus.onboarding.rawValue, takenOverOn: input.takenOverOn
        )
        let store = try await req.tenancy.createStore(draft, for: client, by: try req.writeContext())
        return try APIResponse.json(store, status: .created)
    }

    func updateStore(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let input = try req.content.decode(StorePatchInput.self)
        let patch = try StorePatch(name: input.name, status: input.status, shipWithinHours: input.shippingPromise.map(String.init))
        return try APIResponse.json(try await req.tenancy.updateStore(store, with: patch, by: try req.writeContext()))
    }
}
