import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunSandbox
import DaiyunSimulation
import DaiyunTestSupport
import Foundation
import SQLKit
import Testing

/// The order and refund sync, from the sandbox over HTTP through the real client, into SQLite and PostgreSQL.
@Suite("Taobao sync")
struct TaobaoSyncTests {
    static let skus = [
        SimulatedSKU(outerID: "TEE-M", title: "T恤", properties: "尺码:M", price: Money(fen: 9_900)),
        SimulatedSKU(outerID: "COAT", title: "大衣", properties: "颜色:驼色", price: Money(fen: 129_900)),
    ]

    static func shop(now: Date) -> SandboxShop {
        SandboxShop(nick: "s", session: "sess", skus: skus, baseOrdersPerDay: 12, seed: 5, historyDays: 30, now: now)
    }

    static func client(_ endpoint: String, transport: any ChannelTransport = HTTPChannelTransport(), attempts: Int = 3) -> TOPClient {
        TOPClient(
            endpoint: endpoint, credentials: TOPCredentials(appKey: "app", appSecret: "secret", session: "sess"), transport: transport,
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(5)))
    }

    /// Every stored order of the store as `tid status`, sorted, plus the row counts of its tables.
    static func snapshot(_ sql: any SQLDatabase, store: Store) async throws -> (orders: [String], lines: Int, refunds: Int, history: Int) {
        let orders = try await sql.raw("SELECT tid, status FROM orders WHERE store_id = \(bind: store.id.rawValue) ORDER BY tid").all()
            .map { "\(try $0.decode(column: "tid", as: String.self)) \(try $0.decode(column: "status", as: String.self))" }
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE store_id = \(bind: store.id.rawValue)").first()!.decode(
                column: "n", as: Int.self)
        }
        return (orders, try await count("order_lines"), try await count("refunds"), try await count("order_status_history"))
    }

    @Test("a first sync back-fills the shop; syncing the same windows again changes nothing", arguments: TestDatabase.available)
    func backfillAndRepeat(_ database: TestDatabase) async throws {
        let now = Date()
        let shop = Self.shop(now: now)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await withSandbox(gateway, shops: [shop]) { endpoint in
                let sync = TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1)
                let first = try await sync.run(now: now)
                let types = Set(TOPTradeQueries.tradeTypes.split(separator: ",").map(String.init))
                let expected = await shop.trades(modifiedFrom: TOPHistory.earliest(at: now), to: now, types: types)
                #expect(first.orders.counts.inserted == expected.count && expected.count > 100)
                // Whole days, as the platform keeps them: nothing the sandbox holds is left out (those
                // modified in the first hours of the oldest day were, when the back-fill went back
                // exactly 90 × 24 h).
                let kept = await shop.trades(modifiedFrom: .distantPast, to: now, types: types)
                #expect(expected.count == kept.count, "the back-fill reaches every order the platform still answers for")
                #expect(first.orders.windows == Int((now.timeIntervalSince(TOPHistory.earliest(at: now)) / 86_400).rounded(.up)))
                let sql = app.db as! any SQLDatabase
                let before = try await Self.snapshot(sql, store: t.storeA1)
                #expect(before.orders.count == expected.count && before.refunds == first.refunds.counts.inserted && before.refunds > 0)
                let cursor = try #require(try await SyncCursorRepository(database: app.db).cursor(store: t.storeA1.id, kind: "orders"))
                #expect(abs(cursor.syncedUntil.timeIntervalSince(now)) < 0.001 && cursor.lastError == nil)
                // The receiver comes over in TOP's parts and is kept whole, as the shop has it.
                let sample = try #require(expected.first)
                let stored = try await OrderRepository(database: app.db).detail(store: t.storeA1.id, tid: sample.tid)
                #expect(stored?.order.receiver == sample.receiver && !sample.receiver.isEmpty)

                let again = try await sync.run(since: now.addingTimeInterval(-90 * 86_400), now: now)
                // Every report read changed nothing. An order modified on the very second where two
                // windows meet is read in both (the platform keeps whole seconds, both ends count).
                #expect(again.orders.counts.inserted == 0 && again.orders.counts.updated == 0)
                #expect(again.orders.counts.unchanged == again.orders.fetched && again.orders.fetched >= expected.count)
                #expect(again.refunds.counts.inserted == 0 && again.refunds.counts.updated == 0)
                #expect(first.reviews.counts.inserted > 0 && again.reviews.counts.inserted == 0 && again.reviews.counts.updated == 0)
                let bad = try await ReviewRepository(database: app.db).count(store: t.storeA1.id, result: .bad)
                let all = try await ReviewRepository(database: app.db).count(store: t.storeA1.id)
                #expect(all == first.reviews.counts.inserted && bad < all)
                let after = try await Self.snapshot(sql, store: t.storeA1)
                #expect(
                    after.orders == before.orders && after.lines == before.lines && after.refunds == before.refunds
                        && after.history == before.history)
            }
        }
    }

    @Test(
        "the ad report comes over the signed gateway once a day, every level under its attribution, matching the shop's own export",
        arguments: TestDatabase.available)
    func adReports(_ database: TestDatabase) async throws {
        let now = Date()
        let shop = Self.shop(now: now)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await withSandbox(gateway, shops: [shop]) { endpoint in
                let sync = TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1)
                let first = try await sync.run(now: now)
                let today = BusinessDay(containing: now)
                let (from, until) = (BusinessDay(containing: TOPHistory.earliest(at: now)), today.advanced(by: -1))
                let exported = await shop.adRows(from: from, through: until)
                // The shop reports every window, a longer one counting at least the orders of a shorter one.
                #expect(Set(exported.map(\.windowDays)) == Set(AdReportRow.windows))
                let campaign = exported.filter { $0.isCampaignTotal && $0.model == .lastClick && $0.campaignID == "ZTC-001" }
                let lastDay = try #require(campaign.map(\.day).max())
                let byWindow = campaign.filter { $0.day == lastDay }.sorted { $0.windowDays < $1.windowDays }
                    .map { $0.directGMV.fen + $0.indirectGMV.fen }
                #expect(byWindow.count == 5 && byWindow == byWindow.sorted() && byWindow[0] < byWindow[4])
                // Campaign, keyword and crowd rows under last click over 15 days (the default target's attribution).
                let expected = exported.filter { $0.model == .lastClick && $0.windowDays == 15 }
                #expect(first.ads.counts.inserted == expected.count && expected.count > 100)
                let ads = AdReportRepository(database: app.db)
                let totals = try await ads.figures(of: [t.storeA1.id], from: from, through: until)[t.storeA1.id]
                let campaigns = expected.filter(\.isCampaignTotal).map(AdFigures.init).reduce(AdFigures(), +)
                #expect(totals == campaigns && campaigns.cost.fen > 0, "the totals are the campaigns' own rows, to the fen")
                let keywords = try await ads.breakdown(
                    .keyword, store: t.storeA1.id, from: from, through: until, model: .lastClick, window: 15)
                #expect(Set(keywords.map(\.value)) == Set(expected.map(\.keyword).filter { !$0.isEmpty }))
                let budgets = try await ads.budgetDays(store: t.storeA1.id, from: from, through: until)["ztc:ZTC-002"] ?? []
                #expect(
                    !budgets.isEmpty && budgets.allSatisfy { $0.exhaustedMinute != nil }, "the long-tail campaign runs out every afternoon")
                let cursor = try #require(try await SyncCursorRepository(database: app.db).cursor(store: t.storeA1.id, kind: "ads"))
                #expect(cursor.syncedUntil == today.start && cursor.lastError == nil)

                let again = try await sync.run(now: now.addingTimeInterval(60))
                #expect(again.ads.fetched == 0 && again.ads.pages == 0, "read once a day")
            }
        }
    }

    @Test("a change stamped just before the cursor (indexed late) is caught by the overlap", arguments: TestDatabase.available)
    func windowEdge(_ database: TestDatabase) async throws {
        let now = Date()
        let shop = Self.shop(now: now)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await withSandbox(gateway, shops: [shop]) { endpoint in
                _ = await shop.flashSale(outerID: "COAT", count: 1, now: now.addingTimeInterval(-600))
                let sync = TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1)
                _ = try await sync.run(now: now)
                let waiting = await shop.trades(modifiedFrom: now.addingTimeInterval(-601), to: now, types: ["fixed"]).first {
                    $0.status == .waitSellerSendGoods
                }
                let tid = try #require(waiting?.tid)
                // Shipped 20 s before the cursor, but only visible now.
                try await shop.ship(tid: tid, oids: nil, companyCode: "SF", waybill: "SF1", at: now.addingTimeInterval(-20))
                _ = try await sync.run(now: now.addingTimeInterval(30))
                let order = try await OrderRepository(database: app.db).orders([tid], store: t.storeA1.id)[tid]
                #expect(order?.status == .waitBuyerConfirmGoods)
            }
        }
    }

    @Test("trades listed without their sub-orders are read in full through taobao.trade.fullinfo.get", arguments: TestDatabase.available)
    func partialLists(_ database: TestDatabase) async throws {
        let now = Date()
        let shop = SandboxShop(nick: "s", session: "sess", skus: Self.skus, baseOrdersPerDay: 6, seed: 8, historyDays: 3, now: now)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        await gateway.setPartialLists(true)
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await withSandbox(gateway, shops: [shop]) { endpoint in
                let report = try await TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1).run(now: now)
                #expect(report.orders.fetched > 0 && report.orders.details == report.orders.fetched)
                let tids = try await OrderRepository(database: app.db).list(
                    store: t.storeA1.id, filter: OrderFilter(), after: nil, limit: 500
                ).orders.map(\.tid)
                let stored = try await OrderRepository(database: app.db).orders(tids, store: t.storeA1.id)
                // The platform's window bounds are inclusive: a trade changed on the second where one window ends and the
                // next begins is read twice, so reads can exceed the orders stored, never fall short of them.
                #expect(!stored.isEmpty && stored.count <= report.orders.fetched && stored.values.allSatisfy { !$0.lines.isEmpty })
            }
        }
    }

    @Test("a sync killed half-way and resumed loses and duplicates nothing", arguments: TestDatabase.available)
    func killedAndResumed(_ database: TestDatabase) async throws {
        let now = Date()
        let shop = Self.shop(now: now)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withSandbox(gateway, shops: [shop]) { endpoint in
            let clean = try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                _ = try await TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1).run(now: now)
                return try await Self.snapshot(app.db as! any SQLDatabase, store: t.storeA1)
            }
            try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                let killed = TaobaoSync(
                    database: app.db, client: Self.client(endpoint, transport: KilledTransport(after: 57), attempts: 1), store: t.storeA1)
                await #expect(throws: TOPError.self) { try await killed.run(now: now) }
                let cursor = try #require(try await SyncCursorRepository(database: app.db).cursor(store: t.storeA1.id, kind: "orders"))
                #expect(
                    cursor.syncedUntil < now && cursor.lastError != nil, "the cursor stays at the last whole window and shows the error")
                let partial = try await Self.snapshot(app.db as! any SQLDatabase, store: t.storeA1)
                #expect(partial.orders.count < clean.orders.count)

                _ = try await TaobaoSync(database: app.db, client: Self.client(endpoint), store: t.storeA1).run(now: now)
                let resumed = try await Self.snapshot(app.db as! any SQLDatabase, store: t.storeA1)
                #expect(resumed.orders == clean.orders && resumed.lines == clean.lines && resumed.refunds == clean.refunds)
                let error = try await SyncCursorRepository(database: app.db).cursor(store: t.storeA1.id, kind: "orders")?.lastError
                #expect(error == nil)
            }
        }
    }
}
