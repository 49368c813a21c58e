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

                // The shipment sent counts for the warehouse person, in the store's promised time.
                let kpis = try await StaffKPIRepository(database: app.db).kpis(
                    of: t.agencyA.id, from: Date().addingTimeInterval(-3_600), to: Date().addingTimeInterval(60))
                let figures = try #require(kpis["user:" + t["warehouse"].login])
                #expect(figures.shipments == 1 && figures.shipmentsInTime == 1)
                let admin = BrowserSession(app: app)
                try await admin.signIn("admin", password: TestTenancy.password)
                #expect(try await admin.get("/staff/workload").body.string.contains("1 / 1（100.00%）"))
                #expect(try await browser.get("/staff/workload").status == .forbidden, "the team's figures are the admins'")
            }
        }
    }

    @Test(
        "batch shipping: waybills typed and pasted ship each order through its own job; bad lines are listed, the rest ship",
        arguments: TestDatabase.available)
    func batch(_ database: TestDatabase) async throws {
        let shop = SandboxShop(
            nick: "s", session: "sess", skus: Self.skus, baseOrdersPerDay: 0, seed: 2, historyDays: 0, pace: .init(ordersPerMinute: 0))
        let gateway = SandboxGateway(apps: ["app": "secret"], shops: [shop])
        try await withSandbox(gateway, shops: [shop]) { endpoint in
            try await withTestApp(database) { app in
                let t = try await TestTenancy.create(on: app)
                try await app.channelConnections.connect(
                    ChannelConnection(storeID: t.storeA1.id, endpoint: endpoint, appKey: "app", appSecret: "secret", session: "sess"),
                    store: t.storeA1, by: WriteContext(actor: "user:test", now: Date()))
                #expect(await shop.flashSale(outerID: "TEE-M", count: 3) == 3)
                let runner = JobRunner(database: app.db, worker: "t", logger: Logger(label: "t"), registry: app.jobRegistry)
                _ = try await runner.pass(now: Date())
                let tids = try await OrderRepository(database: app.db).list(
                    store: t.storeA1.id, filter: OrderFilter(toShip: true), after: nil, limit: 10
                ).orders.map(\.tid).sorted()
                #expect(tids.count == 3)

                let browser = BrowserSession(app: app)
                try await browser.signIn(t["warehouse"].login, password: TestTenancy.password)
                let page = try await browser.get("/stores/\(t.storeA1.id)/shipments/batch").body.string
                #expect(tids.allSatisfy { page.contains("name=\"waybill-\($0)\"") })
                let answer = try await browser.post(
                    "/stores/\(t.storeA1.id)/shipments/batch",
                    [
                        "company_code": "ZTO", "pasted": "\(tids[0])\tZT1000000001\n\(tids[1]) bad!\n99999999 ZT1000000009\njust-one-field",
                        "waybill-\(tids[2])": "ZT1000000003",
                    ])
                #expect(answer.status == .unprocessableEntity)
                let body = answer.body.string
                #expect(body.contains("<strong>2</strong>"), "two orders shipped")
                #expect(body.contains("运单号：须同时包含字母和数字") || body.contains("运单号："), "the bad waybill's line says why")
                #expect(body.contains("99999999") && body.contains("引用的对象不存在或不可见"), "an order not in the store")
                #expect(body.contains("应为两项"), "a line with one field")
                let shipments = try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[0])
                #expect(shipments.map(\.waybill) == ["ZT1000000001"] && shipments.map(\.companyCode) == ["ZTO"])
                #expect(try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[1]).isEmpty)
                #expect(try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[2]).count == 1)
                let waiting = try await browser.get("/stores/\(t.storeA1.id)/shipments/batch").body.string
                #expect(
                    !waiting.contains("name=\"waybill-\(tids[0])\"") && waiting.contains("name=\"waybill-\(tids[1])\"")
                        && waiting.contains("发货中"), "a shipped order waits for its job, without a field")
                // The jobs send them, one at a time per store and after any sync that holds the store's lock;
                // the orders ship in Daiyun as on the order page.
                for _ in 0..<20 {
                    let sent =
                        try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[0])
                        + ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[2])
                    if sent.allSatisfy({ $0.status == "sent" }) { break }
                    _ = try await runner.pass(now: Date())
                }
                #expect(await shop.shipments.filter { $0.companyCode == "ZTO" }.count == 2, "both reached the channel")
                let sent =
                    try await ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[0])
                    + ShipmentRepository(database: app.db).shipments(store: t.storeA1.id, tid: tids[2])
                let jobs = try await JobQueue(database: app.db).jobs(store: t.storeA1.id).map {
                    "\($0.kind.rawValue) \($0.status.rawValue) \($0.attempts) run at \($0.runAt) \($0.lastError ?? "")"
                }
                #expect(sent.map(\.status) == ["sent", "sent"], "jobs: \(jobs)")
                let actions = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)").map(\.action)
                #expect(actions.filter { $0 == "order.ship" }.count == 2, "each shipment audited")

                let cs = BrowserSession(app: app)
                try await cs.signIn(t["cs_agent"].login, password: TestTenancy.password)
                #expect(try await cs.get("/stores/\(t.storeA1.id)/shipments/batch").status == .forbidden)
            }
        }
    }

    @Test(
        "a waybill file ships its good rows and lists the bad by line; a file too long or not text ships nothing",
        arguments: TestDatabase.available)
    func waybillFile(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await WorkbenchTests.seed(app, t)
            // Connected, so that shipments are recorded; no job runs here to send them.
            try await app.channelConnections.connect(
                ChannelConnection(storeID: t.storeA1.id, endpoint: "http://127.0.0.1:9", appKey: "app", appSecret: "secret", session: "s"),
                store: t.storeA1, by: WriteContext(actor: "user:test", now: Date()))
            let browser = BrowserSession(app: app)
            try await browser.signIn(t["warehouse"].login, password: TestTenancy.password)
            let path = "/stores/\(t.storeA1.id)/shipments/batch"
            _ = try await browser.get(path)
            func upload(_ data: Data) async throws -> TestingHTTPResponse {
                try await browser.upload(path, ["company_code": "ZTO"], file: ("file", "waybills.csv", data))
            }
            let shipments = ShipmentRepository(database: app.db)

            let tooLong = "订单编号,运单号\r\n" + (0...1000).map { "\(100_000 + $0),ZT\(1_000_000_000 + $0)\r\n" }.joined()
            let refusedWhole = try await upload(Data(tooLong.utf8))
            #expect(refusedWhole.status == .unprocessableEntity && refusedWhole.body.string.contains("一次最多 1000 行"))
            let png = try await upload(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]))
            #expect(png.status == .unprocessableEntity && png.body.string.contains("文件："))
            #expect(try await shipments.shipments(store: t.storeA1.id, tid: "9001").isEmpty, "nothing shipped yet")

            let file = "订单编号,物流公司,运单号\r\n9001,中通,ZT1000000001\r\n9004,中通,\r\n"
            let answer = try await upload(file.data(using: String.Encoding(rawValue: 0x8000_0632))!)
            let body = answer.body.string
            #expect(answer.status == .unprocessableEntity && body.contains("<strong>1</strong>"), "one order shipped")
            #expect(body.contains("<td class=\"num\">3</td>") && body.contains("运单号："), "line 3's empty waybill, by its column")
            #expect(try await shipments.shipments(store: t.storeA1.id, tid: "9001").map(\.waybill) == ["ZT1000000001"])
            #expect(try await shipments.shipments(store: t.storeA1.id, tid: "9004").isEmpty)
        }
    }
}
