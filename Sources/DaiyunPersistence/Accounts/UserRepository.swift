import DaiyunCore
import Fluent
import Foundation

/// Accounts and store assignments, and the principal a signed-in user acts as.
public struct UserRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func user(_ id: ID<User>) async throws -> User? {
        try await UserModel.find(id.rawValue, on: database)?.domain()
    }

    /// The account with this login and its password hash, for sign-in.
    public func credentials(login: String) async throws -> (user: User, passwordHash: String)? {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard let model = try await UserModel.query(on: database).filter(\.$login == login).first() else { return nil }
        return (try model.domain(), model.passwordHash)
    }

    /// Every account of the agency, admins first, then staff, then brand viewers.
    public func users(of agency: ID<Agency>) async throws -> [User] {
        let order: [UserKind] = [.agencyAdmin, .staff, .brandViewer]
        return try await UserModel.query(on: database)
            .filter(\.$agencyID == agency.rawValue)
            .sort(\.$login)
            .all()
            .map { try $0.domain() }
            .sorted { order.firstIndex(of: $0.kind)! < order.firstIndex(of: $1.kind)! }
    }

    /// Creates an account. Brand viewers are recorded in their client's chain, so the brand sees
    /// who can read its data; everyone else in the agency's chain.
    public func createUser(_ draft: UserDraft, passwordHash: String, in agency: ID<Agency>, by context: WriteContext) async throws -> User {
        let user = User(
            id: ID(context.ids.random()), agencyID: agency, clientID: draft.clientID, login: draft.login,
            displayName: draft.displayName, kind: draft.kind, language: draft.language
        )
        return try await database.translatingConflicts(field: "login") {
            try await database.audited(user.auditTarget, by: context) { tx in
                try await UserModel(user, passwordHash: passwordHash, createdAt: context.now).create(on: tx)
                return (
                    user,
                    [AuditRecord(action: "user.create", entityType: "user", entityID: user.id.description, before: User?.none, after: user)]
                )
            }
        }
    }

    public func setLanguage(_ language: Language, for user: User, by context: WriteContext) async throws -> User {
        var updated = user
        updated.language = language
        guard updated != user else { return user }
        let result = updated
        return try await database.audited(user.auditTarget, by: context) { tx in
            try await UserModel.query(on: tx).filter(\.$id == user.id.rawValue).set(\.$language, to: language.rawValue).update()
            return (
                result, [AuditRecord(action: "user.update", entityType: "user", entityID: user.id.description, before: user, after: result)]
            )
        }
    }

    // MARK: Account controls

    /// Sets a new password hash. `reset`: an admin set it, and the user must choose their own at the
    /// next sign-in; otherwise the user chose it. Neither hash is recorded, only that it changed.
    public func setPassword(hash: String, of user: User, reset: Bool, by context: WriteContext) async throws -> User {
        var updated = user
        updated.mustChangePassword = reset
        let result = updated
        return try await database.audited(user.auditTarget, by: context) { tx in
            try await UserModel.query(on: tx).filter(\.$id == user.id.rawValue).set(\.$passwordHash, to: hash)
                .set(\.$mustChangePassword, to: reset).update()
            let action = reset ? "user.password_reset" : "user.password_change"
            return (result, [AuditRecord(action: action, entityType: "user", entityID: user.id.description, before: user, after: result)])
        }
    }

    /// Disables or enables the account. A disabled account's sessions and tokens sign nobody in
    /// (every request loads the user), so disabling takes effect at once.
    public func setDisabled(_ disabled: Bool, user: User, by context: WriteContext) async throws -> User {
        guard user.isDisabled != disabled else { return user }
        var updated = user
        updated.isDisabled = disabled
        let result = updated
        return try await database.audited(user.auditTarget, by: context) { tx in
            try await UserModel.query(on: tx).filter(\.$id == user.id.rawValue).set(\.$disabledAt, to: disabled ? context.now : nil)
                .update()
            let action = disabled ? "user.disable" : "user.enable"
            return (result, [AuditRecord(action: action, entityType: "user", entityID: user.id.description, before: user, after: result)])
        }
    }

    /// Lifts the sign-in locks on the account's name, from every address.
    public func unlock(_ user: User, by context: WriteContext) async throws {
        try await database.audited(user.auditTarget, by: context) { tx in
            try await SignInThrottleRepository(database: tx, ids: context.ids).unlock(user.login)
            return ((), [AuditRecord(action: "user.unlock", entityType: "user", entityID: user.id.description, before: user, after: user)])
        }
    }

    /// Notes in the audit log that the account's name was locked after failed sign-ins from an address.
    public func recordLock(of user: User, from address: String, until: Date, by context: WriteContext) async throws {
        struct Lock: Encodable {
            var login, address: String
            var until: Date
        }
        try await database.audited(user.auditTarget, by: context) { _ in
            (
                (),
                [
                    AuditRecord(
                        action: "user.sign_in_locked", entityType: "user", entityID: user.id.description, before: Lock?.none,
                        after: Lock(login: user.login, address: address, until: until))
                ]
            )
        }
    }

    // MARK: Assignments

    public func assignments(of user: ID<User>) async throws -> [StoreAssignment] {
        try await StoreAssignmentModel.query(on: database).filter(\.$userID == user.rawValue).all().map { try $0.domain() }
    }

    public func assignments(of users: [ID<User>]) async throws -> [StoreAssignment] {
        try await StoreAssignmentModel.query(on: database).filter(\.$userID ~~ users.map(\.rawValue)).all().map { try $0.domain() }
    }

    public func assignments(on store: ID<Store>) async throws -> [StoreAssignment] {
        try await StoreAssignmentModel.query(on: database).filter(\.$storeID == store.rawValue).all().map { try $0.domain() }
    }

    public func assignment(_ id: ID<StoreAssignment>) async throws -> StoreAssignment? {
        try await StoreAssignmentModel.find(id.rawValue, on: database)?.domain()
    }

    /// Assigns a staff member to a store; recorded in the store's client chain.
    public func assign(_ user: User, to store: Store, as role: StoreRole, by context: WriteContext) async throws -> StoreAssignment {
        guard user.kind == .staff else {
            throw ValidationError(field: "user_id", rule: .onlyStaffAreAssigned)
        }
        guard user.agencyID == store.agencyID else {
            throw PersistenceError.missingReference(field: "store_id")
        }
        let assignment = StoreAssignment(id: ID(context.ids.random()), userID: user.id, storeID: store.id, role: role)
        return try await database.translatingConflicts(field: "role") {
            try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
                try await StoreAssignmentModel(assignment, createdAt: context.now).create(on: tx)
                return (
                    assignment,
                    [
                        AuditRecord(
                            action: "assignment.create", entityType: "store_assignment", entityID: assignment.id.description,
                            before: StoreAssignment?.none, after: assignment)
                    ]
                )
            }
        }
    }

    public func unassign(_ assignment: StoreAssignment, from store: Store, by context: WriteContext) async throws {
        try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            try await StoreAssignmentModel.query(on: tx).filter(\.$id == assignment.id.rawValue).delete()
            return (
                (),
                [
                    AuditRecord(
                        action: "assignment.delete", entityType: "store_assignment", entityID: assignment.id.description,
                        before: assignment, after: StoreAssignment?.none)
                ]
            )
        }
    }

    // MARK: Principal

    /// What the access rules need to know about a user: their assignments and those stores' clients.
    public func principal(for user: User) async throws -> Principal {
        var principal = Principal(userID: user.id, agencyID: user.agencyID, kind: user.kind, clientID: user.clientID)
        guard user.kind == .staff else { return principal }
        let assignments = try await assignments(of: user.id)
        for assignment in assignments {
            principal.assignments[assignment.storeID, default: []].insert(assignment.role)
        }
        let storeIDs = Array(principal.assignments.keys).map(\.rawValue)
        for store in try await StoreModel.query(on: database).filter(\.$id ~~ storeIDs).all() {
            principal.rolesByClient[ID(store.clientID), default: []].formUnion(principal.assignments[ID(store.id!)] ?? [])
        }
        return principal
    }
}

extension User {
    /// The chain that records writes about this account.
    public var auditTarget: AuditTarget {
        AuditTarget(agencyID: agencyID, clientID: kind == .brandViewer ? clientID : nil)
    }
}
