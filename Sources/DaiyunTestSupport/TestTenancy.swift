import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// Two agencies with clients, stores and an account of every kind and role, for access tests.
///
/// Agency A: clients `clientA1` (stores `storeA1`, `storeA1b`) and `clientA2` (store `storeA2`).
/// Staff of every role are assigned to `storeA1` only; `spare` is staff assigned nowhere.
/// `viewerA1` is the brand viewer of clientA1.
/// Agency B: client `clientB` with store `storeB`, its admin and brand viewer.
public struct TestTenancy: Sendable {
    public static let password = "test-password-123"

    public var agencyA: Agency
    public var agencyB: Agency
    public var clientA1: Client
    public var clientA2: Client
    public var clientB: Client
    public var storeA1: Store
    public var storeA1b: Store
    public var storeA2: Store
    public var storeB: Store
    /// Accounts by name: admin, store_manager, designer, promoter, cs_agent, warehouse, spare, viewerA1,
    /// viewerA2, adminB, viewerB.
    public var users: [String: User]

    public subscript(_ name: String) -> User { users[name]! }

    /// Creates the fixture through the same repositories the app uses (so it is audited too).
    public static func create(on app: Application) async throws -> TestTenancy {
        let db = app.db
        let context = WriteContext(actor: "job:test-fixture", now: Date())
        let tenancy = TenancyRepository(database: db)
        let userRepo = UserRepository(database: db)
        let hash = try await app.password.async.hash(password)

        let agencyA = try await tenancy.createAgency(named: "Agency A", by: context)
        let agencyB = try await tenancy.createAgency(named: "Agency B", by: context)
        let clientA1 = try await tenancy.createClient(
            try ClientDraft(name: "Client A1", industry: "cosmetics"), in: agencyA.id, by: context)
        let clientA2 = try await tenancy.createClient(try ClientDraft(name: "Client A2", industry: "food"), in: agencyA.id, by: context)
        let clientB = try await tenancy.createClient(try ClientDraft(name: "Client B", industry: "apparel"), in: agencyB.id, by: context)
        func store(_ client: Client, _ shop: String, _ channel: Channel) async throws -> Store {
            try await tenancy.createStore(
                try StoreDraft(channel: channel.rawValue, shopID: shop, name: "Store \(shop)", status: "active", takenOverOn: "2026-01-05"),
                for: client, by: context)
        }
        let storeA1 = try await store(clientA1, "a1", .tmall)
        let storeA1b = try await store(clientA1, "a1b", .jd)
        let storeA2 = try await store(clientA2, "a2", .pdd)
        let storeB = try await store(clientB, "b", .douyin)

        var users: [String: User] = [:]
        func add(_ name: String, _ kind: UserKind, agency: Agency, client: Client? = nil) async throws -> User {
            let draft = try UserDraft(
                login: name.lowercased(), displayName: name, kind: kind.rawValue, clientID: client?.id.description, password: password,
                language: nil)
            let user = try await userRepo.createUser(draft, passwordHash: hash, in: agency.id, by: context)
            users[name] = user
            return user
        }
        _ = try await add("admin", .agencyAdmin, agency: agencyA)
        for role in StoreRole.allCases {
            let user = try await add(role.rawValue, .staff, agency: agencyA)
            _ = try await userRepo.assign(user, to: storeA1, as: role, by: context)
        }
        _ = try await add("spare", .staff, agency: agencyA)
        _ = try await add("viewerA1", .brandViewer, agency: agencyA, client: clientA1)
        _ = try await add("viewerA2", .brandViewer, agency: agencyA, client: clientA2)
        _ = try await add("adminB", .agencyAdmin, agency: agencyB)
        _ = try await add("viewerB", .brandViewer, agency: agencyB, client: clientB)
        return TestTenancy(
            agencyA: agencyA, agencyB: agencyB, clientA1: clientA1, clientA2: clientA2, clientB: clientB,
            storeA1: storeA1, storeA1b: storeA1b, storeA2: storeA2, storeB: storeB, users: users
        )
    }

    /// An API token for the account, created the way a user creates one.
    public func token(for name: String, on app: Application) async throws -> String {
        let context = WriteContext(actor: "user:\(self[name].login)", now: Date())
        return try await APITokenRepository(database: app.db).create(named: "test", for: self[name], by: context).secret
    }
}
