import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Alerts")
struct AlertsWebTests {
    static let now = ShanghaiTime.parse("2026-12-01 09:00:00")!

    /// A bad review without a reply in store a1, and the store's alerts evaluated: one alert.
    static func seed(_ app: Application, _ t: TestTenancy) async throws -> Alert {
        let context = WriteContext(actor: "job:test", now: now)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("review".utf8), name: "r", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let review = Review(
            storeID: t.storeA1.id, tid: "8001", oid: "80011", result: .bad, content: "太慢了", reply: "", buyerNick: "b", itemTitle: "面霜",
            createdAt: now.addingTimeInterval(-3_600))
        _ = try await ReviewRepository(database: app.db).apply([review], store: t.storeA1, source: source, by: context)
        let opened = try await AlertEvaluator(database: app.db).evaluate(t.storeA1, at: now)
        return try #require(opened.first { $0.kind == .badReview })
    }

    @Test(
        "the inbox lists the alerts of the stores one may see; those who work on the store handle them, audited",
        arguments: TestDatabase.available)
    func inbox(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let alert = try await Self.seed(app, t)
            app.setClock { Self.now }
            let cs = BrowserSession(app: app)
            try await cs.signIn("cs_agent", password: TestTenancy.password)
            let page = try await cs.get("/alerts").body.string
            #expect(
                page.contains("订单 8001 的差评待回复") && page.contains("差评待回复")
                    && page.contains("/alerts/\(alert.id.uuidString.lowercased())/acknowledge"))
            #expect(try await cs.post("/alerts/\(alert.id.uuidString.lowercased())/acknowledge", [:]).status == .seeOther)
            #expect(try await AlertRepository(database: app.db).alert(alert.id)?.status == .acknowledged)
            let acknowledged = try await StaffKPIRepository(database: app.db).kpis(
                of: t.agencyA.id, from: Self.now.addingTimeInterval(-60), to: Self.now.addingTimeInterval(60))
            #expect(acknowledged["user:" + t["cs_agent"].login]?.alertsInTime == 1, "acknowledged at once: in time")

            // A brand reads its alerts, but the agency handles them; another agency does not see them.
            let brand = BrowserSession(app: app)
            try await brand.signIn("viewera1", password: TestTenancy.password)
            #expect(try await brand.get("/alerts").body.string.contains("订单 8001"))
            #expect(try await brand.post("/alerts/\(alert.id.uuidString.lowercased())/resolve", [:]).status == .forbidden)
            let other = BrowserSession(app: app)
            try await other.signIn("adminb", password: TestTenancy.password)
            #expect(!(try await other.get("/alerts").body.string.contains("8001")))
            #expect(try await other.post("/alerts/\(alert.id.uuidString.lowercased())/resolve", [:]).status == .notFound)

            let token = try await t.token(for: "admin", on: app)
            let tester = try app.testing()
            let resolved = try await tester.sendRequest(
                .POST, "/api/v1/alerts/\(alert.id.uuidString.lowercased())/resolve", headers: HTTP.api(token))
            #expect(resolved.status == .ok && HTTP.object(resolved)["status"] as? String == "resolved")
            let list = HTTP.object(try await tester.sendRequest(.GET, "/api/v1/alerts?status=resolved", headers: HTTP.api(token)))
            #expect((list["items"] as? [[String: Any]])?.first?["resolved_by"] as? String == "user:admin")
            #expect(
                try await tester.sendRequest(.GET, "/api/v1/alerts?status=closed", headers: HTTP.api(token)).status == .unprocessableEntity)
            let audit = try await AuditLogRepository(database: app.db).entries(
                in: .client(t.clientA1.id), matching: AuditEntryFilter(), limit: 50, offset: 0)
            #expect(audit.filter { $0.action.hasPrefix("alert.") }.map(\.action).sorted() == ["alert.acknowledge", "alert.resolve"])
        }
    }

    @Test("a store's managers change its alert rules; others read them; a bad threshold is refused", arguments: TestDatabase.available)
    func rules(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            app.setClock { Self.now }
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let page = try await manager.get("/stores/\(t.storeA1.id)/alert-rules").body.string
            #expect(page.contains("成交额下降") && page.contains("value=\"3000\""))
            let saved = try await manager.post(
                "/stores/\(t.storeA1.id)/alert-rules/gmv_drop", ["threshold": "2000", "severity": "warning"])
            #expect(saved.status == .seeOther)
            let rules = try await AlertRepository(database: app.db).rules(of: t.storeA1.id, ids: .kernel, now: Self.now)
            let gmv = try #require(rules.first { $0.kind == .gmvDrop })
            #expect(gmv.threshold == 2_000 && gmv.severity == .warning && !gmv.enabled)
            let bad = try await manager.post("/stores/\(t.storeA1.id)/alert-rules/gmv_drop", ["threshold": "99999", "severity": "warning"])
            #expect(bad.status == .seeOther)
            #expect(
                try await AlertRepository(database: app.db).rules(of: t.storeA1.id, ids: .kernel, now: Self.now).first {
                    $0.kind == .gmvDrop
                }?.threshold == 2_000)

            let warehouse = BrowserSession(app: app)
            try await warehouse.signIn("warehouse", password: TestTenancy.password)
            #expect(try await warehouse.get("/stores/\(t.storeA1.id)/alert-rules").status == .ok)
            #expect(
                try await warehouse.post("/stores/\(t.storeA1.id)/alert-rules/gmv_drop", ["threshold": "2000", "severity": "info"]).status
                    == .forbidden)
            let token = try await t.token(for: "viewerA1", on: app)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/stores/\(t.storeA1.id)/alert-rules", headers: HTTP.api(token))
            #expect((HTTP.object(api)["items"] as? [[String: Any]])?.count == AlertKind.allCases.count)
        }
    }

    @Test(
        "a store manager adds a DingTalk robot with its secret, kept sealed; a robot without one is refused",
        arguments: TestDatabase.available)
    func robots(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let form = [
                "kind": "dingtalk", "name": "运营群", "webhook": "https://oapi.dingtalk.com/robot/send?access_token=abc", "scope": "client",
                "language": "zh-CN",
            ]
            _ = try await manager.post("/stores/\(t.storeA1.id)/robots", form)
            #expect(try await app.robotsForTest(t.clientA1.id).isEmpty, "no secret, no robot")
            var signed = form
            signed["secret"] = "SECtop-secret"
            #expect(try await manager.post("/stores/\(t.storeA1.id)/robots", signed).status == .seeOther)
            let robots = try await app.robotsForTest(t.clientA1.id)
            #expect(robots.count == 1 && robots[0].secret == "SECtop-secret" && robots[0].storeID == nil)
            let page = try await manager.get("/stores/\(t.storeA1.id)/alert-rules").body.string
            #expect(
                page.contains("运营群") && page.contains("该客户的所有店铺") && !page.contains("SECtop-secret") && !page.contains("access_token=abc"))
            let stored = try await (app.db as! any SQLDatabase).raw("SELECT webhook, secret FROM robots").first()
            #expect(try stored?.decode(column: "secret", as: String.self).contains("SECtop") == false, "sealed at rest")

            let warehouse = BrowserSession(app: app)
            try await warehouse.signIn("warehouse", password: TestTenancy.password)
            #expect(try await warehouse.post("/stores/\(t.storeA1.id)/robots", signed).status == .forbidden)
            // Renamed and turned off from its row's form; the page says it is off; the warehouse may not.
            let robotPath = "/stores/\(t.storeA1.id)/robots/\(robots[0].id.uuidString.lowercased())"
            #expect(try await warehouse.post(robotPath, ["name": "x", "language": "en", "enabled": "0"]).status == .forbidden)
            #expect(try await manager.post(robotPath, ["name": "值班群", "language": "en", "enabled": "0"]).status == .seeOther)
            let off = try #require(try await app.robotsForTest(t.clientA1.id).first)
            #expect(off.name == "值班群" && off.language == .en && !off.enabled && off.secret == "SECtop-secret")
            let offPage = try await manager.get("/stores/\(t.storeA1.id)/alert-rules").body.string
            #expect(offPage.contains("值班群") && offPage.contains("已停用") && offPage.contains("action=\"\(robotPath)\""))
            #expect(try await manager.post(robotPath, ["name": "值班群", "language": "en", "enabled": "1"]).status == .seeOther)
            #expect(try await app.robotsForTest(t.clientA1.id).first?.enabled == true)
            let removed = try await manager.post("/stores/\(t.storeA1.id)/robots/\(robots[0].id.uuidString.lowercased())/delete", [:])
            let left = try await app.robotsForTest(t.clientA1.id)
            #expect(removed.status == .seeOther && left.isEmpty)
        }
    }
}

extension AlertsWebTests {
    @Test(
        "each person chooses which alerts of each store reach their inbox and the API's list; others' inboxes stay as they were",
        arguments: TestDatabase.available)
    func subscriptions(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let alert = try await Self.seed(app, t)
            #expect(alert.severity == .warning)
            app.setClock { Self.now }
            let cs = BrowserSession(app: app)
            try await cs.signIn("cs_agent", password: TestTenancy.password)
            let field = "store-\(t.storeA1.id)"
            let page = try await cs.get("/alerts").body.string
            #expect(page.contains("订单 8001") && page.contains("name=\"\(field)\"") && page.contains("仅严重"))
            #expect(try await cs.post("/alerts/subscriptions", [field: "critical"]).status == .seeOther)
            let quiet = try await cs.get("/alerts").body.string
            #expect(!quiet.contains("订单 8001"), "a warning does not reach an inbox set to critical only")
            #expect(quiet.contains("<option value=\"critical\" selected>仅严重</option>"))
            _ = try await cs.post("/alerts/subscriptions", [field: "loud"])
            #expect(try await cs.get("/alerts").body.string.contains("<option value=\"critical\" selected>"), "a bad level changes nothing")
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            #expect(try await manager.get("/alerts").body.string.contains("订单 8001"), "the manager still receives it")

            let tester = try app.testing()
            let token = try await t.token(for: "store_manager", on: app)
            func put(_ store: ID<Store>, _ body: String) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(
                    .PUT, "/api/v1/alert-subscriptions/\(store)", headers: HTTP.api(token, json: true), body: ByteBuffer(string: body))
            }
            let mine = try #require(
                HTTP.object(try await tester.sendRequest(.GET, "/api/v1/alert-subscriptions", headers: HTTP.api(token)))["items"]
                    as? [[String: Any]])
            #expect(mine.contains { $0["store_id"] as? String == t.storeA1.id.description && $0["level"] as? String == "all" })
            #expect(try await put(t.storeA1.id, #"{"level":"none"}"#).status == .ok)
            let listed = HTTP.object(try await tester.sendRequest(.GET, "/api/v1/alerts", headers: HTTP.api(token)))["items"] as? [Any]
            #expect(listed?.isEmpty == true)
            let bad = try await put(t.storeA1.id, #"{"level":"loud"}"#)
            #expect(bad.status == .unprocessableEntity && HTTP.object(bad)["field"] as? String == "level")
            #expect(try await put(t.storeB.id, #"{"level":"none"}"#).status == .notFound, "another agency's store")
            #expect(try await put(t.storeA1.id, #"{"level":"all"}"#).status == .ok)
            #expect(
                (HTTP.object(try await tester.sendRequest(.GET, "/api/v1/alerts", headers: HTTP.api(token)))["items"] as? [Any])?.count == 1
            )
        }
    }

    @Test(
        "the API adds, lists and removes a store's robots for its managers, never reading back the webhook's token or the secret",
        arguments: TestDatabase.available)
    func robotsAPI(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let tester = try app.testing()
            let path = "/api/v1/stores/\(t.storeA1.id)/robots"
            let manager = try await t.token(for: "store_manager", on: app)
            func add(_ body: String, as token: String) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(.POST, path, headers: HTTP.api(token, json: true), body: ByteBuffer(string: body))
            }
            let unsigned =
                #"{"kind":"dingtalk","name":"运营群","webhook":"https://oapi.dingtalk.com/robot/send?access_token=abc","scope":"store","language":"en"}"#
            let refused = try await add(unsigned, as: manager)
            #expect(refused.status == .unprocessableEntity && HTTP.object(refused)["field"] as? String == "secret")
            let badKind = try await add(
                #"{"kind":"slack","name":"x","webhook":"https://x.example","scope":"store","language":"en"}"#, as: manager)
            #expect(badKind.status == .unprocessableEntity && HTTP.object(badKind)["field"] as? String == "kind")
            let signed = unsigned.replacingOccurrences(of: #""scope""#, with: #""secret":"SECtop-secret","scope""#)
            let added = try await add(signed, as: manager)
            #expect(added.status == .created)
            let robot = HTTP.object(added)
            #expect(robot["webhook_host"] as? String == "oapi.dingtalk.com" && robot["signed"] as? Bool == true)
            #expect(robot["scope"] as? String == "store" && robot["store_id"] != nil)
            let listed = try await tester.sendRequest(.GET, path, headers: HTTP.api(manager))
            #expect((HTTP.object(listed)["items"] as? [[String: Any]])?.count == 1)
            #expect(!listed.body.string.contains("access_token") && !listed.body.string.contains("SECtop"))
            // Brand viewers read them; neither they nor the warehouse may add or remove one.
            let viewer = try await t.token(for: "viewerA1", on: app)
            #expect(try await tester.sendRequest(.GET, path, headers: HTTP.api(viewer)).status == .ok)
            #expect(try await add(signed, as: viewer).status == .forbidden)
            let id = try #require(robot["id"] as? String)
            #expect(try await tester.sendRequest(.DELETE, "\(path)/\(id)", headers: HTTP.api(viewer)).status == .forbidden)
            // Renamed, in Chinese and off; what is not given stays; a bad value is a 422 naming it.
            func patch(_ body: String, as token: String) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(.PATCH, "\(path)/\(id)", headers: HTTP.api(token, json: true), body: ByteBuffer(string: body))
            }
            #expect(try await patch(#"{"enabled":false}"#, as: viewer).status == .forbidden)
            let edited = try await patch(#"{"name":"值班群","language":"zh-CN","enabled":false}"#, as: manager)
            #expect(
                edited.status == .ok && HTTP.object(edited)["name"] as? String == "值班群" && HTTP.object(edited)["enabled"] as? Bool == false)
            let renamedOnly = HTTP.object(try await patch(#"{"name":"运营群"}"#, as: manager))
            #expect(renamedOnly["language"] as? String == "zh-CN" && renamedOnly["enabled"] as? Bool == false)
            let kept = try #require(try await app.robotsForTest(t.clientA1.id).first)
            #expect(kept.name == "运营群" && kept.language == .zhCN && !kept.enabled && kept.secret == "SECtop-secret")
            for (body, field) in [(#"{"enabled":"maybe"}"#, "enabled"), (#"{"name":" "}"#, "name"), (#"{"language":"fr"}"#, "language")] {
                let bad = try await patch(body, as: manager)
                #expect(bad.status == .unprocessableEntity && HTTP.object(bad)["field"] as? String == field, "\(body)")
            }
            let otherAdmin = try await t.token(for: "adminB", on: app)
            #expect(try await patch(#"{"enabled":true}"#, as: otherAdmin).status == .notFound)
            // Another agency's admin does not see the store at all.
            let other = try await t.token(for: "adminB", on: app)
            #expect(try await tester.sendRequest(.GET, path, headers: HTTP.api(other)).status == .notFound)
            #expect(try await tester.sendRequest(.DELETE, "\(path)/\(UUID())", headers: HTTP.api(manager)).status == .notFound)
            #expect(try await tester.sendRequest(.DELETE, "\(path)/\(id)", headers: HTTP.api(manager)).status == .noContent)
            #expect(try await app.robotsForTest(t.clientA1.id).isEmpty)
        }
    }
}

extension Application {
    func robotsForTest(_ client: ID<Client>) async throws -> [Robot] {
        try await RobotRepository(database: db, secrets: secrets).robots(of: client)
    }
}
