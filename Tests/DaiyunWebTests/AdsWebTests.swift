import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Ads page")
struct AdsWebTests {
    static let now = ShanghaiTime.parse("2026-11-08 10:00:00")!
    static let header = "日期,推广产品,计划ID,计划名称,关键词,人群,展现量,点击量,花费,直接成交金额,直接成交笔数,日限额,撞线时间,归因模型,转化周期\r\n"

    /// Store a1's report for 1–7 November, last click over 15 days: campaign C1 (直通车) spends
    /// ¥100.00 a day for ¥400.00 (ROI 4.00) and runs out of its ¥100.00 budget at 15:00; its
    /// keyword 面霜 brings ¥50.00 on ¥40.00 a day (ROI 1.25, 40 clicks), 精华 nothing on ¥30.00;
    /// its crowd 竞品 brings ¥20.00 on ¥30.00 a day (ROI 0.67, 15 clicks); campaign W1 (万相台)
    /// spends ¥50.00 for ¥60.00 with a crowd 老客.
    static func seed(_ app: Application, _ t: TestTenancy) async throws {
        var csv = header
        for day in 1...7 {
            let d = "2026-11-0\(day)"
            csv += "\(d),直通车,C1,核心词,,,3000,100,100.00,400.00,4,100.00,15:00,末次点击,15\r\n"
            csv += "\(d),直通车,C1,核心词,面霜,,1200,40,40.00,50.00,1,,,末次点击,15\r\n"
            csv += "\(d),直通车,C1,核心词,精华,,900,30,30.00,0,0,,,末次点击,15\r\n"
            csv += "\(d),直通车,C1,核心词,,竞品,500,15,30.00,20.00,1,,,末次点击,15\r\n"
            csv += "\(d),直通车,C1,核心词,,,3000,100,100.00,900.00,9,100.00,15:00,多触点,15\r\n"
            csv += "\(d),万相台,W1,货品加速,,,2000,40,50.00,60.00,1,200.00,,末次点击,15\r\n"
            csv += "\(d),万相台,W1,货品加速,,老客,800,10,20.00,40.00,1,,,末次点击,15\r\n"
        }
        let result = try await ImportService(database: app.db).run(
            Data(csv.utf8), name: "ads.csv", kind: .ads, mode: .allOrNothing, target: ImportTarget(client: t.clientA1, store: t.storeA1),
            by: WriteContext(actor: "user:admin", now: now))
        #expect(result.errors.isEmpty && result.batch.inserted == 49)
    }

    @Test(
        "the ads page shows totals from the campaigns' own rows, suggestions with their figures, and sortable tables",
        arguments: TestDatabase.available)
    func page(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let html = try await manager.get("/stores/\(t.storeA1.id)/ads?from=2026-11-01&until=2026-11-07").body.string
            // ¥700.00 + ¥350.00 spent for ¥2,800.00 + ¥420.00: the keyword and crowd rows are not added again.
            #expect(html.contains("<strong class=\"tile-value\">¥1,050.00</strong>"))
            #expect(html.contains("<strong class=\"tile-value\">3.06</strong>"), "3,220 / 1,050, floored")
            // 精华: ¥210.00 on 210 clicks without an order → pause; 面霜: ROI 1.25 against 3.00 on 280 clicks → lower the bid 30 %.
            #expect(html.contains("近 7 天花费 ¥210.00、点击 210 次，没有成交"))
            #expect(html.contains("近 7 天投产比 1.25，目标 3.00（点击 280 次，花费 ¥280.00）；平均点击花费 ¥1.00 建议降到 ¥0.70"))
            // C1: ROI 4.00 ≥ 3.60 and out at 15:00 on every day → raise the budget to ¥120.00.
            // The crowd 竞品: ROI 0.66 on 105 clicks → its bid or premium cut 30 %, ¥2.00 a click to about ¥1.40.
            #expect(html.contains("人群：竞品"))
            #expect(html.contains("人群出价或溢价建议下调 30%，平均点击花费 ¥2.00 约降到 ¥1.40"))
            #expect(html.contains("日限额 ¥100.00 建议提高到 ¥120.00"))
            #expect(!html.contains("<strong>货品加速</strong>"), "W1 runs to the evening and has orders: nothing to suggest")
            #expect(html.contains("id=\"target-form\""), "a store manager sets the targets")
            // Sorted by spend, then by ROI lowest first on request, the link toggling the order.
            let keywords = try #require(html.range(of: "id=\"keywords-table\"")).upperBound
            let rest = html[keywords...]
            #expect(try #require(rest.range(of: ">面霜<")).lowerBound < (try #require(rest.range(of: ">精华<"))).lowerBound)
            let sorted = try await manager.get("/stores/\(t.storeA1.id)/ads?from=2026-11-01&until=2026-11-07&keywords_sort=cost").body
                .string
            let after = sorted[try #require(sorted.range(of: "id=\"keywords-table\"")).upperBound...]
            #expect(try #require(after.range(of: ">精华<")).lowerBound < (try #require(after.range(of: ">面霜<"))).lowerBound)
            #expect(sorted.contains("keywords_sort=-cost#keywords\" class=\"sort\">推广花费 ↑"))
            let bad = try await manager.get("/stores/\(t.storeA1.id)/ads?keywords_sort=colour")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("keywords_sort"))

            // The rows behind a campaign, with their file.
            let rows = try await manager.get("/stores/\(t.storeA1.id)/ads/rows?from=2026-11-01&until=2026-11-07&campaign=C1").body.string
            #expect(
                rows.components(separatedBy: "<th scope=\"row\">2026-11-0").count - 1 == 35, "5 rows a day of C1, each attribution apart")
            #expect(rows.contains("/source-records/"))

            // The tables as files.
            let file = try await manager.get("/stores/\(t.storeA1.id)/ads.csv?table=suggestions&from=2026-11-01&until=2026-11-07")
            #expect(file.status == .ok && file.body.string.hasPrefix("\u{FEFF}建议,计划,关键词,人群"))
            #expect(file.body.string.contains(",核心词,,竞品,1.40,"))
        }
    }

    @Test(
        "ROI targets: the store's and a campaign's, audited; the form refuses a bad ROI naming it; brands and CS read only",
        arguments: TestDatabase.available)
    func targets(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            let promoter = BrowserSession(app: app)
            try await promoter.signIn("promoter", password: TestTenancy.password)
            let path = "/stores/\(t.storeA1.id)/ads/targets"
            let saved = try await promoter.post(
                path, ["roi_target": "2.5", "attribution": "mta", "window_days": "15", "campaign-0": "ztc:C1", "campaign-roi-0": "5"])
            #expect(saved.status == .seeOther)
            let targets = try await AdTargetRepository(database: app.db).targets(of: t.storeA1.id)
            #expect(
                targets == AdTargets(store: AdTarget(roiHundredths: 250, model: .multiTouch, windowDays: 15), campaigns: ["ztc:C1": 500]))
            let html = try await promoter.get("/stores/\(t.storeA1.id)/ads?from=2026-11-01&until=2026-11-07").body.string
            #expect(html.contains("投产比按 多触点 · 15 天 归因计算（店铺目标 2.50）"))
            #expect(html.contains("<strong class=\"tile-value\">¥700.00</strong>"), "multi-touch rows exist for C1 only")
            let audit = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)").map(\.action)
            #expect(audit.contains("ad_target.update"))

            let refused = try await promoter.post(path, ["roi_target": "3.255", "attribution": "zhai", "window_days": "15"])
            #expect(refused.status == .seeOther)
            let form = try await promoter.get(refused.headers.first(name: .location) ?? "/")
            #expect(form.body.string.contains("0.01 至 1000"))
            #expect(try await AdTargetRepository(database: app.db).targets(of: t.storeA1.id).store.roiHundredths == 250, "nothing saved")

            for login in ["cs_agent", "viewera1"] {
                let other = BrowserSession(app: app)
                try await other.signIn(login, password: TestTenancy.password)
                let page = try await other.get("/stores/\(t.storeA1.id)/ads").body.string
                #expect(!page.contains("id=\"target-form\""), "\(login) reads the page without the form")
                #expect(try await other.post(path, ["roi_target": "9", "attribution": "zhai", "window_days": "15"]).status == .forbidden)
            }
            let outsider = BrowserSession(app: app)
            try await outsider.signIn("viewerb", password: TestTenancy.password)
            #expect(try await outsider.get("/stores/\(t.storeA1.id)/ads").status == .notFound)
            #expect(try await outsider.get("/stores/\(t.storeA1.id)/ads/rows").status == .notFound)
        }
    }

    @Test("the ads API: figures, suggestions and targets; PUT names a bad field", arguments: TestDatabase.available)
    func api(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            try await Self.seed(app, t)
            app.setClock { Self.now }
            let token = try await t.token(for: "admin", on: app)
            let answer = HTTP.object(
                try await app.testing().sendRequest(
                    .GET, "/api/v1/stores/\(t.storeA1.id)/ads?from=2026-11-01&until=2026-11-07", headers: HTTP.api(token)))
            let totals = try #require(answer["totals"] as? [String: Any])
            #expect(totals["cost_fen"] as? Int == 105_000 && totals["roi_hundredths"] as? Int == 306)
            let suggestions = try #require(answer["suggestions"] as? [[String: Any]])
            #expect(suggestions.compactMap { $0["action"] as? String } == ["pause", "lower_bid", "lower_bid", "raise_budget"])
            #expect(suggestions.compactMap { $0["suggested_fen"] as? Int } == [70, 140, 12_000])
            #expect(suggestions.compactMap { $0["crowd"] as? String } == ["", "", "竞品", ""])

            let put = { (body: String) in
                try await app.testing().sendRequest(
                    .PUT, "/api/v1/stores/\(t.storeA1.id)/ads/targets", headers: HTTP.api(token, json: true), body: ByteBuffer(string: body)
                )
            }
            let ok = try await put(
                #"{"roi_hundredths":320,"attribution":"zhai","window_days":7,"campaigns":[{"product":"wxt","campaign_id":"W1","roi_hundredths":150}]}"#
            )
            #expect(ok.status == .ok)
            #expect(HTTP.object(ok)["window_days"] as? Int == 7)
            let bad = try await put(#"{"roi_hundredths":0,"attribution":"zhai","window_days":15}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("roi_hundredths"))
            let window = try await put(#"{"roi_hundredths":300,"attribution":"zhai","window_days":5}"#)
            #expect(window.status == .unprocessableEntity && window.body.string.contains("window_days"))
            let viewer = try await t.token(for: "viewerA1", on: app)
            #expect(
                try await app.testing().sendRequest(
                    .PUT, "/api/v1/stores/\(t.storeA1.id)/ads/targets", headers: HTTP.api(viewer, json: true),
                    body: ByteBuffer(string: #"{"roi_hundredths":300,"attribution":"zhai","window_days":15}"#)
                ).status == .forbidden)
        }
    }
}
