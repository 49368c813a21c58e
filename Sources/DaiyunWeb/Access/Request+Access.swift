import DaiyunCore
import Vapor

/// Denials from the access rules, mapped to 403 or 404 once, in the error middleware.
enum AccessDenied: Error {
    case forbidden
    case notFound
}

extension Request {
    /// Throws unless the access rules allow the signed-in user `permission` in `scope`.
    func authorize(_ permission: Permission, in scope: AccessScope) throws {
        switch AccessPolicy.decide(try principal(), permission, in: scope) {
        case .allow: return
        case .forbidden: throw AccessDenied.forbidden
        case .notFound: throw AccessDenied.notFound
        }
    }

    /// The store named by a path parameter, if the user may do `permission` on it.
    func store(_ parameter: String = "storeID", for permission: Permission = .view) async throws -> Store {
        guard let id = parameters.get(parameter).flatMap(ID<Store>.init),
            let store = try await tenancy.store(id)
        else { throw AccessDenied.notFound }
        try authorize(permission, in: store.scope)
        return store
    }

    /// The client named by a path parameter, if the user may do `permission` on it.
    func client(_ parameter: String = "clientID", for permission: Permission = .view) async throws -> Client {
        guard let id = parameters.get(parameter).flatMap(ID<Client>.init),
            let client = try await tenancy.client(id)
        else { throw AccessDenied.notFound }
        try authorize(permission, in: .client(client.agencyID, client.id))
        return client
    }

    /// A store a write names in its body or query, under the same check as reading it: a store
    /// that does not exist and one the user may not see answer alike, so ids cannot be probed (404,
    /// or for a form's `field` the form's "refers to nothing you can see"); one the user sees but
    /// may not do `permission` on is 403.
    func targetStore(_ text: String, field: String? = nil, for permission: Permission) async throws -> Store {
        let unseen: any Error = field.map { ValidationError(field: $0, rule: .unknownReference) } ?? AccessDenied.notFound
        guard let id = ID<Store>(text), let store = try await tenancy.store(id) else { throw unseen }
        guard AccessPolicy.canView(try principal(), store.scope) else { throw unseen }
        try authorize(permission, in: store.scope)
        return store
    }

    /// A client a write names in its body or query, checked as `targetStore` checks a store.
    func targetClient(_ text: String, for permission: Permission) async throws -> Client {
        guard let id = ID<Client>(text), let client = try await tenancy.client(id) else { throw AccessDenied.notFound }
        try authorize(permission, in: .client(client.agencyID, client.id))
        return client
    }

    /// A user of the signed-in user's agency named by a path parameter; managing staff required.
    func managedUser(_ parameter: String = "userID") async throws -> User {
        let principal = try principal()
        try authorize(.manageStaff, in: .agency(principal.agencyID))
        guard let id = parameters.get(parameter).flatMap(ID<User>.init),
            let user = try await users.user(id), user.agencyID == principal.agencyID
        else {
            throw AccessDenied.notFound
        }
        return user
    }
}
