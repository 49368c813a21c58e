import DaiyunCore
import Foundation
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    static let agency = ID<Agency>(UUID())
    static let otherAgency = ID<Agency>(UUID())
    static let ownClient = ID<Client>(UUID())
    static let otherClient = ID<Client>(UUID())
    static let ownStore = ID<Store>(UUID())
    static let otherStore = ID<Store>(UUID())

    enum Target: String, CaseIterable { case ownStore, otherStore, otherAgency }

    static func scope(_ target: Target) -> AccessScope {
        switch target {
        case .ownStore: .store(agency, ownClient, ownStore)
        case .otherStore: .store(agency, otherClient, otherStore)
        case .otherAgency: .store(otherAgency, ID(UUID()), ID(UUID()))
        }
    }

    static func principal(_ kind: UserKind, role: StoreRole? = nil) -> Principal {
        switch kind {
        case .agencyAdmin: Principal(userID: ID(UUID()), agencyID: agency, kind: .agencyAdmin)
        case .staff:
            Principal(
                userID: ID(UUID()), agencyID: agency, kind: .staff, assignments: [ownStore: [role!]], rolesByClient: [ownClient: [role!]])
        case .brandViewer: Principal(userID: ID(UUID()), agencyID: agency, kind: .brandViewer, clientID: ownClient)
        }
    }

    static let everyone: [(String, Principal)] =
        [("admin", principal(.agencyAdmin))]
        + StoreRole.allCases.map { ($0.rawValue, principal(.staff, role: $0)) }
        + [("brand viewer", principal(.brandViewer))]

    @Test(
        "viewing a store: admins everywhere in their agency, others only their own, nobody across agencies",
        arguments: everyone, Target.allCases)
    func viewStore(_ who: (String, Principal), _ target: Target) {
        let expected: AccessDecision =
            switch (who.1.kind, target) {
            case (_, .otherAgency): .notFound
            case (.agencyAdmin, _): .allow
            case (_, .ownStore): .allow
            case (_, .otherStore): .notFound
            }
        #expect(AccessPolicy.decide(who.1, .view, in: Self.scope(target)) == expected, "\(who.0) on \(target)")
    }

    @Test("editing a store: admins and that store's manager; others who can see it get 403", arguments: everyone, Target.allCases)
    func editStore(_ who: (String, Principal), _ target: Target) {
        let principal = who.1
        let expected: AccessDecision =
            switch (principal.kind, target) {
            case (_, .otherAgency): .notFound
            case (.agencyAdmin, _): .allow
            case (_, .otherStore): .notFound
            case (.staff, .ownStore): principal.assignments[Self.ownStore]!.contains(.storeManager) ? .allow : .forbidden
            case (.brandViewer, .ownStore): .forbidden
            }
        #expect(AccessPolicy.decide(principal, .editStore, in: Self.scope(target)) == expected, "\(who.0) on \(target)")
    }

    @Test("managing clients and staff is for admins only", arguments: everyone)
    func adminOnly(_ who: (String, Principal)) {
        for permission in [Permission.manageClients, .manageStaff] {
            let decision = AccessPolicy.decide(who.1, permission, in: .agency(Self.agency))
            switch who.1.kind {
            case .agencyAdmin: #expect(decision == .allow)
            case .staff: #expect(decision == .forbidden)
            case .brandViewer: #expect(decision == .notFound, "a brand viewer does not see the agency")
            }
        }
    }

    @Test("a brand reads its own client's audit chain, never the agency's or another client's")
    func brandAudit() {
        let viewer = Self.principal(.brandViewer)
        #expect(AccessPolicy.decide(viewer, .viewAuditLog, in: .client(Self.agency, Self.ownClient)) == .allow)
        #expect(AccessPolicy.decide(viewer, .viewAuditLog, in: .client(Self.agency, Self.otherClient)) == .notFound)
        #expect(AccessPolicy.decide(viewer, .viewAuditLog, in: .agency(Self.agency)) == .notFound)
        let staff = Self.principal(.staff, role: .storeManager)
        #expect(AccessPolicy.decide(staff, .viewAuditLog, in: .client(Self.agency, Self.ownClient)) == .forbidden)
    }

    @Test("stock is managed by admins and by warehouse staff and store managers of the client's stores", arguments: everyone)
    func manageStock(_ who: (String, Principal)) {
        let own = AccessPolicy.decide(who.1, .manageStock, in: .client(Self.agency, Self.ownClient))
        let other = AccessPolicy.decide(who.1, .manageStock, in: .client(Self.agency, Self.otherClient))
        let roles = who.1.rolesByClient[Self.ownClient] ?? []
        switch who.1.kind {
        case .agencyAdmin: #expect(own == .allow && other == .allow)
        case .staff:
            #expect(own == (roles.contains(.warehouse) || roles.contains(.storeManager) ? .allow : .forbidden) && other == .notFound)
        case .brandViewer: #expect(own == .forbidden && other == .notFound)
        }
    }

    @Test("imports are for admins and the store's managers", arguments: everyone, Target.allCases)
    func importData(_ who: (String, Principal), _ target: Target) {
        let decision = AccessPolicy.decide(who.1, .importData, in: Self.scope(target))
        let expected: AccessDecision =
            switch (who.1.kind, target) {
            case (_, .otherAgency): .notFound
            case (.agencyAdmin, _): .allow
            case (_, .otherStore): .notFound
            case (.staff, .ownStore): who.1.assignments[Self.ownStore]!.contains(.storeManager) ? .allow : .forbidden
            case (.brandViewer, .ownStore): .forbidden
            }
        #expect(decision == expected, "\(who.0) on \(target)")
    }

    @Test("ROI targets are set by admins and the store's managers and promoters", arguments: everyone, Target.allCases)
    func ads(_ who: (String, Principal), _ target: Target) {
        let expected: AccessDecision =
            switch (who.1.kind, target) {
            case (_, .otherAgency): .notFound
            case (.agencyAdmin, _): .allow
            case (_, .otherStore): .notFound
            case (.staff, .ownStore): who.1.assignments[Self.ownStore]!.isDisjoint(with: [.storeManager, .promoter]) ? .forbidden : .allow
            case (.brandViewer, .ownStore): .forbidden
            }
        #expect(AccessPolicy.decide(who.1, .manageAds, in: Self.scope(target)) == expected, "\(who.0) on \(target)")
    }

    @Test(
        "contracts: admins read and write them, the brand reads its own and alone answers its statements, staff do not see them",
        arguments: everyone)
    func contracts(_ who: (String, Principal)) {
        let (own, other) = (AccessScope.client(Self.agency, Self.ownClient), AccessScope.client(Self.agency, Self.otherClient))
        let elsewhere = AccessScope.client(Self.otherAgency, Self.otherClient)
        let expected: [Permission: (own: AccessDecision, other: AccessDecision)] =
            switch who.1.kind {
            case .agencyAdmin:
                [.viewContracts: (.allow, .allow), .manageContracts: (.allow, .allow), .answerStatements: (.forbidden, .forbidden)]
            case .staff:
                [
                    .viewContracts: (.forbidden, .notFound), .manageContracts: (.forbidden, .notFound),
                    .answerStatements: (.forbidden, .notFound),
                ]
            case .brandViewer:
                [.viewContracts: (.allow, .notFound), .manageContracts: (.forbidden, .notFound), .answerStatements: (.allow, .notFound)]
            }
        for (permission, want) in expected {
            #expect(AccessPolicy.decide(who.1, permission, in: own) == want.own, "\(who.0) \(permission) own")
            #expect(AccessPolicy.decide(who.1, permission, in: other) == want.other, "\(who.0) \(permission) other")
            #expect(AccessPolicy.decide(who.1, permission, in: elsewhere) == .notFound, "\(who.0) \(permission) other agency")
        }
    }

    @Test("list visibility follows the same rules as single views")
    func visibility() {
        #expect(AccessPolicy.visibility(of: Self.principal(.agencyAdmin)) == .agency(Self.agency))
        #expect(
            AccessPolicy.visibility(of: Self.principal(.staff, role: .designer))
                == .limited(Self.agency, clients: [Self.ownClient], stores: [Self.ownStore]))
        #expect(AccessPolicy.visibility(of: Self.principal(.brandViewer)) == .limited(Self.agency, clients: [Self.ownClient], stores: nil))
    }
}
