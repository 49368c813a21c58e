import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunSandbox
import DaiyunSimulation
import Foundation
import Vapor

/// The platform sandbox as the demo runs it: one app key, and a living shop for each demo
/// Tmall store with its brand's catalog. The shops' history starts on a fixed day, so a
/// restarted sandbox serves the same orders under the same numbers.
public struct DemoSandbox: Sendable {
    public static let appKey = "daiyun-demo-app"
    /// A demo secret, printed by `daiyun demo`: the sandbox only ever runs on this machine.
    public static let appSecret = "daiyun-demo-sandbox-secret"
    static let historyDays = TOPHistory.days
    static let anchor = BusinessDay("2025-01-01")!

    public let gateway: SandboxGateway
    public let shops: [SandboxShop]
    /// The demo's DingTalk robot: the sandbox receives its messages as DingTalk would.
    public static let robotToken = "daiyun-demo-robot"
    public static let robotSecret = "SECdaiyun-demo-robot-secret"
    public let robots = RobotReceiver(dingTalk: [robotToken: robotSecret])

    public init(ordersPerMinute: Double = 6, callsPerSecond: Int = 100, now: Date = Date()) {
        var shops: [SandboxShop] = []
        for (index, client) in DemoData.clients.enumerated() {
            let skus = (DemoCatalog.items[client.name] ?? []).flatMap { item in
                item.skus.map { SimulatedSKU(outerID: $0.outer, title: item.title, properties: $0.properties, price: Money(fen: $0.price)) }
            }
            for store in client.stores where store.channel == .tmall {
                shops.append(
                    SandboxShop(
                        nick: store.shopID, session: Self.session(store.shopID), skus: skus, baseOrdersPerDay: 24,
                        seed: UInt64(index + 1), historyDays: Self.historyDays, anchor: Self.anchor,
                        pace: .init(ordersPerMinute: ordersPerMinute), now: now))
            }
        }
        self.shops = shops
        gateway = SandboxGateway(apps: [Self.appKey: Self.appSecret], shops: shops, callsPerSecond: callsPerSecond)
    }

    static func session(_ shopID: String) -> String { "sandbox-session-\(shopID)" }

    /// Whether the sandbox simulates this demo store.
    static func simulates(_ store: Store) -> Bool {
        store.channel == .tmall && DemoData.clients.contains { $0.stores.contains { $0.shopID == store.shopID } }
    }

    /// Serves the sandbox on `port` in this process, with its shops living; stop it with `stop`.
    public func start(host: String, port: Int) async throws -> Running {
        let app = try await Application.make(.production)
        app.logger.logLevel = .warning
        SandboxServer.routes(app, gateway: gateway, shops: shops)
        robots.routes(app)
        try await app.server.start(address: .hostname(host, port: port))
        let shops = self.shops
        return Running(app: app, living: Task { await SandboxServer.live(shops) })
    }

    /// A sandbox serving in this process.
    public struct Running: Sendable {
        let app: Application
        let living: Task<Void, Never>

        public func stop() async {
            living.cancel()
            await app.server.shutdown()
            try? await app.asyncShutdown()
        }
    }

    /// Connects the demo Tmall stores to the sandbox at `endpoint` (again when the address
    /// changed), syncing every `every` seconds. Returns the stores connected.
    public static func connectStores(on app: Application, endpoint: String, every: Int = 10) async throws -> [Store] {
        let tenancy = TenancyRepository(database: app.db)
        let connections = app.channelConnections
        var connected: [Store] = []
        let shopIDs = DemoData.clients.flatMap { $0.stores.filter { $0.channel == .tmall }.map(\.shopID) }
        for shopID in shopIDs {
            for store in try await tenancy.stores(matching: shopID) where store.shopID == shopID && simulates(store) {
                let wanted = ChannelConnection(
                    storeID: store.id, endpoint: endpoint, appKey: appKey, appSecret: appSecret,
                    session: session(store.shopID), signMethod: "hmac-sha256", syncEverySeconds: every)
                // A connection sealed under a key since lost is made again.
                if (try? await connections.connection(store: store.id)) != wanted {
                    try await connections.connect(wanted, store: store, by: app.writeContext(actor: "job:demo"))
                }
                connected.append(store)
            }
        }
        return connected
    }

    /// Downloads each connected store's 生意参谋 export and ad report of the days the sandbox sells on (through
    /// yesterday) from the sandbox at `base`, and imports it as a user would: the same file again
    /// changes nothing.
    public static func importTraffic(on app: Application, base: String, stores: [Store], now: Date) async throws {
        let tenancy = TenancyRepository(database: app.db)
        let today = BusinessDay(containing: now)
        let (first, last) = (today.advanced(by: -historyDays), today.advanced(by: -1))
        for store in stores {
            guard let client = try await tenancy.client(store.clientID) else { continue }
            let nick = store.shopID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? store.shopID
            for (file, kind, name) in [("traffic.csv", ImportKind.traffic, "生意参谋"), ("ads.csv", .ads, "推广报表")] {
                let response = try await app.client.get(URI(string: "\(base)/sandbox/shops/\(nick)/\(file)?from=\(first)&until=\(last)"))
                guard response.status == .ok, let body = response.body else { continue }
                _ = try await ImportService(database: app.db).run(
                    Data(buffer: body), name: "\(name)-\(store.shopID)-\(first)-\(last).csv", kind: kind, mode: .skipBadRows,
                    target: ImportTarget(client: client, store: store), by: app.writeContext(actor: "job:demo"))
            }
        }
    }

    /// Syncs each store's orders and refunds from the sandbox once, now, as its first background
    /// sync would: the demo's statements are settled on the whole year.
    public static func syncOnce(on app: Application, stores: [Store]) async throws {
        for store in stores {
            guard let connection = try await app.channelConnections.connection(store: store.id) else { continue }
            var sync = TaobaoSync(database: app.db, client: TOPClient(connection: connection), store: store)
            (sync.clock, sync.ids) = (app.clock, app.ids)
            _ = try await sync.run(since: nil, now: app.clock()) { _ in }
        }
    }

    /// Gives the first demo brand a DingTalk robot posting to the sandbox at `base` (again when the
    /// address changed), so that the demo's alerts are delivered as they would be to a group.
    public static func connectRobot(on app: Application, base: String) async throws {
        guard let seed = DemoData.clients.first,
            let client = try await TenancyRepository(database: app.db).clients(named: seed.name).first
        else { return }
        let robots = RobotRepository(database: app.db, secrets: app.secrets)
        let webhook = "\(base)/robot/send?access_token=\(robotToken)"
        let context = app.writeContext(actor: "job:demo")
        for robot in try await robots.robots(of: client.id) where robot.webhook != webhook { try await robots.remove(robot, by: context) }
        guard try await robots.robots(of: client.id).isEmpty else { return }
        _ = try await robots.add(
            Robot(
                id: app.services.ids.random(), agencyID: client.agencyID, clientID: client.id, storeID: nil, kind: .dingtalk,
                name: "花漾运营群（演示）", webhook: webhook, secret: robotSecret, language: .zhCN), by: context)
    }
}
