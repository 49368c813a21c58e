import DaiyunCore
import Vapor

/// Accounts and store assignments, for agency admins.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("staff")
        staff.get(use: index)
        staff.post(use: createUser)
        staff.post("assignments", use: assign)
        staff.post("assignments", ":assignmentID", "delete", use: unassign)
    }

    func index(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let l10n = Page.localizer(for: req)
        let visibility = AccessPolicy.visibility(of: principal)
        let users = try await req.users.users(of: principal.agencyID)
        let clients = try await req.tenancy.clients(visibleTo: visibility)
        let stores = try await req.tenancy.stores(visibleTo: visibility)
        let clientNames = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        let storeNames = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, "\($0.name)（\(clientNames[$0.clientID] ?? "")）") })
        let assignments = Dictionary(grouping: try await req.users.assignments(of: users.map(\.id)), by: \.userID)
        let content = StaffPage(
            title: l10n["staff_title"],
            users: users.map { user in
                .init(
                    id: user.id.description, login: user.login, name: user.displayName, kind: l10n.kind(user.kind),
                    clientName: user.clientID.flatMap { clientNames[$0] } ?? "",
                    assignments: (assignments[user.id] ?? []).map {
                        .init(
                            id: $0.id.description, storeName: storeNames[$0.storeID] ?? "", role: l10n.role($0.role),
                            deletePath: SiteURL.deleteAssignment($0.id.description).path)
                    }.sorted { $0.storeName < $1.storeName }
                )
            },
            staff: users.filter { $0.kind == .staff }.map {
                Choice(value: $0.id.description, label: "\($0.displayName) (\($0.login))", selected: false)
            },
            stores: stores.map { Choice(value: $0.id.description, label: storeNames[$0.id] ?? $0.name, selected: false) },
            clients: clients.map { Choice(value: $0.id.description, label: $0.name, selected: false) },
            kinds: l10n.kindChoices(),
            roles: l10n.roleChoices()
        )
        return try await Page.render(content, for: req)
    }

    func createUser(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        return try await Page.formAction(req, failurePath: .staff) {
            let draft = try UserDraft(
                login: req.formField("login"), displayName: req.formField("display_name"), kind: req.formField("kind"),
                clientID: req.optionalFormField("client_id"), password: req.formField("password"),
                language: req.optionalFormField("language")
            )
            _ = try await StaffService.createUser(draft, on: req)
            return Page.saved(req, to: .staff)
        }
    }

    func assign(req: Request) async throws -> Response {
        try await Page.formAction(req, failurePath: .staff) {
            _ = try await StaffService.assign(
                userID: req.formField("user_id"), storeID: req.formField("store_id"), role: req.formField("role"), on: req
            )
            return Page.saved(req, to: .staff)
        }
    }

    func unassign(req: Request) async throws -> Response {
        try await StaffService.unassign(req.parameters.get("assignmentID") ?? "", on: req)
        return Page.saved(req, to: .staff)
    }
}
