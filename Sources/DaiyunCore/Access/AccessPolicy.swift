/// Who is asking: the signed-in user with what the access rules need to know about them.
public struct Principal: Sendable, Equatable {
    public var userID: ID<User>
    public var agencyID: ID<Agency>
    public var kind: UserKind
    /// A brand viewer's client.
    public var clientID: ID<Client>?
    /// A staff member's roles, per store.
    public var assignments: [ID<Store>: Set<StoreRole>]
    /// A staff member's roles on the stores of each client they work for.
    public var rolesByClient: [ID<Client>: Set<StoreRole>]

    /// The clients of the stores a staff member is assigned to.
    public var assignedClientIDs: Set<ID<Client>> { Set(rolesByClient.keys) }

    public init(
        userID: ID<User>, agencyID: ID<Agency>, kind: UserKind, clientID: ID<Client>? = nil,
        assignments: [ID<Store>: Set<StoreRole>] = [:], rolesByClient: [ID<Client>: Set<StoreRole>] = [:]
    ) {
        self.userID = userID
        self.agencyID = agencyID
        self.kind = kind
        self.clientID = clientID
        self.assignments = assignments
        self.rolesByClient = rolesByClient
    }
}

/// What a request touches, with the tenancy ids that decide who may touch it.
public enum AccessScope: Sendable, Equatable {
    /// The agency as a whole: its client list, staff, own audit chain.
    case agency(ID<Agency>)
    case client(ID<Agency>, ID<Client>)
    case store(ID<Agency>, ID<Client>, ID<Store>)

    public var agencyID: ID<Agency> {
        switch self {
        case .agency(let a), .client(let a, _), .store(let a, _, _): a
        }
    }
}

/// What a request wants to do within a scope.
public enum Permission: String, Sendable, CaseIterable {
    /// See the scope and what is in it.
    case view
    /// Change a store's settings (name, status).
    case editStore
    /// Create or change clients and open stores.
    case manageClients
    /// Create accounts and assign staff to stores.
    case manageStaff
    /// Read the audit chain of the scope.
    case viewAuditLog
    /// Receive, adjust and count stock, set safety stock, open warehouses (client scope).
    case manageStock
    /// Import export files into a store, or a catalog into a client; edit the catalog and listings.
    case importData
    /// Ship a store's orders (store scope): its warehouse staff and store managers.
    case shipOrders
    /// See the buyer's name, phones and address in full, and the raw files that carry them (store
    /// scope): the roles that ship, and the brand, whose customers they are and who checks the raw
    /// files. Everyone else who sees the store (CS, promoters, designers) sees them masked.
    case viewBuyerContact
    /// Acknowledge and resolve a store's alerts (store scope): everyone of the agency who works on
    /// the store. Brands read their alerts, the agency handles them.
    case handleAlerts
    /// Set a store's ROI targets and the attribution its ads are judged under (store scope): its
    /// managers and promoters (投放).
    case manageAds
    /// See a client's contracts, their statements and KPIs (client scope): the admins, and the
    /// brand whose contract it is. Staff run the stores; the commercial terms are not theirs.
    case viewContracts
    /// Write contracts, and draft, send, revise and make final their statements: the admins.
    case manageContracts
    /// Confirm or dispute a statement sent to the brand (client scope): the brand's viewers only,
    /// not even an admin, who cannot answer for the brand.
    case answerStatements
}

/// The answer to "may this principal do this here?".
public enum AccessDecision: Sendable, Equatable {
    case allow
    /// The principal may see the scope but not do this: 403.
    case forbidden
    /// The principal may not even know the scope exists: 404.
    case notFound
}

/// The one place where access rules live. Every page, API route and CLI action asks it.
public enum AccessPolicy {
    /// Decides whether `principal` may do `permission` within `scope`.
    public static func decide(_ principal: Principal, _ permission: Permission, in scope: AccessScope) -> AccessDecision {
        guard canView(principal, scope) else { return .notFound }
        return isGranted(principal, permission, in: scope) ? .allow : .forbidden
    }

    /// Whether the principal may see the scope at all.
    public static func canView(_ principal: Principal, _ scope: AccessScope) -> Bool {
        guard scope.agencyID == principal.agencyID else { return false }
        switch (principal.kind, scope) {
        case (.agencyAdmin, _):
            return true
        case (.staff, .agency):
            return true
        case (.staff, .client(_, let client)):
            return principal.assignedClientIDs.contains(client)
        case (.staff, .store(_, _, let store)):
            return principal.assignments[store] != nil
        case (.brandViewer, .agency):
            return false
        case (.brandViewer, .client(_, let client)), (.brandViewer, .store(_, let client, _)):
            return principal.clientID == client
        }
    }

    private static func isGranted(_ principal: Principal, _ permission: Permission, in scope: AccessScope) -> Bool {
        switch (principal.kind, permission) {
        case (_, .view):
            return true
        case (_, .answerStatements):
            if case .client = scope { return principal.kind == .brandViewer }
            return false
        case (.agencyAdmin, _):
            return true
        case (.staff, .editStore):
            if case .store(_, _, let store) = scope {
                return principal.assignments[store]?.contains(.storeManager) == true
            }
            return false
        case (.staff, .manageStock):
            if case .client(_, let client) = scope {
                return !(principal.rolesByClient[client] ?? []).isDisjoint(with: [.warehouse, .storeManager])
            }
            return false
        case (.staff, .shipOrders), (.staff, .viewBuyerContact):
            if case .store(_, _, let store) = scope {
                return !(principal.assignments[store] ?? []).isDisjoint(with: [.warehouse, .storeManager])
            }
            return false
        case (.staff, .manageAds):
            if case .store(_, _, let store) = scope {
                return !(principal.assignments[store] ?? []).isDisjoint(with: [.storeManager, .promoter])
            }
            return false
        case (.staff, .handleAlerts):
            if case .store(_, _, let store) = scope { return principal.assignments[store] != nil }
            return false
        case (.staff, .importData):
            switch scope {
            case .store(_, _, let store): return principal.assignments[store]?.contains(.storeManager) == true
            case .client(_, let client): return principal.rolesByClient[client]?.contains(.storeManager) == true
            case .agency: return false
            }
        case (.staff, _):
            return false
        case (.brandViewer, .viewAuditLog):
            // A brand reads its own client's chain, never the agency's.
            if case .client = scope { return true }
            return false
        case (.brandViewer, .viewContracts):
            if case .client = scope { return true }
            return false
        case (.brandViewer, .viewBuyerContact):
            if case .store = scope { return true }
            return false
        case (.brandViewer, _):
            return false
        }
    }
}

/// Which stores and clients a principal may see, as a filter for list queries. Derived from the
/// same rules as `AccessPolicy.canView`, so that lists and single pages never disagree.
public enum Visibility: Sendable, Equatable {
    /// Everything of the agency.
    case agency(ID<Agency>)
    /// These clients and, of them, these stores only.
    case limited(ID<Agency>, clients: Set<ID<Client>>, stores: Set<ID<Store>>?)
}

extension AccessPolicy {
    /// The list filter for a principal.
    public static func visibility(of principal: Principal) -> Visibility {
        switch principal.kind {
        case .agencyAdmin:
            return .agency(principal.agencyID)
        case .staff:
            return .limited(principal.agencyID, clients: principal.assignedClientIDs, stores: Set(principal.assignments.keys))
        case .brandViewer:
            let clients: Set<ID<Client>> = principal.clientID.map { [$0] } ?? []
            return .limited(principal.agencyID, clients: clients, stores: nil)
        }
    }
}
