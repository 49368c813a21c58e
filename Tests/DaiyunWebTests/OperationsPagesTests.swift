import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Orders, stock and imports on the web")
struct OperationsPagesTests {
    /// 130 orders one minute apart, through the same writer the importers use.
    static func seedOrders(_ app: Application, _ t: TestTenancy) async throws {
        let context = WriteContext(actor: "job:test", now: Date())
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("seed".utf8), name: "seed", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let start = ShanghaiTime.parse("2026-11-01 00:00:00")!
        var orders: [Order] = []
        for i in 0..<130 {
            let amount = Money(fen: Int64(1000 + i))
            let created = start.addingTimeInterval(Double(i) * 60)
            let status: OrderStatus = i.isMultiple(of: 10) ? .closed : .finished
            let line = OrderLine(
                oid: "\(i)-1", outerSkuID: i.isMultiple(of: 2) ? "EVEN" : "ODD", title: "t", price: amount, quantity: 1, payment: amount,
                status: .finished)
            orders.append(
                Order(
                    storeID: t.storeA1.id, tid: "50000000000000\(String(format: "%05d", i))", status: status,
                    buyerNick: i.isMultiple(of: 7) ? "lucky" : "buyer\(i)", payment: amount, totalFee: amount,
                    createdAt: created, paidAt: created.addingTimeInterval(5), lines: [line]))
        }
        let batch = orders
        _ = try await app.db.transaction {
            try await OrderWriter(database: $0).apply(
                batch, store: t.storeA1, source: source, by: WriteContext(actor: "job:test", now: Date()))
        }
    }

    @Test("the order list pages by cursor through every order once, newest first, and filters", arguments: TestDatabase.available)
    func orderPaging(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seedOrders(app, t)
            let token = try await t.token(for: "designer", on: app)
            let tester = try app.testing()
            var seen: [String] = []
            var next: String? = ""
            while let cursor = next {
                let page = try await tester.sendRequest(
                    .GET, "/api/v1/stores/\(t.storeA1.id)/orders?limit=50" + (cursor.isEmpty ? "" : "&after=\(cursor)"),
                    headers: HTTP.api(token))
                let body = HTTP.object(page)
                seen += (body["items"] as? [[String: Any]] ?? []).map { $0["tid"] as! String }
                next = body["next"] as? String
            }
            #expect(seen.count == 130 && Set(seen).count == 130)
            #expect(seen.first == "5000000000000000129" && seen.last == "5000000000000000000")
            func count(_ query: String) async throws -> Int {
                let page = try await tester.sendRequest(
                    .GET, "/api/v1/stores/\(t.storeA1.id)/orders?limit=500&\(query)", headers: HTTP.api(token))
                return (HTTP.object(page)["items"] as? [Any])?.count ?? -1
            }
            #expect(try await count("status=TRADE_CLOSED") == 13)
            #expect(try await count("buyer=lucky") == 19)
            #expect(try await count("sku=EVEN") == 65)
            #expect(try await count("from=2026-11-01&until=2026-11-01") == 130)
            #expect(try await count("from=2026-11-02") == 0)
            #expect(
                try await tester.sendRequest(.GET, "/api/v1/stores/\(t.storeA1.id)/orders?after=garbage", headers: HTTP.api(token)).status
                    == .unprocessableEntity)

            let browser = BrowserSession(app: app)
            try await browser.signIn("designer", password: TestTenancy.password)
            let html = try await browser.get("/stores/\(t.storeA1.id)/orders?status=TRADE_CLOSED").body.string
            #expect(html.contains("5000000000000000120") && !html.contains("5000000000000000121"))
            let detail = try await browser.get("/stores/\(t.storeA1.id)/orders/5000000000000000120").body.string
            #expect(detail.contains("¥11.20") && detail.contains("/source-records/"))
            #expect(detail.contains("不计库存"), "a line whose SKU has no stock kept does not count against stock")
        }
    }

    @Test(
        "a traffic export imports into a store through the API and the page; into a client it is refused, said in words",
        arguments: TestDatabase.available)
    func trafficImport(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let token = try await t.token(for: "store_manager", on: app)
            let imported = try await app.testing().sendRequest(
                .POST, "/api/v1/imports?kind=traffic&target=store:\(t.storeA1.id)&name=traffic.xlsx", headers: HTTP.api(token),
                body: ByteBuffer(data: try Fixture.data("traffic.xlsx")))
            #expect(imported.status == .created, "\(imported.body.string.prefix(300))")
            #expect((HTTP.object(imported)["batch"] as? [String: Any])?["inserted"] as? Int == 2)
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let refused = try await manager.upload(
                "/imports/preview", ["kind": "traffic", "target": "client:\(t.clientA1.id)"],
                file: ("file", "traffic-utf8.csv", try Fixture.data("traffic-utf8.csv")))
            #expect(refused.status == .seeOther)
            let said = try await manager.get("/imports").body.string
            #expect(said.contains("导入到：这类文件须导入到店铺"), "the target named and the rule said in words")
            let preview = try await manager.upload(
                "/imports/preview", ["kind": "traffic", "target": "store:\(t.storeA1.id)"],
                file: ("file", "traffic-utf8.csv", try Fixture.data("traffic-utf8.csv")))
            #expect(preview.status == .ok && preview.body.string.contains("跳失率"), "the bad rows are previewed by column")
        }
    }

    @Test("a source record downloads for those who see its store only", arguments: TestDatabase.available)
    func sourceRecords(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let admin = try await t.token(for: "admin", on: app)
            let tester = try app.testing()
            let imported = try await tester.sendRequest(
                .POST, "/api/v1/imports?kind=orders&target=store:\(t.storeA1.id)&name=o.csv", headers: HTTP.api(admin),
                body: ByteBuffer(data: try Fixture.data("orders-gb18030.csv")))
            #expect(imported.status == .created)
            let recordID = try #require((HTTP.object(imported)["batch"] as? [String: Any])?["source_record_id"] as? String)
            let mine = try await tester.sendRequest(
                .GET, "/api/v1/source-records/\(recordID)", headers: HTTP.api(try await t.token(for: "viewerA1", on: app)))
            let original = try Fixture.data("orders-gb18030.csv")
            #expect(mine.status == .ok && Data(buffer: mine.body) == original)
            #expect(mine.headers.first(name: "X-Content-SHA256") == Hex.sha256(original))
            for other in ["viewerA2", "adminB"] {
                let response = try await tester.sendRequest(
                    .GET, "/api/v1/source-records/\(recordID)", headers: HTTP.api(try await t.token(for: other, on: app)))
                #expect(response.status == .notFound, "\(other) may not read another store's raw input")
            }
        }
    }

    @Test("warehouse staff receive and count stock on the page; a designer may not", arguments: TestDatabase.available)
    func stockPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Date())
            _ = try await ImportService(database: app.db).run(
                try Fixture.data("catalog-utf8-bom.csv"), name: "c.csv", kind: .catalog, mode: .skipBadRows,
                target: ImportTarget(client: t.clientA1, store: nil), by: context)
            let warehouse = try await CatalogRepository(database: app.db).createWarehouse(
                code: "HZ", name: "杭州仓", for: t.clientA1, by: context)
            let sku = try #require(try await CatalogRepository(database: app.db).sku(outerID: "HY-CREAM-50", client: t.clientA1.id))

            let keeper = BrowserSession(app: app)
            try await keeper.signIn("warehouse", password: TestTenancy.password)
            let page = try await keeper.get("/clients/\(t.clientA1.id)/stock").body.string
            #expect(page.contains("HY-CREAM-50") && page.contains("/stock/changes"))
            #expect(page.contains(#"<td class="nowrap counted" data-label="上次盘点">—</td>"#), "no stock entered: never counted")
            let fields = [
                "sku_id": sku.id.uuidString.lowercased(), "warehouse_id": warehouse.id.uuidString.lowercased(), "kind": "receipt",
                "quantity": "12", "reason": "到货",
            ]
            #expect(try await keeper.post("/clients/\(t.clientA1.id)/stock/changes", fields).status == .seeOther)
            try await keeper.get("/clients/\(t.clientA1.id)/stock")
            try await keeper.post("/clients/\(t.clientA1.id)/safety-stock", ["channel": "tmall", "quantity": "2"])
            let after = try await keeper.get("/clients/\(t.clientA1.id)/stock").body.string
            let row = try #require(
                after.components(separatedBy: "data-sku=\"HY-CREAM-50\"").dropFirst().first?.components(separatedBy: "</tr>").first)
            #expect(row.contains(#"<td class="num on-hand" data-label="在库">12</td>"#))
            #expect(
                row.contains(#"<td class="nowrap counted" data-label="上次盘点">\#(ShanghaiTime.format(context.now).prefix(4))"#),
                "the first receipt dates the count")
            let token = try await t.token(for: "warehouse", on: app)
            let api = HTTP.object(
                try await app.testing().sendRequest(.GET, "/api/v1/clients/\(t.clientA1.id)/stock", headers: HTTP.api(token)))
            let item = try #require((api["items"] as? [[String: Any]])?.first { $0["outer_id"] as? String == "HY-CREAM-50" })
            #expect(
                (item["counted_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil, "the API gives the count time")
            #expect(
                row.components(separatedBy: #"class="num available" data-label="可售">"#).dropFirst().map {
                    String($0.prefix(while: { $0 != "<" }))
                } == [
                    "12", "10",
                ], "columns jd then tmall: tmall holds 2 back, jd does not")
            let bad = try await keeper.post("/clients/\(t.clientA1.id)/stock/changes", fields.merging(["quantity": "lots"]) { $1 })
            #expect(bad.status == .seeOther)
            #expect(try await keeper.get("/clients/\(t.clientA1.id)/stock").body.string.contains("数量：必须是整数"))

            let designer = BrowserSession(app: app)
            try await designer.signIn("designer", password: TestTenancy.password)
            let view = try await designer.get("/clients/\(t.clientA1.id)/stock")
            #expect(view.status == .ok && !view.body.string.contains("/stock/changes"))
            try await designer.get("/clients/\(t.clientA1.id)/stock")
            #expect(try await designer.post("/clients/\(t.clientA1.id)/stock/changes", fields).status == .forbidden)
            #expect(try await InventoryRepository(database: app.db).pool(sku: sku.id)!.onHand == 12)
        }
    }

    @Test("an upload previews each bad row, then imports in the chosen mode", arguments: TestDatabase.available)
    func uploadFlow(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            try await manager.get("/imports")
            let preview = try await manager.upload(
                "/imports/preview", ["kind": "orders", "target": "store:\(t.storeA1.id)", "mode": "all"],
                file: ("file", "bad.csv", try Fixture.data("orders-malformed.csv")))
            let html = preview.body.string
            #expect(preview.status == .ok && html.contains(#"<dd id="rows-read">7</dd>"#) && html.contains(#"<dd id="good-rows">2</dd>"#))
            #expect(html.contains("九十九") && html.contains("GB18030"))
            #expect(
                html.contains("不是以元为单位的金额：九十九") && !html.contains("is not an amount"),
                "a Chinese page says why a row is refused in Chinese")
            let sourceID = try #require(html.components(separatedBy: #"name="source_id" value=""#).dropFirst().first?.prefix(36))
                .description
            #expect(try await OrderRepository(database: app.db).count(store: t.storeA1.id) == 0, "a preview writes no order")

            let rejected = try await manager.post(
                "/imports", ["source_id": sourceID, "kind": "orders", "target": "store:\(t.storeA1.id)", "mode": "all"])
            let rejectedPage = try await manager.get(try #require(rejected.headers.first(name: .location))).body.string
            let countAfterRejection = try await OrderRepository(database: app.db).count(store: t.storeA1.id)
            #expect(rejectedPage.contains("已拒绝") && countAfterRejection == 0)
            try await manager.get("/imports")
            let kept = try await manager.post(
                "/imports", ["source_id": sourceID, "kind": "orders", "target": "store:\(t.storeA1.id)", "mode": "skip"])
            #expect(
                try await manager.get(try #require(kept.headers.first(name: .location))).body.string.contains(#"<dd id="inserted">2</dd>"#))
            #expect(try await OrderRepository(database: app.db).count(store: t.storeA1.id) == 2)

            // Another agency's admin cannot import this upload by naming its record.
            let outsider = BrowserSession(app: app)
            try await outsider.signIn("adminb", password: TestTenancy.password)
            try await outsider.get("/imports")
            let foreign = try await outsider.post(
                "/imports", ["source_id": sourceID, "kind": "orders", "target": "store:\(t.storeB.id)", "mode": "skip"])
            let foreignOrders = try await OrderRepository(database: app.db).count(store: t.storeB.id)
            #expect(foreign.status == .seeOther && foreignOrders == 0)
            // Nor can a store manager import an upload made into a store they do not see.
            let adminToken = try await t.token(for: "admin", on: app)
            let elsewhere = try await app.testing().sendRequest(
                .POST, "/api/v1/imports?kind=orders&target=store:\(t.storeA2.id)&name=a2.csv",
                headers: HTTP.api(adminToken), body: ByteBuffer(data: try Fixture.data("orders-gb18030.csv")))
            let a2Source = try #require((HTTP.object(elsewhere)["batch"] as? [String: Any])?["source_record_id"] as? String)
            try await manager.get("/imports")
            let borrowed = try await manager.post(
                "/imports", ["source_id": a2Source, "kind": "orders", "target": "store:\(t.storeA1.id)", "mode": "skip"])
            #expect(borrowed.status == .notFound)

            let designer = BrowserSession(app: app)
            try await designer.signIn("designer", password: TestTenancy.password)
            try await designer.get("/imports")
            let refused = try await designer.upload(
                "/imports/preview", ["kind": "orders", "target": "store:\(t.storeA1.id)"], file: ("file", "x.csv", Data("a".utf8)))
            #expect(refused.status == .forbidden)
        }
    }

    @Test(
        "a store manager edits a SKU's prices and maps it to a channel listing; bad prices and strangers are refused",
        arguments: TestDatabase.available)
    func catalogEdit(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Date())
            _ = try await ImportService(database: app.db).run(
                try Fixture.data("catalog-utf8-bom.csv"), name: "c.csv", kind: .catalog, mode: .skipBadRows,
                target: ImportTarget(client: t.clientA1, store: nil), by: context)
            let sku = try #require(try await CatalogRepository(database: app.db).sku(outerID: "HY-SERUM-30", client: t.clientA1.id))
            let path = "/clients/\(t.clientA1.id)/catalog/skus/\(sku.id.uuidString.lowercased())"
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            #expect(try await manager.get(path).status == .ok)
            let fields = [
                "outer_id": "HY-SERUM-30", "properties": "规格:30ml", "barcode": "690", "list_price": "109.00", "floor_price": "89.90",
                "cost": "21",
            ]
            #expect(try await manager.post(path, fields).status == .seeOther)
            let saved = try #require(try await CatalogRepository(database: app.db).sku(sku.id))
            #expect(saved.listPrice == Money(fen: 10_900) && saved.floorPrice == Money(fen: 8_990) && saved.cost == Money(fen: 2_100))
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            let auditPage = try await admin.get("/audit?chain=client:\(t.clientA1.id)").body.string
            #expect(auditPage.contains(">修改 SKU<") && auditPage.contains("售价："), "the entry in words")
            #expect(auditPage.contains("→ ¥109.00") && !auditPage.contains("listPrice"), "amounts in yuan, fields by their names")
            try await manager.get(path)
            try await manager.post(path, fields.merging(["floor_price": "200"]) { $1 })
            #expect(try await manager.get(path).body.string.contains("最低价：不能高于售价"))
            try await manager.post(path, fields.merging(["list_price": "1.999"]) { $1 })
            #expect(try await manager.get(path).body.string.contains("售价：金额格式应为元"))
            #expect(
                try #require(try await CatalogRepository(database: app.db).sku(sku.id)).floorPrice == Money(fen: 8_990),
                "refused edits changed nothing")
            try await manager.post(
                path + "/listings",
                ["store_id": t.storeA1.id.description, "channel_item_id": "612345678901", "channel_sku_id": "4987654321"])
            let page = try await manager.get(path).body.string
            #expect(page.contains("612345678901") && page.contains("4987654321"))
            try await manager.post(
                path + "/listings", ["store_id": t.storeA2.id.description, "channel_item_id": "1", "channel_sku_id": ""])
            #expect(try await manager.get(path).body.string.contains("店铺：引用的对象不存在或不可见"))
            #expect(
                try await CatalogRepository(database: app.db).listings(of: t.clientA1.id)[sku.id]?.count == 1,
                "another client's store is refused")
            let audit = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)").map(\.action)
            #expect(audit.contains("sku.update") && audit.contains("listing.create"))

            let designer = BrowserSession(app: app)
            try await designer.signIn("designer", password: TestTenancy.password)
            #expect(try await designer.get(path).status == .forbidden)
            let stranger = BrowserSession(app: app)
            try await stranger.signIn("adminb", password: TestTenancy.password)
            #expect(try await stranger.get(path).status == .notFound)
        }
    }
}
