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
        let content = StaffPage(
            users: users, assignments: try await req.users.assignments(of: users.map(\.id)), clients: clients, stores: stores, l10n)
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
