import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import DaiyunSandbox
import DaiyunSimulation
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Logging
import Testing
import Vapor
import VaporTesting

/// Shipping from the order page: recorded, sent to the channel by a job, reflected on the order;
/// a refusal by the channel is shown, not dropped.
@Suite("Shipping")
struct ShippingTests {
    static let skus = [SimulatedSKU(outerID: "TEE-M", title: "T恤", properties: "尺码:M", price: Money(fen: 9_900))]

    @Test(
        "an order shipped from the page reaches the channel and ships in Daiyun; the channel's refusal is shown",
        arguments: TestDatabase.available)
    func ship(_ database: TestDatabase) async throws {
        let shop = SandboxShop(
            nick: "s", session: "sess", skus: Self.skus, baseOrdersPerDay: 0, seed: 1, historyDays: 0, pace: .init(ordersPerMinute: 0))
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withSandbox(gateway, shops: [shop]) { endpoint in
            try await withTestApp(database) { app in
                let t = try await TestTenancy.create(on: app)
                let context = WriteContext(actor: "user:test", now: Date())
                try await app.channelConnections.connect(
                    ChannelConnection(storeID: t.storeA1.id, endpoint: endpoint, appKey: "app", appSecret: "secret", session: "sess"),
                    store: t.storeA1, by: context)
                #expect(await shop.flashSale(outerID: "TEE-M", count: 2) == 2)
                let runner = JobRunner(database: app.db, worker: "t", logger: Logger(label: "t"), registry: app.jobRegistry)
                _ = try await runner.pass(now: Date())
                let orders = try await OrderRepository(database: app.db).list(
                    store: t.storeA1.id, filter: OrderFilter(), after: nil, limit: 10
                ).orders
                #expect(orders.count == 2)
                let first = orders[0].tid
                let second = orders[1].tid

                let browser = BrowserSession(app: app)
                try await browser.signIn(t["warehouse"].login, password: TestTenancy.password)
                let page = try await browser.get("/stores/\(t.storeA1.id)/orders/\(first)").body.string
                #expect(page.contains("id=\"ship-form\""))
                let refused = try await browser.post(
                    "/stores/\(t.storeA1.id)/orders/\(first)/shipments", ["company_code": "SF", "waybill": "bad waybill"])
                let none = try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: first)
                #expect(refused.status == .seeOther && none.isEmpty)
                #expect(
                    try await browser.post(
                        "/stores/\(t.storeA1.id)/orders/\(first)/shipments", ["company_code": "SF", "waybill": "SF1234567890"]
                    ).status == .seeOther)
                #expect(
                    try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: first).map(\.status) == ["pending"])

                // The channel ships the second order by itself before Daiyun's shipment reaches it.
                try await shop.ship(tid: second, oids: nil, companyCode: "ZTO", waybill: "ZTO0001", at: Date())
                #expect(
                    try await browser.post(
                        "/stores/\(t.storeA1.id)/orders/\(second)/shipments", ["company_code": "YTO", "waybill": "YT9876543210"]
                    ).status == .seeOther)

                _ = try await runner.pass(now: Date())
                let sent = try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: first)
                #expect(sent.map(\.status) == ["sent"])
                #expect(await shop.shipments.contains { $0.tid == first && $0.waybill == "SF1234567890" && $0.companyCode == "SF" })
                let shipped = try await OrderRepository(database: app.db).orders([first], store: t.storeA1.id)[first]
                #expect(shipped?.status == .waitBuyerConfirmGoods && shipped?.consignedAt != nil)
                let shippedPage = try await browser.get("/stores/\(t.storeA1.id)/orders/\(first)").body.string
                #expect(shippedPage.contains("shipment-sent") && !shippedPage.contains("id=\"ship-form\""))

                let failed = try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: second)
                #expect(failed.map(\.status) == ["failed"] && failed[0].error?.contains("不允许发货") == true)
                let job = try await JobQueue(database: app.db).jobs(store: t.storeA1.id).first { $0.kind == .ship && $0.status == .dead }
                #expect(job != nil, "a refusal is a dead job a person sees")
                #expect(try await browser.get("/stores/\(t.storeA1.id)/orders/\(second)").body.string.contains("shipment-failed"))

                let audit = try await AuditLogRepository(database: app.db).allEntries(in: AuditChainKey.client(t.clientA1.id).description)
                #expect(audit.filter { $0.action == "order.ship" }.count == 2)
            }
        }
    }
}
