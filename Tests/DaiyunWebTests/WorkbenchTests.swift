import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("The workbench")
struct WorkbenchTests {
    /// 2026-12-02 10:00 in Shanghai.
    static let now = ShanghaiTime.parse("2026-12-02 10:00:00")!

    /// In store a1: two orders paid today (one waiting to ship), one paid yesterday, one paid 49 hours
    /// ago still unshipped (overdue), and a refund waiting for the seller.
    static func seed(_ app: Application, _ t: TestTenancy) async throws {
        let context = WriteContext(actor: "job:test", now: now)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("seed".utf8), name: "seed", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        func order(_ tid: String, _ status: OrderStatus, paidHoursAgo hours: Double, fen: Int64, buyer: String) -> Order {
            let paid = now.addingTimeInterval(-hours * 3600)
            let line = OrderLine(
                oid: tid + "1", outerSkuID: "SKU", title: "面霜", price: Money(fen: fen), quantity: 1, payment: Money(fen: fen),
                status: status)
            return Order(
                storeID: t.storeA1.id, tid: tid, status: status, buyerNick: buyer, payment: Money(fen: fen), totalFee: Money(fen: fen),
                createdAt: paid.addingTimeInterval(-60), paidAt: paid, modifiedAt: paid, lines: [line])
        }
        let orders = [
            order("9001", .waitSellerSendGoods, paidHoursAgo: 1, fen: 129_900, buyer: "a"),
            order("9002", .waitBuyerConfirmGoods, paidHoursAgo: 2, fen: 100_000, buyer: "b"),
            order("9003", .finished, paidHoursAgo: 20, fen: 5_000, buyer: "c"),
            order("9004", .waitSellerSendGoods, paidHoursAgo: 49, fen: 8_800, buyer: "d"),
        ]
        let refund = Refund(
            storeID: t.storeA1.id, refundID: "R9", tid: "9003", oid: "90031", status: .waitSellerAgree, phase: .aftersale,
            refundFee: Money(fen: 5_000), createdAt: now.addingTimeInterval(-600), modifiedAt: now.addingTimeInterval(-600))
        try await app.db.transaction { tx in
            _ = try await OrderWriter(database: tx).apply(orders, store: t.storeA1, source: source, by: context)
            _ = try await RefundWriter(database: tx).apply([refund], store: t.storeA1, source: source, by: context)
        }
    }

    @Test("each role's workbench shows its sections with the counts from the orders", arguments: TestDatabase.available)
    func roles(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            func home(_ login: String) async throws -> String {
                let session = BrowserSession(app: app)
                try await session.signIn(login, password: TestTenancy.password)
                let page = try await session.get("/")
                #expect(page.status == .ok)
                return page.body.string
            }
            let admin = try await home("admin")
            // Today: 9001 and 9002 (¥2,299.00, 2 buyers); yesterday 9003; 9004 two days ago.
            #expect(admin.contains("title=\"¥2,299.00\""), "today's GMV, with separators")
            #expect(admin.contains("昨日 ¥50.00"))
            #expect(admin.contains("id=\"shipping\"") && admin.contains("id=\"refunds\"") && admin.contains("id=\"reviews\""))
            #expect(admin.contains("其中超时 1"), "9004, paid 49 hours ago, is past the 48-hour promise")
            #expect(admin.contains("/stores/\(t.storeA1.id)/orders?to_ship=1&amp;overdue=1"))
            #expect(admin.contains("等待卖家同意"), "the refund's status in words")

            let warehouse = try await home("warehouse")
            #expect(warehouse.contains("id=\"shipping\"") && warehouse.contains("9004") && warehouse.contains("已超时"))
            #expect(!warehouse.contains("id=\"figures\"") && !warehouse.contains("id=\"refunds\""), "no sales or refunds for the warehouse")

            let cs = try await home("cs_agent")
            #expect(cs.contains("id=\"refunds\"") && cs.contains("9003"))
            #expect(!cs.contains("id=\"shipping\"") && !cs.contains("id=\"figures\""))

            let promoter = try await home("promoter")
            #expect(promoter.contains("id=\"figures\"") && !promoter.contains("id=\"shipping\""))

            let brand = try await home("viewera1")
            #expect(brand.contains("id=\"figures\"") && brand.contains("本月累计"), "a brand compares today with its month")
            #expect(!brand.contains("id=\"shipping\"") && !brand.contains("id=\"refunds\"") && !brand.contains("Store a2"))

            let other = try await home("viewera2")
            #expect(other.contains("Store a2") && !other.contains("¥2,299.00"), "another brand sees none of a1's figures")

            let header = try await home("warehouse")
            #expect(header.contains("· 库管"), "the header names the role")
            #expect(!cs.contains(#"href="/imports""#) && admin.contains(#"href="/imports""#), "the import menu only for who may import")
            let session = BrowserSession(app: app)
            try await session.signIn("cs_agent", password: TestTenancy.password)
            let imports = try await session.get("/imports").body.string
            #expect(imports.contains(#"id="cannot-import""#) && !imports.contains(#"id="upload""#), "says why there is no form")
        }
    }

    @Test("the overdue link lists exactly the overdue orders; a bad filter value is refused, naming it", arguments: TestDatabase.available)
    func filters(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            let session = BrowserSession(app: app)
            try await session.signIn("warehouse", password: TestTenancy.password)
            let overdue = try await session.get("/stores/\(t.storeA1.id)/orders?to_ship=1&overdue=1").body.string
            #expect(overdue.contains("9004") && !overdue.contains("9001"))
            let toShip = try await session.get("/stores/\(t.storeA1.id)/orders?to_ship=1").body.string
            #expect(toShip.contains("9004") && toShip.contains("9001") && !toShip.contains("9002"))

            let bogus = try await session.get("/stores/\(t.storeA1.id)/orders?status=bogus")
            #expect(bogus.status == .unprocessableEntity && bogus.body.string.contains("状态"))
            let token = try await t.token(for: "warehouse", on: app)
            let tester = try app.testing()
            for query in ["status=bogus", "from=2026-13-01", "to_ship=yes", "after=nonsense"] {
                let answer = try await tester.sendRequest(.GET, "/api/v1/stores/\(t.storeA1.id)/orders?\(query)", headers: HTTP.api(token))
                #expect(answer.status == .unprocessableEntity, "\(query)")
                #expect(
                    HTTP.object(answer)["field"] as? String == String(query.prefix(while: { $0 != "=" })), "\(query) names its parameter")
            }
        }
    }

    @Test(
        "a warning level set on the stock page is audited and puts the SKU on the warehouse's workbench", arguments: TestDatabase.available)
    func stockWarning(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Self.now)
            let catalog = CatalogRepository(database: app.db)
            let (_, skus) = try await catalog.createProduct(
                try ProductDraft(title: "保湿面霜", category: "美妆"),
                skus: [try SKUDraft(outerID: "HY-50", listPrice: Money(fen: 100), floorPrice: Money(fen: 50), cost: Money(fen: 10))],
                for: t.clientA1, by: context)
            let warehouse = try await catalog.createWarehouse(code: "HZ", name: "杭州仓", for: t.clientA1, by: context)
            _ = try await InventoryRepository(database: app.db).change(
                .receipt, sku: skus[0].id, warehouse: warehouse.id, quantity: 10, reason: "到货", client: t.clientA1, by: context)
            let keeper = BrowserSession(app: app)
            try await keeper.signIn("warehouse", password: TestTenancy.password)
            #expect(!(try await keeper.get("/").body.string.contains("id=\"low-stock\"")), "10 available, no warning level")
            try await keeper.get("/clients/\(t.clientA1.id)/stock")
            let set = try await keeper.post(
                "/clients/\(t.clientA1.id)/stock/warnings", ["sku_id": skus[0].id.uuidString.lowercased(), "warn_at": "12"])
            #expect(set.status == .seeOther)
            let home = try await keeper.get("/").body.string
            #expect(home.contains("id=\"low-stock\"") && home.contains("HY-50"))
            let entries = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)")
            #expect(entries.last?.action == "stock_warning.set" && entries.last?.actor == "user:warehouse")
            try await keeper.get("/clients/\(t.clientA1.id)/stock")
            let bad = try await keeper.post(
                "/clients/\(t.clientA1.id)/stock/warnings", ["sku_id": skus[0].id.uuidString.lowercased(), "warn_at": "-1"])
            #expect(bad.status == .seeOther)
            #expect(try await keeper.get("/clients/\(t.clientA1.id)/stock").body.string.contains("预警值"))
            #expect(try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)").count == entries.count)

            let designer = BrowserSession(app: app)
            try await designer.signIn("designer", password: TestTenancy.password)
            try await designer.get("/clients/\(t.clientA1.id)/stock")
            let refused = try await designer.post(
                "/clients/\(t.clientA1.id)/stock/warnings", ["sku_id": skus[0].id.uuidString.lowercased(), "warn_at": "1"])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("an order's goods total is its lines' price × quantity, apart from the postage", arguments: TestDatabase.available)
    func goodsTotal(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let context = WriteContext(actor: "job:test", now: Self.now)
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("o".utf8), name: "o", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
            ).record.id
            // As the order report gives it: 总金额 ¥67 holds the ¥8 postage beside the ¥59 line.
            let line = OrderLine(
                oid: "88011", outerSkuID: "X", title: "面霜", price: Money(fen: 5_900), quantity: 1, payment: Money(fen: 6_700),
                status: .waitSellerSendGoods)
            let order = Order(
                storeID: t.storeA1.id, tid: "8801", status: .waitSellerSendGoods, buyerNick: "b", payment: Money(fen: 6_700),
                postFee: Money(fen: 800), totalFee: Money(fen: 6_700), createdAt: Self.now, paidAt: Self.now, lines: [line])
            // From the order report alone: no lines.
            var bare = order
            (bare.tid, bare.lines) = ("8802", [])
            let orders = [order, bare]
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(orders, store: t.storeA1, source: source, by: context)
            }
            let session = BrowserSession(app: app)
            try await session.signIn("admin", password: TestTenancy.password)
            let withoutLines = try await session.get("/stores/\(t.storeA1.id)/orders/8802").body.string
            #expect(withoutLines.contains(#"id="no-lines""#) && withoutLines.contains("宝贝报表"), "says how to fix it")
            let draft = #expect(throws: ValidationError.self) {
                try ShipmentDraft(companyCode: "SF", waybill: "SF1234567890", oids: [], order: bare)
            }
            #expect(draft?.rule == .orderHasNoLines)
            let page = try await session.get("/stores/\(t.storeA1.id)/orders/8801").body.string
            #expect(page.contains("<dt>商品总额</dt><dd>¥59.00</dd>") && page.contains("<dt>运费</dt><dd>¥8.00</dd>"))
            #expect(page.contains(#"<dd id="payment">¥67.00</dd>"#))
        }
    }

    @Test(
        "orders are found by number across the stores one may see, counted and summed as filtered, and exported with their lines",
        arguments: TestDatabase.available)
    func searchCountExport(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let found = try await manager.get("/orders/search?q=9004")
            #expect(found.headers.first(name: .location) == "/stores/\(t.storeA1.id)/orders/9004", "one order opens at once")
            let byBuyer = try await manager.get("/orders/search?q=a").body.string
            // Order links, not bare digits: a random token or id on the page may hold "9002".
            #expect(byBuyer.contains("/orders/9001\"") && !byBuyer.contains("/orders/9002\""), "a buyer's orders")
            let stranger = BrowserSession(app: app)
            try await stranger.signIn("viewera2", password: TestTenancy.password)
            #expect(try await stranger.get("/orders/search?q=9004").body.string.contains("没有订单号或买家"), "not in stores one cannot see")

            let toShip = try await manager.get("/stores/\(t.storeA1.id)/orders?to_ship=1").body.string
            #expect(toShip.contains("共 2 单 · 实付合计 ¥1,387.00"), "9001 ¥1,299.00 and 9004 ¥88.00")
            let one = try await manager.get("/stores/\(t.storeA1.id)/orders?tid=9002").body.string
            #expect(one.contains("共 1 单") && one.contains("9002") && !one.contains(">9001<"))

            let export = try await manager.get("/stores/\(t.storeA1.id)/orders.csv?to_ship=1")
            #expect(export.headers.contentType?.description.contains("text/csv") == true)
            let bytes = Array(export.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM, for Excel")
            let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
            #expect(csv.first?.hasPrefix("订单编号,订单状态,买家,实付金额") == true)
            #expect(
                csv.dropFirst().map { $0.split(separator: ",")[0] }.sorted() == ["9001", "9004"], "the filter's orders, one row per line")
            #expect(csv.contains { $0.contains("9001,买家已付款，待发货,a,1299.00") })
            let gbk = try await manager.get("/stores/\(t.storeA1.id)/orders.csv?encoding=gb18030")
            #expect(gbk.headers.contentType?.description.contains("gb18030") == true)
            #expect(try await stranger.get("/stores/\(t.storeA1.id)/orders.csv").status == .notFound)
        }
    }
}
