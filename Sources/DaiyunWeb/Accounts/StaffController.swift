import DaiyunCore
import DaiyunPersistence
import Vapor

/// Accounts and store assignments, for agency admins.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("staff")
        staff.get(use: index)
        staff.post(use: createUser)
        staff.post("invitations", use: invite)
        staff.get("workload", use: workload)
        staff.post("assignments", use: assign)
        staff.post("assignments", ":assignmentID", "delete", use: unassign)
        staff.post(":userID", "password", use: resetPassword)
        staff.post(":userID", "unlock", use: unlock)
        staff.post(":userID", "disable", use: disable)
        staff.post(":userID", "enable", use: enable)
    }

    /// The agency's account the path names; admins only.
    private func account(_ req: Request) async throws -> User {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        guard let id = req.parameters.get("userID").flatMap(ID<User>.init), let user = try await req.users.user(id),
            user.agencyID == principal.agencyID
        else { throw AccessDenied.notFound }
        return user
    }

    /// Sets a temporary password the admin hands over; the user chooses their own at the next sign-in.
    func resetPassword(req: Request) async throws -> Response {
        let user = try await account(req)
        return try await Page.formAction(req, failurePath: .staff) {
            let password = req.formField("password")
            try PasswordRules.check(password)
            _ = try await req.users.setPassword(
                hash: try await req.password.async.hash(password), of: user, reset: true, by: try req.writeContext())
            return Page.redirect(req, to: .staff, flash: Page.localizer(for: req).format("password_reset_done", user.login))
        }
    }

    func unlock(req: Request) async throws -> Response {
        let user = try await account(req)
        try await req.users.unlock(user, by: try req.writeContext())
        return Page.redirect(req, to: .staff, flash: Page.localizer(for: req).format("unlocked_done", user.login))
    }

    func disable(req: Request) async throws -> Response {
        let user = try await account(req)
        return try await Page.formAction(req, failurePath: .staff) {
            guard user.id != (try req.currentUser().user.id) else { throw ValidationError(field: "user_id", rule: .notYourself) }
            _ = try await req.users.setDisabled(true, user: user, by: try req.writeContext())
            return Page.redirect(req, to: .staff, flash: Page.localizer(for: req).format("disabled_done", user.login))
        }
    }

    func enable(req: Request) async throws -> Response {
        let user = try await account(req)
        _ = try await req.users.setDisabled(false, user: user, by: try req.writeContext())
        return Page.redirect(req, to: .staff, flash: Page.localizer(for: req).format("enabled_done", user.login))
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
            users: users, assignments: try await req.users.assignments(of: users.map(\.id)), clients: clients, stores: stores,
            locked: try await req.throttles.lockedLogins(at: req.now), me: try req.currentUser().user.id, l10n)
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

    /// The team's workload and service figures of the last 30 days.
    func workload(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let users = try await req.users.users(of: principal.agencyID)
        let stores = try await req.tenancy.stores(visibleTo: .agency(principal.agencyID))
        let clients = try await req.tenancy.clients(visibleTo: .agency(principal.agencyID))
        let ids = stores.map(\.id)
        let queues = WorkQueueRepository(database: req.db)
        let (shipping, refunds) = (try await queues.shippingCounts(of: stores, at: req.now), try await queues.refundCounts(of: ids))
        let reviews = try await queues.reviewCounts(of: ids, at: req.now)
        let alerts = try await AlertRepository(database: req.db).openCounts(of: ids)
        var waiting: [ID<Store>: StaffWorkloadPage.Waiting] = [:]
        for id in ids {
            waiting[id] = StaffWorkloadPage.Waiting(
                toShip: shipping[id]?.toShip ?? 0, overdue: shipping[id]?.overdue ?? 0, refunds: refunds[id] ?? 0,
                reviews: reviews[id] ?? 0,
                alerts: alerts[id] ?? 0)
        }
        let page = StaffWorkloadPage(
            users: users, assignments: try await req.users.assignments(of: users.map(\.id)), stores: stores,
            contracts: try await req.contracts.contracts(of: clients.map(\.id)), waiting: waiting,
            kpis: try await StaffKPIRepository(database: req.db).kpis(
                of: principal.agencyID, from: req.now.addingTimeInterval(-30 * 86_400), to: req.now),
            today: BusinessDay(containing: req.now), Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    /// Invites a brand's viewer: the account, and its one-time link in the message shown once.
    func invite(req: Request) async throws -> Response {
        try await Page.formAction(req, failurePath: .staff) {
            let (user, _, url) = try await req.invite(
                login: req.formField("login"), displayName: req.formField("display_name"), clientID: req.formField("client_id"),
                language: req.optionalFormField("language"))
            return Page.redirect(req, to: .staff, flash: Page.localizer(for: req).format("invitation_sent", user.login, url))
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
