import DaiyunCore
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DaiyunPersistence
@testable import DaiyunWeb

@Suite("Dashboards")
struct DashboardWebTests {
    static let now = ShanghaiTime.parse("2026-11-05 10:00:00")!
    static let period = "from=2026-11-01&until=2026-11-03"

    /// Store a1 over 1–3 November: ¥150.00 from buyers a and b on the 1st, ¥30.00 from a on
    /// the 2nd, ¥20.00 from c on the 3rd; traffic on the first two days, the export's 支付金额 one
    /// yuan above the orders on the 2nd. Returns the traffic's source record.
    static func seed(_ app: Application, _ t: TestTenancy) async throws -> UUID {
        let context = WriteContext(actor: "job:test", now: now)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("traffic".utf8), name: "traffic.csv", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        func order(_ tid: String, buyer: String, paid: String, fen: Int64, sku: String) -> Order {
            let paidAt = ShanghaiTime.parse(paid)!
            return Order(
                storeID: t.storeA1.id, tid: tid, status: .waitSellerSendGoods, buyerNick: buyer, payment: Money(fen: fen),
                totalFee: Money(fen: fen), createdAt: paidAt.addingTimeInterval(-60), paidAt: paidAt, modifiedAt: paidAt,
                lines: [
                    OrderLine(
                        oid: tid + "1", outerSkuID: sku, title: sku, price: Money(fen: fen), quantity: 1, payment: Money(fen: fen),
                        status: .waitSellerSendGoods)
                ])
        }
        let orders = [
            order("7001", buyer: "a", paid: "2026-11-01 10:00:00", fen: 10_000, sku: "HY-A"),
            order("7002", buyer: "b", paid: "2026-11-01 23:59:59", fen: 5_000, sku: "HY-B"),
            order("7003", buyer: "a", paid: "2026-11-02 00:00:00", fen: 3_000, sku: "HY-A"),
            order("7004", buyer: "c", paid: "2026-11-03 12:00:00", fen: 2_000, sku: "HY-C"),
        ]
        let traffic = [
            TrafficDay(
                storeID: t.storeA1.id, day: BusinessDay("2026-11-01")!, visitors: 100, dsrDescription: 48_000, dsrService: 47_000,
                dsrLogistics: 49_000, reportedPayment: Money(fen: 15_000)),
            TrafficDay(storeID: t.storeA1.id, day: BusinessDay("2026-11-02")!, visitors: 50, reportedPayment: Money(fen: 3_100)),
        ]
        try await app.db.transaction { tx in
            _ = try await OrderWriter(database: tx).apply(orders, store: t.storeA1, source: source, by: context)
            _ = try await TrafficRepository(database: tx).apply(traffic, store: t.storeA1, source: source, by: context)
            // ¥10.00 back on the first HY-A order, completed on the 3rd.
            let refund = Refund(
                storeID: t.storeA1.id, refundID: "F7001", tid: "7001", oid: "70011", status: .success, phase: .aftersale,
                refundFee: Money(fen: 1_000), createdAt: ShanghaiTime.parse("2026-11-03 09:00:00")!,
                modifiedAt: ShanghaiTime.parse("2026-11-03 10:00:00")!)
            _ = try await RefundWriter(database: tx).apply([refund], store: t.storeA1, source: source, by: context)
            // ¥40.00 of 直通车 on the 1st bringing ¥130.00 (last click, 15 days); a multi-touch row of the same day stays apart.
            let ads = [AttributionModel.lastClick, .multiTouch].map { model in
                AdReportRow(
                    storeID: t.storeA1.id, day: BusinessDay("2026-11-01")!, product: .ztc, campaignID: "C1", campaignName: "面霜拉新",
                    model: model, windowDays: 15, impressions: 4_000, clicks: 80, cost: Money(fen: 4_000), directOrders: 2,
                    directGMV: Money(fen: model == .lastClick ? 13_000 : 99_000))
            }
            _ = try await AdReportRepository(database: tx).apply(ads, store: t.storeA1, source: source, by: context)
        }
        return source
    }

    @Test(
        "the store dashboard shows the period's totals, its charts and days, each figure linked to its rows",
        arguments: TestDatabase.available)
    func page(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let source = try await Self.seed(app, t)
            app.setClock { Self.now }
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            let page = try await admin.get("/stores/\(t.storeA1.id)/dashboard?\(Self.period)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("title=\"¥200.00\""), "the period's GMV, exact in its tooltip")
            #expect(html.contains("<td class=\"num\" data-label=\"支付买家\">3</td>"), "a, b and c: a counted once over the period")
            #expect(html.contains(">2.00%<"), "3 buyers on the days with traffic over 150 visitors")
            #expect(html.contains("<title>11-01 本期：¥150.00</title>"), "a point's exact value in its tooltip")
            #expect(html.contains("/stores/\(t.storeA1.id)/orders?paid=2026-11-01"), "a day's orders behind its GMV")
            #expect(html.contains("/source-records/\(source.uuidString.lowercased())"), "a day's traffic links to its file")
            #expect(html.contains("class=\"num differs\" data-label=\"差额\">¥1.00<"), "the export's 支付金额 differs on the 2nd")
            #expect(html.contains("HY-A") && html.contains("¥130.00"), "the SKU ranking")
            #expect(html.contains("4.8000"), "the DSR")
            #expect(html.contains("title=\"¥40.00\"") && html.contains(">3.25<"), "the ad spend and its ROI under last click")
            #expect(html.contains("面霜拉新") && html.contains("末次点击 · 15 天") && html.contains("多触点 · 15 天"), "each attribution its own line")
            #expect(html.components(separatedBy: "<svg").count - 1 == 8, "eight charts")

            // The orders behind a day's GMV: the list sums to it.
            let day = try await admin.get("/stores/\(t.storeA1.id)/orders?paid=2026-11-01")
            #expect(day.body.string.contains("7001") && day.body.string.contains("7002") && !day.body.string.contains("7003"))
            #expect(day.body.string.contains("¥150.00"))

            let english = BrowserSession(app: app)
            try await english.signIn("viewera1", password: TestTenancy.password)
            _ = try await english.post("/language", ["language": "en"])
            let brand = try await english.get("/stores/\(t.storeA1.id)/dashboard?\(Self.period)")
            #expect(brand.status == .ok && brand.body.string.contains("Paying buyers") && !brand.body.string.contains("支付买家"))
        }
    }

    @Test("brand viewers and staff see the dashboards of the stores they may see; any other answers 404", arguments: TestDatabase.available)
    func access(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            _ = try await Self.seed(app, t)
            app.setClock { Self.now }
            let cases: [(String, Store, UInt)] = [
                ("viewerA1", t.storeA1, 200), ("viewerA1", t.storeA2, 404), ("viewerB", t.storeA1, 404), ("admin", t.storeA2, 200),
                ("adminB", t.storeA1, 404),
            ]
            for (login, store, status) in cases {
                let session = BrowserSession(app: app)
                try await session.signIn(login.lowercased(), password: TestTenancy.password)
                for path in ["dashboard", "dashboard.csv", "dashboard.xlsx"] {
                    let code = try await session.get("/stores/\(store.id)/\(path)").status.code
                    #expect(code == status, "\(login) \(path) of \(store.shopID): \(code)")
                }
                let token = try await t.token(for: login, on: app)
                let api = try await app.testing().sendRequest(.GET, "/api/v1/stores/\(store.id)/dashboard", headers: HTTP.api(token))
                #expect(api.status.code == status, "\(login) API of \(store.shopID)")
            }
            let session = BrowserSession(app: app)
            try await session.signIn("viewera1", password: TestTenancy.password)
            let overview = try await session.get("/overview").body.string
            #expect(overview.contains(t.storeA1.name) && !overview.contains(t.storeA2.name) && !overview.contains(t.storeB.name))
            // The figures link to the store's dashboard and ads over the overview's period (the 7 days before today).
            #expect(overview.contains("href=\"/stores/\(t.storeA1.id)/dashboard?from=2026-10-29&amp;until=2026-11-04\" title=\"¥"))
            #expect(overview.contains("href=\"/stores/\(t.storeA1.id)/ads?from=2026-10-29&amp;until=2026-11-04\""))
        }
    }

    @Test(
        "the dashboard's tables download as CSV with a BOM and as XLSX; its figures read the same from the API",
        arguments: TestDatabase.available)
    func files(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            _ = try await Self.seed(app, t)
            app.setClock { Self.now }
            let session = BrowserSession(app: app)
            try await session.signIn("admin", password: TestTenancy.password)
            let csv = try await session.get("/stores/\(t.storeA1.id)/dashboard.csv?table=days&\(Self.period)")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 4 && lines[0].hasPrefix("日期,支付订单,成交额"))
            #expect(lines[2].hasPrefix("2026-11-02,1,30.00,1,") && lines[2].contains(",31.00,1.00,"))
            let skus = try await session.get("/stores/\(t.storeA1.id)/dashboard.csv?table=skus&\(Self.period)").body.string
            #expect(skus.contains("1,HY-A,,2,130.00,1,10.00,"), "units, sales, then the refunds on its lines")
            let xlsx = try await session.get("/stores/\(t.storeA1.id)/dashboard.xlsx?table=skus&\(Self.period)")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "a zip")
            #expect(try await session.get("/stores/\(t.storeA1.id)/dashboard.csv?table=orders").status == .unprocessableEntity)

            let token = try await t.token(for: "admin", on: app)
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/stores/\(t.storeA1.id)/dashboard?\(Self.period)", headers: HTTP.api(token))
            let object = HTTP.object(api)
            let period = object["period"] as? [String: Any]
            #expect(
                period?["gmv_fen"] as? Int == 20_000 && period?["paying_buyers"] as? Int == 3 && period?["conversion_bp"] as? Int == 200)
            let days = object["days"] as? [[String: Any]] ?? []
            #expect(days.map { $0["payment_difference_fen"] as? Int } == [0, 100, nil])
            #expect((object["previous"] as? [String: Any])?["from"] as? String == "2026-10-29")
            let overview = HTTP.object(try await app.testing().sendRequest(.GET, "/api/v1/overview?period=7d", headers: HTTP.api(token)))
            let items = overview["items"] as? [[String: Any]] ?? []
            #expect(items.count == 3, "agency A's three stores")
            #expect((items.first { $0["store_name"] as? String == t.storeA2.name }?["attention"] as? [String]) == ["no_traffic"])
        }
    }

    @Test(
        "a period the dashboard cannot show, or an unknown overview period, is refused naming the parameter",
        arguments: TestDatabase.available)
    func refused(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let token = try await t.token(for: "admin", on: app)
            let cases = [
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?from=2026-13-01", "from"),
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?from=2026-11-02&until=2026-11-01", "until"),
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?from=2025-01-01&until=2026-11-01", "until"),
                ("/api/v1/overview?period=week", "period"),
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?sku_sort=margin", "sku_sort"),
                // A year whose year before does not exist, and the far future, never reach the figures.
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?from=0001-01-05", "from"),
                ("/api/v1/stores/\(t.storeA1.id)/dashboard?until=9999-12-31", "until"),
            ]
            for (path, field) in cases {
                let response = try await app.testing().sendRequest(.GET, path, headers: HTTP.api(token))
                #expect(response.status == .unprocessableEntity, "\(path)")
                #expect(HTTP.object(response)["field"] as? String == field, "\(path)")
            }
            let session = BrowserSession(app: app)
            try await session.signIn("admin", password: TestTenancy.password)
            let page = try await session.get("/stores/\(t.storeA1.id)/dashboard?from=2026-11-02&until=2026-11-01")
            #expect(page.status == .unprocessableEntity && page.body.string.contains("结束日不能早于开始日"))
        }
    }

    @Test(
        "the SKU ranking ranks by the column asked, keeps it across the period links and the file; by cover, the fewest days first",
        arguments: TestDatabase.available)
    func skuRanking(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            _ = try await Self.seed(app, t)
            app.setClock { Self.now }
            let session = BrowserSession(app: app)
            try await session.signIn("admin", password: TestTenancy.password)
            let dashboard = "/stores/\(t.storeA1.id)/dashboard"
            let page = try await session.get("\(dashboard)?\(Self.period)&sku_sort=refunds").body.string
            let escaped = Self.period.replacingOccurrences(of: "&", with: "&amp;")
            #expect(page.contains("href=\"\(dashboard)?\(escaped)&amp;sku_sort=units#skus\" class=\"sort\">销量（件）</a>"))
            #expect(page.contains("<h2>商品排行（按退款笔数）</h2>"))
            #expect(page.contains("class=\"sort\">成功退款（笔） ↓</a>") && page.contains("name=\"sku_sort\" value=\"refunds\""))
            #expect(page.contains("&amp;sku_sort=refunds\">近 7 天</a>"), "the presets keep the ranking")
            let byRefunds = try await session.get("/stores/\(t.storeA1.id)/dashboard.csv?table=skus&\(Self.period)&sku_sort=refunds")
            let rows = byRefunds.body.string.split(separator: "\r\n").dropFirst()
            #expect(rows.first?.hasPrefix("1,HY-A,") == true, "HY-A has the only refund")
            let byUnits = try await session.get("/stores/\(t.storeA1.id)/dashboard.csv?table=skus&\(Self.period)&sku_sort=units").body
                .string
            #expect(byUnits.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] } == ["HY-A", "HY-B", "HY-C"])
        }
    }

    @Test("ranked by cover, the SKUs with the fewest days come first, then those without a pace, then those not stocked")
    func coverRanking() {
        func line(_ code: String, available: Int?, sold: Int) -> StoreDashboard.SKULine {
            StoreDashboard.SKULine(
                sales: SKUSales(outerSKUID: code, units: sold, sales: Money(fen: 100)),
                stock: available.map {
                    LowStockSKU(
                        clientID: ID(UUID()), skuID: UUID(), outerID: code, title: code, properties: "",
                        cover: StockCover(available: $0, soldInPace: sold, warnAt: 0))
                })
        }
        let lines = [
            line("none", available: nil, sold: 5), line("idle", available: 9, sold: 0), line("long", available: 140, sold: 14),
            line("short", available: 3, sold: 14), line("short2", available: 3, sold: 14),
        ]
        #expect(StoreDashboard.ranked(lines, by: .cover).map(\.sales.outerSKUID) == ["short", "short2", "long", "idle", "none"])
        #expect(StoreDashboard.ranked(lines, by: .sales).map(\.sales.outerSKUID) == lines.map(\.sales.outerSKUID))
    }
}
