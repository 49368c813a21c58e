import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// An account the demo creates, printed so that a newcomer can sign in.
public struct DemoAccount: Sendable {
    public var login: String
    public var password: String
    public var description: String
}

/// The demo agency: three brands, five stores on different channels, staff of every role and a
/// brand viewer per brand, each brand with a catalog, stock, a year of orders and refunds, and a
/// contract (`DemoContracts`).
/// Created once; running the demo again changes nothing.
public enum DemoData {
    public static let agencyName = "星河代运营 Xinghe Agency"
    public static let password = "daiyun-demo-2026"

    struct StoreSeed {
        var channel: Channel, shopID: String, name: String, status: StoreStatus, takenOver: String
    }
    struct ClientSeed {
        var name: String, industry: String, viewer: String, stores: [StoreSeed]
    }
    struct StaffSeed {
        var login: String, name: String, roles: [(shopID: String, role: StoreRole)]
    }

    static let clients: [ClientSeed] = [
        ClientSeed(
            name: "花漾美妆 Huayang Beauty", industry: "美妆 Cosmetics", viewer: "huayang.brand",
            stores: [
                StoreSeed(channel: .tmall, shopID: "tm-huayang-001", name: "花漾美妆官方旗舰店", status: .active, takenOver: "2025-03-01"),
                StoreSeed(channel: .douyin, shopID: "dy-huayang-001", name: "花漾美妆抖音旗舰店", status: .active, takenOver: "2025-09-15"),
            ]),
        ClientSeed(
            name: "织锦服饰 Zhijin Apparel", industry: "服饰 Apparel", viewer: "zhijin.brand",
            stores: [
                StoreSeed(channel: .tmall, shopID: "tm-zhijin-001", name: "织锦服饰天猫旗舰店", status: .active, takenOver: "2024-11-01"),
                StoreSeed(channel: .jd, shopID: "jd-zhijin-001", name: "织锦服饰京东旗舰店", status: .onboarding, takenOver: "2026-10-20"),
            ]),
        ClientSeed(
            name: "禾田食品 Hetian Foods", industry: "食品 Food", viewer: "hetian.brand",
            stores: [
                StoreSeed(channel: .pdd, shopID: "pdd-hetian-001", name: "禾田食品拼多多旗舰店", status: .active, takenOver: "2025-06-01")
            ]),
    ]

    static let staff: [StaffSeed] = [
        StaffSeed(login: "li.manager", name: "李店长", roles: [("tm-huayang-001", .storeManager), ("dy-huayang-001", .storeManager)]),
        StaffSeed(
            login: "zhou.manager", name: "周店长",
            roles: [("tm-zhijin-001", .storeManager), ("jd-zhijin-001", .storeManager), ("pdd-hetian-001", .storeManager)]),
        StaffSeed(login: "wang.design", name: "王美工", roles: [("tm-huayang-001", .designer), ("tm-zhijin-001", .designer)]),
        StaffSeed(
            login: "zhao.promo", name: "赵推广",
            roles: [("tm-huayang-001", .promoter), ("dy-huayang-001", .promoter), ("tm-zhijin-001", .promoter)]),
        StaffSeed(
            login: "chen.cs", name: "陈客服", roles: [("tm-huayang-001", .csAgent), ("tm-zhijin-001", .csAgent), ("pdd-hetian-001", .csAgent)]),
        StaffSeed(
            login: "sun.warehouse", name: "孙库管",
            roles: [("tm-zhijin-001", .warehouse), ("jd-zhijin-001", .warehouse), ("pdd-hetian-001", .warehouse)]),
    ]

    /// Creates the demo agency, or finishes it: every step finds what an earlier, interrupted run
    /// made (by name, login, shop id, merchant code) and makes only what is missing, and a store's
    /// year of orders is written in one transaction, so a creation killed at any point is completed
    /// by the next start. Returns the accounts to print. `checkpoint` hears each step's name after
    /// it is done (tests interrupt there). The year of orders ends at `now` (the app's clock's time
    /// when not given).
    public static func ensure(on app: Application, now: Date? = nil, checkpoint: (String) throws -> Void = { _ in }) async throws
        -> [DemoAccount]
    {
        let now = now ?? app.clock()
        let db = app.db
        let tenancy = TenancyRepository(database: db)
        let users = UserRepository(database: db)
        let context = WriteContext(actor: "job:demo", now: now, ids: app.services.ids)
        let agency = try await found(try await tenancy.agency(named: agencyName)) {
            try await tenancy.createAgency(named: agencyName, by: context)
        }
        let hash = try await app.password.async.hash(password)
        func user(_ login: String, _ name: String, _ kind: UserKind, client: ID<Client>? = nil, language: Language = .zhCN) async throws
            -> User
        {
            if let existing = try await users.credentials(login: login) { return existing.user }
            let draft = try UserDraft(
                login: login, displayName: name, kind: kind.rawValue, clientID: client?.description, password: password,
                language: language.rawValue)
            return try await users.createUser(draft, passwordHash: hash, in: agency.id, by: context)
        }
        _ = try await user("admin", "刘总（管理员）", .agencyAdmin)
        try checkpoint("admin")
        var storesByShop: [String: Store] = [:]
        var made: [(viewer: String, client: Client, stores: [Store])] = []
        for seed in clients {
            let client = try await found(try await tenancy.clients(named: seed.name).first { $0.agencyID == agency.id }) {
                try await tenancy.createClient(try ClientDraft(name: seed.name, industry: seed.industry), in: agency.id, by: context)
            }
            var stores: [Store] = []
            for s in seed.stores {
                let store = try await found(
                    try await tenancy.stores(matching: s.shopID).first { $0.shopID == s.shopID && $0.clientID == client.id }
                ) {
                    let draft = try StoreDraft(
                        channel: s.channel.rawValue, shopID: s.shopID, name: s.name, status: s.status.rawValue, takenOverOn: s.takenOver)
                    return try await tenancy.createStore(draft, for: client, by: context)
                }
                storesByShop[s.shopID] = store
                stores.append(store)
            }
            made.append((seed.viewer, client, stores))
            let brand = "\(seed.name.split(separator: " ").first ?? "") 品牌方"
            _ = try await user(seed.viewer, brand, .brandViewer, client: client.id, language: seed.viewer == "zhijin.brand" ? .en : .zhCN)
            try checkpoint("client \(seed.name)")
        }
        for seed in staff {
            let member = try await user(seed.login, seed.name, .staff)
            let held = try await users.assignments(of: member.id)
            for (shop, role) in seed.roles {
                guard let store = storesByShop[shop], !held.contains(where: { $0.storeID == store.id && $0.role == role }) else { continue }
                _ = try await users.assign(member, to: store, as: role, by: context)
            }
        }
        try checkpoint("staff")
        for (_, client, stores) in made {
            try await DemoCatalog.seed(client: client, stores: stores, on: app, now: context.now, checkpoint: checkpoint) {
                app.logger.info("\($0)")
            }
        }
        try await DemoContracts.seed(made, now: now, context: context, on: app)
        try checkpoint("contracts")
        var accounts = [DemoAccount(login: "admin", password: password, description: "agency admin 代运营管理员: every client and store")]
        for seed in staff {
            let roles = Set(seed.roles.map(\.role.rawValue)).sorted().joined(separator: ", ")
            accounts.append(
                DemoAccount(login: seed.login, password: password, description: "staff 员工 (\(roles)) on \(seed.roles.count) stores"))
        }
        for seed in clients {
            accounts.append(DemoAccount(login: seed.viewer, password: password, description: "brand viewer 品牌方 of \(seed.name), read-only"))
        }
        return accounts
    }

    /// What an earlier run made, or a new one.
    static func found<T>(_ existing: T?, else make: () async throws -> T) async throws -> T {
        if let existing { return existing }
        return try await make()
    }
}
