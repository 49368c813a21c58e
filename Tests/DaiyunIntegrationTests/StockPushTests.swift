import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import DaiyunSandbox
import DaiyunSimulation
import DaiyunTestSupport
import Foundation
import Logging
import Testing

/// Stock pushed to the channel: set outright once, then moved by deltas that keep the sales the
/// channel took meanwhile; a burst of changes is one push.
@Suite("Stock push")
struct StockPushTests {
    @Test("a burst of changes is one push per listing, and a sale the channel took meanwhile is kept", arguments: TestDatabase.available)
    func push(_ database: TestDatabase) async throws {
        let shop = SandboxShop(
            nick: "s", session: "sess", skus: TaobaoSyncTests.skus, baseOrdersPerDay: 8, seed: 4, historyDays: 10,
            pace: .init(ordersPerMinute: 0), stock: 999)
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withSandbox(gateway, shops: [shop]) { endpoint in
            try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                let context = WriteContext(actor: "user:test", now: Date())
                let catalog = CatalogRepository(database: app.db)
                let inventory = InventoryRepository(database: app.db)
                let warehouse = try await catalog.createWarehouse(code: "W1", name: "主仓", for: t.clientA1, by: context)
                let drafts = try TaobaoSyncTests.skus.map {
                    try SKUDraft(outerID: $0.outerID, properties: $0.properties, listPrice: $0.price, floorPrice: $0.price, cost: .zero)
                }
                let (_, skus) = try await catalog.createProduct(
                    try ProductDraft(title: "T恤", category: "服饰"), skus: drafts, for: t.clientA1, by: context)
                for sku in skus {
                    _ = try await inventory.change(
                        .stocktake, sku: sku.id, warehouse: warehouse.id, quantity: 2_000, reason: "盘点", client: t.clientA1, by: context)
                }
                try await app.channelConnections.connect(
                    ChannelConnection(storeID: t.storeA1.id, endpoint: endpoint, appKey: "app", appSecret: "secret", session: "sess"),
                    store: t.storeA1, by: context)
                let runner = JobRunner(database: app.db, worker: "t", logger: Logger(label: "t"), registry: .channels(app))
                let queue = JobQueue(database: app.db)
                let pushKey = "stock_push:\(t.storeA1.id.rawValue)"
                var now = Date()
                _ = try await runner.pass(now: now)  // the sync: orders reserve stock, listings are learned
                #expect(try await queue.isActive(key: pushKey), "stock moved: a push is queued")

                func availableNow() async throws -> [String: Int] {
                    Dictionary(
                        uniqueKeysWithValues: try await inventory.stock(of: t.clientA1.id).map { ($0.outerID, $0.onHand - $0.reserved) })
                }
                now = now.addingTimeInterval(3)
                let ran = try await runner.pass(now: now)
                #expect(ran.contains { $0.kind == .stockPush })
                let listings = await shop.listings
                let firstPush = try await queue.jobs(store: t.storeA1.id).first { $0.kind == .stockPush }
                #expect(firstPush?.status == .done && firstPush?.result == "2 listings pushed", "\(String(describing: firstPush))")
                let reserved = try await inventory.stock(of: t.clientA1.id)
                for listing in listings {
                    let level = try #require(reserved.first { $0.outerID == listing.outerID })
                    #expect(listing.quantity == level.onHand - level.reserved, "the channel shows what may be sold")
                }

                // A burst: five receipts of one SKU make one push, one call.
                for _ in 0..<5 {
                    _ = try await inventory.change(
                        .receipt, sku: skus[0].id, warehouse: warehouse.id, quantity: 10, reason: "到货", client: t.clientA1,
                        by: WriteContext(actor: "user:test", now: Date()))
                }
                now = now.addingTimeInterval(1)
                _ = try await runner.pass(now: now)
                let queuedPushes = try await queue.jobs(store: t.storeA1.id).filter { $0.kind == .stockPush && $0.status == .queued }
                #expect(queuedPushes.count == 1)
                // Meanwhile the channel sells one unit of that SKU, not yet synced.
                #expect(await shop.flashSale(outerID: skus[0].outerID, count: 1) == 1)
                let callsBefore = await gateway.callCount
                now = now.addingTimeInterval(3)
                _ = try await runner.pass(now: now)
                let pushCalls = await gateway.callCount - callsBefore
                #expect(pushCalls >= 1 && pushCalls <= 3, "one quantity update (plus a sync's pages if due): \(pushCalls)")
                let expected = try await availableNow()[skus[0].outerID]!
                #expect(
                    await shop.listings.first { $0.outerID == skus[0].outerID }?.quantity == expected - 1,
                    "the unsynced sale is not overwritten")

                // Once the sale syncs, Daiyun and the channel agree and nothing more is pushed.
                _ = try await TaobaoSync(
                    database: app.db,
                    client: TOPClient(connection: try #require(try await app.channelConnections.connection(store: t.storeA1.id))),
                    store: t.storeA1
                ).run()
                #expect(try await availableNow()[skus[0].outerID]! == expected - 1)
                #expect(try await StockPushPlanner(database: app.db).plan(store: t.storeA1, now: Date()).isEmpty)
            }
        }
    }
}
