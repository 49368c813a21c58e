import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DaiyunWeb

/// What a black-box test of the server found: input that stopped the process or corrupted stock,
/// names that carried headers, writes where the user cannot read, parallel password guesses.
@Suite("Hardening")
struct HardeningTests {
    /// A client with the demo catalog, a warehouse holding 5 of HY-CREAM-50 and an empty one.
    struct Stocked {
        var t: TestTenancy
        var sku: SKU
        var full: Warehouse
        var empty: Warehouse
    }

    static func stocked(_ app: Application) async throws -> Stocked {
        let t = try await TestTenancy.create(on: app)
        let context = WriteContext(actor: "job:test", now: Date())
        _ = try await ImportService(database: app.db).run(
            try Fixture.data("catalog-utf8-bom.csv"), name: "c.csv", kind: .catalog, mode: .skipBadRows,
            target: ImportTarget(client: t.clientA1, store: nil), by: context)
        let catalog = CatalogRepository(database: app.db)
        let full = try await catalog.createWarehouse(code: "HZ", name: "杭州仓", for: t.clientA1, by: context)
        let empty = try await catalog.createWarehouse(code: "SH", name: "上海仓", for: t.clientA1, by: context)
        let sku = try #require(try await catalog.sku(outerID: "HY-CREAM-50", client: t.clientA1.id))
        _ = try await InventoryRepository(database: app.db).change(
            .receipt, sku: sku.id, warehouse: full.id, quantity: 5, reason: "到货", client: t.clientA1, by: context)
        return Stocked(t: t, sku: sku, full: full, empty: empty)
    }

    @Test(
        "numbers beyond their bounds are refused with the parameter named: pages, limits, stock quantities",
        arguments: TestDatabase.available)
    func bounds(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let s = try await Self.stocked(app)
            let admin = try await s.t.token(for: "admin", on: app)
            let viewer = try await s.t.token(for: "viewerA1", on: app)
            let tester = try app.testing()
            let chain = "client:\(s.t.clientA1.id)"
            for (token, path, field) in [
                (viewer, "/api/v1/audit/chains/\(chain)/entries?page=184467440737095516&limit=50", "page"),
                (viewer, "/api/v1/audit/chains/\(chain)/entries?page=-1", "page"),
                (viewer, "/api/v1/audit/chains/\(chain)/entries?limit=0", "limit"),
                (viewer, "/api/v1/audit/chains/\(chain)/entries?limit=ten", "limit"),
                (admin, "/api/v1/stores/\(s.t.storeA1.id)/orders?limit=501", "limit"),
                (admin, "/api/v1/clients/\(s.t.clientA1.id)/stock/movements?limit=9223372036854775808", "limit"),
                (admin, "/api/v1/clients/\(s.t.clientA1.id)/stock/movements?sku_id=nonsense", "sku_id"),
            ] {
                let response = try await tester.sendRequest(.GET, path, headers: HTTP.api(token))
                #expect(response.status == .unprocessableEntity, "\(path): \(response.body.string)")
                #expect(HTTP.object(response)["field"] as? String == field, "\(path)")
            }

            func change(_ kind: String, _ quantity: String, into warehouse: Warehouse) async throws -> TestingHTTPResponse {
                let body =
                    #"{"sku_id":"\#(s.sku.id)","warehouse_id":"\#(warehouse.id)","kind":"\#(kind)","quantity":\#(quantity),"reason":"test"}"#
                return try await tester.sendRequest(
                    .POST, "/api/v1/clients/\(s.t.clientA1.id)/stock/changes", headers: HTTP.api(admin, json: true), body: HTTP.body(body))
            }
            for (kind, quantity, warehouse) in [
                ("adjustment", "9223372036854775807", s.full), ("stocktake", "-9223372036854775808", s.full),
                ("receipt", "9223372036854775807", s.empty), ("receipt", "1000000000", s.empty), ("adjustment", "-6", s.full),
                ("stocktake", "1000000001", s.full),
            ] {
                let response = try await change(kind, quantity, into: warehouse)
                #expect(response.status == .unprocessableEntity, "\(kind) \(quantity): \(response.body.string)")
                #expect(HTTP.object(response)["field"] as? String == "quantity")
            }
            #expect(try await change("receipt", "999999995", into: s.empty).status == .created, "up to the pool's bound is fine")
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)?.onHand == 1_000_000_000)
            let stock = try await tester.sendRequest(.GET, "/api/v1/clients/\(s.t.clientA1.id)/stock", headers: HTTP.api(admin))
            #expect(stock.status == .ok, "the stock still reads: \(stock.body.string.prefix(200))")

            let browser = BrowserSession(app: app)
            try await browser.signIn("viewera1", password: TestTenancy.password)
            let page = try await browser.get("/audit?chain=\(chain)&page=184467440737095517")
            #expect(page.status == .unprocessableEntity && page.body.string.contains("page"))
            #expect(try await browser.get("/audit?chain=\(chain)&until=someday").status == .unprocessableEntity)
        }
    }

    @Test("a path no file could have is a 404 and an over-long address a 414, never a 500", arguments: TestDatabase.available)
    func longPaths(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let tester = try app.testing()
            let segment = String(repeating: "a", count: 300)
            for path in [
                "/\(segment)", "/css/\(segment).css", "/api/v1/stores/\(segment)", "/\(String(repeating: "%E4%BB%A3", count: 90))",
            ] {
                let response = try await tester.sendRequest(.GET, path)
                #expect([401, 404, 303].contains(response.status.code), "\(path.prefix(40)): \(response.status)")
            }
            let long = try await tester.sendRequest(.GET, "/login?q=\(String(repeating: "x", count: 20_000))")
            #expect(long.status == .uriTooLong)
            #expect(try await tester.sendRequest(.TRACE, "/api/v1/me").status == .methodNotAllowed)
            let headers = try await tester.sendRequest(.GET, "/login").headers
            #expect(headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(headers.first(name: "X-Frame-Options") == "DENY" && headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(headers.first(name: "Referrer-Policy") == "same-origin")
        }
    }

    @Test("an upload's name never carries a header: downloads encode it, RFC 6266", arguments: TestDatabase.available)
    func headerInjection(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let manager = try await t.token(for: "store_manager", on: app)
            let name = "report.csv\"\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>"
            var components = URLComponents()
            components.queryItems = [
                .init(name: "kind", value: "orders"), .init(name: "target", value: "store:\(t.storeA1.id)"),
                .init(name: "name", value: name),
            ]
            let csv = try Fixture.data("orders-gb18030.csv")
            let upload = try await app.testing().sendRequest(
                .POST, "/api/v1/imports?\(components.percentEncodedQuery!)", headers: HTTP.api(manager), body: ByteBuffer(data: csv))
            #expect(upload.status == .created, "\(upload.body.string.prefix(300))")
            let batch = try #require(HTTP.object(upload)["batch"] as? [String: Any])
            let source = try #require(batch["source_record_id"] as? String)
            let viewer = try await t.token(for: "viewerA1", on: app)
            let download = try await app.testing().sendRequest(.GET, "/api/v1/source-records/\(source)", headers: HTTP.api(viewer))
            #expect(download.status == .ok)
            #expect(download.headers.contentType == .binary, "the content type is ours, not the name's")
            let disposition = try #require(download.headers.first(name: .contentDisposition))
            #expect(!disposition.contains("\r") && !disposition.contains("\n"))
            #expect(
                disposition.hasPrefix("attachment; filename=\"report.csvContent-Type: texthtml<script>alert(1)<script>\""), "\(disposition)"
            )
            #expect(
                disposition.contains("filename*=UTF-8''report.csvContent-Type%3A%20texthtml%3Cscript%3Ealert%281%29%3Cscript%3E"),
                "\(disposition)")
            #expect(Data(buffer: download.body) == csv)
        }
    }

    @Test(
        "a write naming a store the user may not see is refused and writes nothing; unknown and foreign ids answer alike",
        arguments: TestDatabase.available)
    func writesWhereUnseen(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let s = try await Self.stocked(app)
            let t = s.t
            // store_manager manages storeA1 only; storeA1b is the same client's, unassigned.
            let manager = BrowserSession(app: app)
            try await manager.signIn("store_manager", password: TestTenancy.password)
            let skuPath = "/clients/\(t.clientA1.id)/catalog/skus/\(s.sku.id.uuidString.lowercased())"
            let edit = try await manager.get(skuPath).body.string
            #expect(
                edit.contains(t.storeA1.id.description) && !edit.contains(t.storeA1b.id.description), "the page names assigned stores only")
            let answer = try await manager.post(
                "\(skuPath)/listings", ["store_id": t.storeA1b.id.description, "channel_item_id": "1", "channel_sku_id": "2"])
            #expect(answer.status == .seeOther)
            #expect(try await CatalogRepository(database: app.db).listings(of: t.clientA1.id)[s.sku.id] == nil, "no listing written")
            #expect(try await manager.get(skuPath).body.string.contains("店铺：引用的对象不存在或不可见"), "as for a store that does not exist")

            let token = try await t.token(for: "store_manager", on: app)
            var bodies: [String] = []
            for target in ["store:\(UUID())", "store:\(t.storeB.id)", "store:\(t.storeA1b.id)"] {
                let response = try await app.testing().sendRequest(
                    .POST, "/api/v1/imports?kind=orders&target=\(target)", headers: HTTP.api(token), body: HTTP.body("订单编号\r\n1\r\n"))
                #expect(response.status == .notFound, "\(target): \(response.body.string)")
                let body = HTTP.object(response)
                bodies.append("\(body["error"] ?? "") \(body["message"] ?? "") \(body["field"] ?? "")")
            }
            #expect(Set(bodies).count == 1, "unknown, another agency's and an unseen store answer the same: \(bodies)")
        }
    }

    @Test("the stock log names orders of the stores the reader may see, and no others", arguments: TestDatabase.available)
    func movementsOfUnseenStores(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let s = try await Self.stocked(app)
            let t = s.t
            let paidAt = Date()
            func order(_ store: Store, _ tid: String) -> Order {
                let line = OrderLine(
                    oid: "\(tid)-1", outerSkuID: "HY-CREAM-50", title: "面霜", price: Money(fen: 100), quantity: 1, payment: Money(fen: 100),
                    status: .waitSellerSendGoods)
                return Order(
                    storeID: store.id, tid: tid, status: .waitSellerSendGoods, buyerNick: "b", payment: Money(fen: 100),
                    totalFee: Money(fen: 100),
                    createdAt: paidAt, paidAt: paidAt, lines: [line])
            }
            let context = WriteContext(actor: "job:test", now: paidAt)
            for (store, tid) in [(t.storeA1, "7001"), (t.storeA1b, "7002")] {
                let source = try await SourceRecordRepository(database: app.db).keep(
                    Data(tid.utf8), name: "seed", kind: "upload", agency: t.agencyA.id, store: store.id, by: context
                ).record.id
                let batch = [order(store, tid)]
                _ = try await app.db.transaction {
                    try await OrderWriter(database: $0).apply(
                        batch, store: store, source: source, by: WriteContext(actor: "job:test", now: paidAt))
                }
            }
            let designer = try await t.token(for: "warehouse", on: app)
            let api = HTTP.object(
                try await app.testing().sendRequest(.GET, "/api/v1/clients/\(t.clientA1.id)/stock/movements", headers: HTTP.api(designer)))
            let oids = Set((api["items"] as? [[String: Any]] ?? []).compactMap { $0["oid"] as? String })
            #expect(oids == ["7001-1"], "\(oids)")
            let keeper = BrowserSession(app: app)
            try await keeper.signIn("warehouse", password: TestTenancy.password)
            let page = try await keeper.get("/clients/\(t.clientA1.id)/stock").body.string
            #expect(page.contains("订单 7001") && !page.contains("订单 7002"), "the page names orders by their number")
        }
    }

    @Test("thirty parallel guesses: at most five passwords checked, the rest refused as locked, no 500", arguments: TestDatabase.available)
    func parallelGuesses(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            var browsers: [BrowserSession] = []
            for _ in 0..<30 {
                let browser = BrowserSession(app: app)
                try await browser.get("/login")
                browsers.append(browser)
            }
            let answers = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                for browser in browsers {
                    group.addTask { try await browser.post("/login", ["login": "designer", "password": "wrong-password-1"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .unauthorized }, "\(answers.map(\.status.code))")
            let checked = answers.filter { $0.body.string.contains("登录名或密码错误。") }.count
            let locked = answers.filter { $0.body.string.contains("已锁定") }.count
            #expect(checked <= 4 && checked + locked == 30, "checked \(checked), locked \(locked)")
            let right = try await BrowserSession(app: app).signIn("designer", password: TestTenancy.password)
            #expect(right.status == .unauthorized, "the name is locked after the burst")
        }
    }

    @Test("the attempt counter's one statement follows the counting rule, through a lock and its end", arguments: TestDatabase.available)
    func throttleStatement(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let repository = SignInThrottleRepository(database: app.db)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            var expected: SignInThrottle?
            // Seconds: five failures lock for 60 s; the lock ends; five more lock for 120 s; it ends.
            for second in [0, 0, 0, 0, 0, 10, 59, 61, 61, 62, 63, 64, 100, 185, 186] {
                let now = start.addingTimeInterval(Double(second))
                expected = SignInThrottle.counting(attemptAt: now, after: expected)
                let stored = try await repository.countAttempt(for: "Someone ", from: "192.0.2.7", at: now)
                #expect(stored.attempts == expected?.attempts, "second \(second)")
                #expect(stored.locks == expected?.locks, "second \(second)")
                #expect(
                    stored.lockedUntil?.timeIntervalSince1970.rounded() == expected?.lockedUntil?.timeIntervalSince1970.rounded(),
                    "second \(second)")
            }
            #expect(expected?.locks == 2, "the run went through two locks")
            let other = try await repository.countAttempt(for: "someone", from: "198.51.100.1", at: start.addingTimeInterval(70))
            #expect(other.attempts == 1 && other.lockedUntil == nil, "another address counts on its own")
        }
    }

    @Test(
        "a token made with a token is revoked with it and never outlives it; an expired token signs nobody in",
        arguments: TestDatabase.available)
    func tokenFamilies(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let clock = TestClock()
            app.setClock { clock.now }
            let tester = try app.testing()
            let parent = try await t.token(for: "designer", on: app)
            func create(_ body: String, with token: String) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(.POST, "/api/v1/tokens", headers: HTTP.api(token, json: true), body: HTTP.body(body))
            }
            let child = try await create(#"{"name":"ci","expires_in_days":30}"#, with: parent)
            #expect(child.status == .created)
            let childSecret = try #require(HTTP.object(child)["secret"] as? String)
            let grandchild = try #require(
                HTTP.object(try await create(#"{"name":"ci-2","expires_in_days":365}"#, with: childSecret))["secret"] as? String)
            let list =
                HTTP.object(try await tester.sendRequest(.GET, "/api/v1/tokens", headers: HTTP.api(parent)))["items"] as? [[String: Any]]
                ?? []
            let expiries = Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0["expires_at"] as? String) })
            #expect(
                expiries["ci"] != nil && expiries["ci-2"] == expiries["ci"],
                "the grandchild asked for a year and got its parent's 30 days: \(expiries)")
            for bad in [#"{"name":"x","expires_in_days":0}"#, #"{"name":"x","expires_in_days":99999999999999999999}"#] {
                let refused = try await create(bad, with: parent)
                #expect([400, 422].contains(refused.status.code), "\(bad): \(refused.status)")
            }
            #expect(try await create(#"{"name":"x","expires_in_days":0}"#, with: parent).status == .unprocessableEntity)

            let parentID = try #require(list.first { $0["name"] as? String == "test" }?["id"] as? String)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/tokens/\(parentID)", headers: HTTP.api(parent)).status == .noContent)
            for secret in [parent, childSecret, grandchild] {
                #expect(
                    try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(secret)).status == .unauthorized,
                    "revoked with its parent")
            }

            let lasting = try await t.token(for: "promoter", on: app)
            let short = try #require(
                HTTP.object(try await create(#"{"name":"day","expires_in_days":1}"#, with: lasting))["secret"] as? String)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(short)).status == .ok)
            clock.advance(by: 86_400 + 1)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(short)).status == .unauthorized, "expired")
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(lasting)).status == .ok)
        }
    }

    @Test(
        "anonymous pages store no session; ended sessions are swept by their start, a bounded batch at a time",
        arguments: TestDatabase.available)
    func sessionsKept(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let sessions = SessionRepository(database: app.db)
            for path in ["/login", "/login?lang=en", "/", "/nothing-here", "/login"] {
                _ = try await app.testing().sendRequest(.GET, path)
            }
            let visitor = BrowserSession(app: app)
            try await visitor.get("/login")
            try await visitor.post("/language", ["language": "en", "back": "/login"])
            #expect(try await visitor.get("/login").body.string.contains("Sign in"), "the language choice holds without a session")
            #expect(try await keptSessions(app).isEmpty, "nobody signed in: nothing kept")
            try await visitor.signIn("designer", password: TestTenancy.password)
            #expect(try await keptSessions(app).count == 1)

            let old = Date().addingTimeInterval(-SessionExpiry.lifetime - 3600)
            for i in 0..<600 { try await sessions.create(key: "old-\(i)", data: "{}", at: old.addingTimeInterval(Double(i))) }
            #expect(try await SessionExpiry.sweep(on: app.db, at: Date()) == 500, "one batch")
            #expect(try await SessionExpiry.sweep(on: app.db, at: Date()) == 100)
            #expect(try await keptSessions(app).count == 1, "the live session stays")
            #expect(try await visitor.get("/").status == .ok)
        }
    }

    @Test("a page's unknown choice or flag answers 422 naming the parameter, never a silent default", arguments: TestDatabase.available)
    func pageParameters(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let visitor = BrowserSession(app: app)
            let lang = try await visitor.get("/login?lang=fr")
            #expect(lang.status == .unprocessableEntity && lang.body.string.contains("lang"))
            #expect(try await visitor.get("/login?lang=en").status == .ok)
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            for (path, parameter) in [
                ("/audit?chain=client:\(t.clientA1.id)&verify=maybe", "verify"),
                ("/clients/\(t.clientA1.id)/catalog.csv?encoding=latin1", "encoding"),
                ("/stores/\(t.storeA1.id)/orders.csv?encoding=big5", "encoding"),
                ("/stores/\(t.storeA1.id)/orders.xlsx?to_ship=2", "to_ship"),
            ] {
                let response = try await admin.get(path)
                #expect(response.status == .unprocessableEntity, "\(path)")
                #expect(response.body.string.contains(parameter), "\(path) names \(parameter)")
            }
            #expect(try await admin.get("/audit?chain=client:\(t.clientA1.id)&verify=true").status == .ok)
            #expect(try await admin.get("/clients/\(t.clientA1.id)/catalog.csv?encoding=gb18030").status == .ok)
        }
    }
}
