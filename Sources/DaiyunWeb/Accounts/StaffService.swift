import DaiyunCore
import Vapor

/// Account and assignment actions shared by the staff page and the API, with their access checks.
enum StaffService {
    /// Creates an account in the admin's agency; a brand viewer's client must be of that agency.
    static func createUser(_ draft: UserDraft, on req: Request) async throws -> User {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        if let clientID = draft.clientID {
            guard let client = try await req.tenancy.client(clientID), client.agencyID == principal.agencyID else {
                throw ValidationError(field: "client_id", rule: .unknownReference)
            }
        }
        let hash = try await req.password.async.hash(draft.password)
        return try await req.users.createUser(draft, passwordHash: hash, in: principal.agencyID, by: try req.writeContext())
    }

    static func assign(userID: String, storeID: String, role: String, on req: Request) async throws -> StoreAssignment {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        let role = try TextRules.choice(role, field: "role", as: StoreRole.self)
        guard let id = ID<User>(userID), let user = try await req.users.user(id), user.agencyID == principal.agencyID else {
            throw ValidationError(field: "user_id", rule: .unknownReference)
        }
        guard let sid = ID<Store>(storeID), let store = try await req.tenancy.store(sid), store.agencyID == principal.agencyID else {
            throw ValidationError(field: "store_id", rule: .unknownReference)
        }
        return try await req.users.assign(user, to: store, as: role, by: try req.writeContext())
    }

    static func unassign(_ assignmentID: String, on req: Request) async throws {
        let principal = try req.principal()
        try req.authorize(.manageStaff, in: .agency(principal.agencyID))
        guard let id = ID<StoreAssignment>(assignmentID), let assignment = try await req.users.assignment(id),
            let store = try await req.tenancy.store(assignment.storeID), store.agencyID == principal.agencyID
        else {
            throw AccessDenied.notFound
        }
        try await req.users.unassign(assignment, from: store, by: try req.writeContext())
    }
}
