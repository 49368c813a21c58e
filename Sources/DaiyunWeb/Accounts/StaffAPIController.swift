import DaiyunCore
import Foundation
import Vapor

/// `/api/v1` accounts, assignments and the caller's own API tokens.
struct StaffAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: listUsers)
        users.post(use: createUser)
        users.get(":userID", use: getUser)
        users.post(":userID", "assignments", use: assign)
        routes.post("invitations", use: invite)
        routes.delete("assignments", ":assignmentID", use: unassign)
        let tokens = routes.grouped("tokens")
        tokens.get(use: listTokens)
        tokens.post(use: createToken)
        tokens.delete(":tokenID", use: revokeToken)
    }

    func listUsers(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let users = try await req.users.users(of: principal.agencyID)
        let assignments = Dictionary(grouping: try await req.users.assignments(of: users.map(\.id)), by: \.userID)
        return try APIResponse.json(APIResponse.Items(items: users.map { UserBody($0, assignments: assignments[$0.id] ?? []) }))
    }

    func getUser(req: Request) async throws -> Response {
        let user = try await req.managedUser()
        return try APIResponse.json(UserBody(user, assignments: try await req.users.assignments(of: user.id)))
    }

    func createUser(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let input = try req.content.decode(UserInput.self)
        let draft = try UserDraft(
            login: input.login, displayName: input.displayName, kind: input.kind, clientID: input.clientID,
            password: input.password, language: input.language
        )
        let user = try await StaffService.createUser(draft, on: req)
        return try APIResponse.json(UserBody(user, assignments: []), status: .created)
    }

    /// Invites a brand's viewer: the account, and the link that sets its password once, within a week.
    func invite(req: Request) async throws -> Response {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let input = try req.content.decode(InvitationInput.self)
        let (user, invitation, url) = try await req.invite(
            login: input.login, displayName: input.displayName, clientID: input.clientID, language: input.language)
        return try APIResponse.json(
            InvitationBody(user: UserBody(user, assignments: []), url: url, expiresAt: invitation.expiresAt), status: .created)
    }

    func assign(req: Request) async throws -> Response {
        let user = try await req.managedUser()
        let input = try req.content.decode(AssignmentInput.self)
        let assignment = try await StaffService.assign(userID: user.id.description, storeID: input.storeID, role: input.role, on: req)
        return try APIResponse.json(assignment, status: .created)
    }

    func unassign(req: Request) async throws -> Response {
        try await StaffService.unassign(req.parameters.get("assignmentID") ?? "", on: req)
        return Response(status: .noContent)
    }

    func listTokens(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        return try APIResponse.json(APIResponse.Items(items: try await req.tokens.tokens(of: user.id)))
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        let input = try req.content.decode(TokenInput.self)
        // A token made with a token is its child: it never outlives it and is revoked with it.
        let (summary, secret) = try await req.tokens.create(
            named: input.name, for: user, expiresInDays: input.expiresInDays, parent: req.storage[TokenInUse.self],
            by: try req.writeContext())
        return try APIResponse.json(NewTokenBody(token: summary, secret: secret), status: .created)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser().user
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)),
            try await req.tokens.revoke(id, of: user, by: try req.writeContext())
        else { throw AccessDenied.notFound }
        return Response(status: .noContent)
    }
}
