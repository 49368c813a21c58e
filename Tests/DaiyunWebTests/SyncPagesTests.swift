import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWeb
import DaiyunWebTestSupport
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The store sync page and API: connecting keeps secrets out of pages and logs, "sync now"
/// queues a job, a dead job can be retried.
@Suite("Store sync page")
struct SyncPagesTests {
    @Test("connect, sync now and retry from the page; secrets never shown", arguments: TestDatabase.available)
    func page(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let browser = BrowserSession(app: app)
            try await browser.signIn(t["store_manager"].login, password: TestTenancy.password)
            let empty = try await browser.get("/stores/\(t.storeA1.id)/sync")
            #expect(empty.status == .ok && empty.body.string.contains("id=\"not-connected\""))

            let form = [
                "endpoint": "http://127.0.0.1:9/router/rest", "app_key": "demo-key", "app_secret": "TOP-SECRET-VALUE",
                "session": "SESSION-VALUE-123", "sign_method": "hmac", "sync_every_seconds": "120",
            ]
            #expect(
                try await browser.post("/stores/\(t.storeA1.id)/connection", form, csrf: false).status == .forbidden, "CSRF guards the form"
            )
            var bad = form
            bad["endpoint"] = "ftp://example.com"
            let refused = try await browser.post("/stores/\(t.storeA1.id)/connection", bad)
            #expect(refused.status == .seeOther)
            #expect(try await app.channelConnections.connection(store: t.storeA1.id) == nil, "a bad form saves nothing")
            bad["endpoint"] = "http://169.254.169.254/latest/meta-data"
            try await browser.get("/stores/\(t.storeA1.id)/sync")
            try await browser.post("/stores/\(t.storeA1.id)/connection", bad)
            #expect(
                try await browser.get("/stores/\(t.storeA1.id)/sync").body.string.contains("须为渠道的官方网关"), "no call to a host nobody allowed")
            #expect(try await app.channelConnections.connection(store: t.storeA1.id) == nil)
            #expect(try await browser.post("/stores/\(t.storeA1.id)/connection", form).status == .seeOther)

            let shown = try await browser.get("/stores/\(t.storeA1.id)/sync").body.string
            #expect(
                shown.contains("demo-key") && shown.contains("hmac") && !shown.contains("TOP-SECRET-VALUE")
                    && !shown.contains("SESSION-VALUE-123"))
            #expect(try await browser.post("/stores/\(t.storeA1.id)/sync", [:]).status == .seeOther)
            let queued = try await JobQueue(database: app.db).jobs(store: t.storeA1.id)
            #expect(queued.count == 1 && queued[0].kind == .sync && queued[0].status == .queued)
            #expect(try await browser.get("/stores/\(t.storeA1.id)/sync").body.string.contains("job-queued"))

            // The job dies (as on a refused signature); the page offers a retry.
            let job = try #require(try await JobQueue(database: app.db).claim(worker: "t", now: Date()).first)
            try await JobQueue(database: app.db).fail(job, error: .test("TOP error 25: Invalid Signature"), final: true, now: Date())
            let dead = try await browser.get("/stores/\(t.storeA1.id)/sync").body.string
            #expect(dead.contains("Invalid Signature") && dead.contains("/jobs/\(job.id.uuidString.lowercased())/retry"))
            #expect(try await browser.post("/stores/\(t.storeA1.id)/jobs/\(job.id.uuidString.lowercased())/retry", [:]).status == .seeOther)
            #expect(try await JobQueue(database: app.db).job(job.id)?.status == .queued)

            let audit = try await AuditLogRepository(database: app.db).allEntries(in: AuditChainKey.client(t.clientA1.id).description)
            let entry = try #require(audit.last { $0.action == "channel.connect" })
            #expect(!(entry.after ?? "").contains("TOP-SECRET") && !(entry.after ?? "").contains("SESSION-VALUE"))
        }
    }

    @Test(
        "secrets are sealed at rest: the row holds neither, another key cannot open them and the sync says so; plain rows are sealed on migrate",
        arguments: TestDatabase.available)
    func sealedAtRest(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let connection = ChannelConnection(
                storeID: t.storeA1.id, endpoint: "http://127.0.0.1:9/router/rest", appKey: "k",
                appSecret: "TOP-SECRET-VALUE", session: "SESSION-VALUE-123")
            try await app.channelConnections.connect(connection, store: t.storeA1, by: WriteContext(actor: "test", now: Date()))
            let sql = try #require(app.db as? any SQLDatabase)
            let stored = try #require(try await sql.raw("SELECT app_secret, session FROM channel_connections").first())
            let secret = try stored.decode(column: "app_secret", as: String.self)
            let session = try stored.decode(column: "session", as: String.self)
            #expect(
                secret.hasPrefix("v1:") && session.hasPrefix("v1:") && !secret.contains("TOP-SECRET") && !session.contains("SESSION-VALUE"))
            #expect(try await app.channelConnections.connection(store: t.storeA1.id) == connection)

            let otherKey = ChannelConnectionRepository(database: app.db, secrets: try SecretBox(base64Key: SecretBox.newKeyText()))
            await #expect(throws: SecretBox.OpenError.self) { try await otherKey.connection(store: t.storeA1.id) }
            #expect(try await otherKey.settings(store: t.storeA1.id)?.appKey == "k", "pages still show the connection")
            let job = Job(
                id: UUID(), scope: .of(t.storeA1), kind: .sync, payload: "{}", dedupeKey: "sync", lockKey: "sync",
                status: .running, attempts: 1, maxAttempts: 8, runAt: Date(), createdAt: Date())
            var registry = JobRegistry()
            registry.registerChannelJobs(database: app.db, secrets: try SecretBox(base64Key: SecretBox.newKeyText()))
            let sync = try #require(registry.handlers[.sync])
            await #expect { try await sync.run(job, now: Date()) } throws: { error in
                guard let failure = error as? JobFailure else { return false }
                return failure.final && failure.message.contains("DAIYUN_SECRETS_KEY")
            }

            try await sql.raw("UPDATE channel_connections SET app_secret = 'PLAIN-SECRET', session = 'PLAIN-SESSION'").run()
            _ = try await MigrationRunner.migrate(app)
            let resealed = try #require(try await sql.raw("SELECT app_secret, session FROM channel_connections").first())
            #expect(try resealed.decode(column: "app_secret", as: String.self).hasPrefix("v1:"))
            #expect(try await app.channelConnections.connection(store: t.storeA1.id)?.session == "PLAIN-SESSION")
        }
    }

    @Test(
        "the API refuses a sync of an unconnected store with 422 and a bad connection with the field named",
        arguments: TestDatabase.available)
    func api(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let token = try await t.token(for: "admin", on: app)
            let tester = try app.testing()
            let unconnected = try await tester.sendRequest(.POST, "/api/v1/stores/\(t.storeA2.id)/sync", headers: HTTP.api(token))
            #expect(unconnected.status == .unprocessableEntity && unconnected.body.string.contains("connection"))
            let body = #"{"endpoint":"http://x/router/rest","app_key":"k","app_secret":"s","session":"x","sync_every_seconds":5}"#
            let tooOften = try await tester.sendRequest(
                .PUT, "/api/v1/stores/\(t.storeA1.id)/connection", headers: HTTP.api(token, json: true), body: HTTP.body(body))
            #expect(tooOften.status == .unprocessableEntity && tooOften.body.string.contains("sync_every_seconds"))
            let pdd = try await tester.sendRequest(
                .PUT, "/api/v1/stores/\(t.storeA2.id)/connection", headers: HTTP.api(token, json: true),
                body: HTTP.body(body.replacingOccurrences(of: ":5}", with: ":60}")))
            #expect(pdd.status == .unprocessableEntity && pdd.body.string.contains("channel"), "only Tmall and Taobao stores connect")
            let malformed = try await tester.sendRequest(
                .PUT, "/api/v1/stores/\(t.storeA2.id)/connection", headers: HTTP.api(token, json: true), body: HTTP.body("{"))
            #expect(malformed.status.code >= 400 && malformed.status.code < 500)
        }
    }

    @Test("the job log and the stock movement log page back in time; a bad page number is refused", arguments: TestDatabase.available)
    func logsPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            for i in 0..<35 {
                try await JobQueue(database: app.db).enqueue(
                    .ship, store: t.storeA1, key: "ship:\(i)", runAt: start, now: start.addingTimeInterval(Double(i)))
            }
            let browser = BrowserSession(app: app)
            try await browser.signIn("admin", password: TestTenancy.password)
            let first = try await browser.get("/stores/\(t.storeA1.id)/sync").body.string
            #expect(first.components(separatedBy: "<tr class=\"job-").count - 1 == 30 && first.contains(#"id="older-jobs""#))
            let second = try await browser.get("/stores/\(t.storeA1.id)/sync?jobs_page=1").body.string
            #expect(second.components(separatedBy: "<tr class=\"job-").count - 1 == 5)
            #expect(second.contains(#"id="newer-jobs""#) && !second.contains(#"id="older-jobs""#))
            #expect(try await browser.get("/stores/\(t.storeA1.id)/sync?jobs_page=-1").status == .unprocessableEntity)

            let context = WriteContext(actor: "job:test", now: start)
            let catalog = CatalogRepository(database: app.db)
            let (_, skus) = try await catalog.createProduct(
                try ProductDraft(title: "面霜", category: "美妆"),
                skus: [try SKUDraft(outerID: "P-1", listPrice: Money(fen: 100), floorPrice: Money(fen: 50), cost: Money(fen: 10))],
                for: t.clientA1, by: context)
            let warehouse = try await catalog.createWarehouse(code: "W", name: "仓", for: t.clientA1, by: context)
            for i in 0..<55 {
                _ = try await InventoryRepository(database: app.db).change(
                    .receipt, sku: skus[0].id, warehouse: warehouse.id, quantity: 1, reason: "到货 \(i)", client: t.clientA1,
                    by: WriteContext(actor: "job:test", now: start.addingTimeInterval(Double(i))))
            }
            let stock = try await browser.get("/clients/\(t.clientA1.id)/stock").body.string
            #expect(stock.contains("到货 54") && !stock.contains("到货 4<") && stock.contains(#"id="older-movements""#))
            let older = try await browser.get("/clients/\(t.clientA1.id)/stock?movements_page=1").body.string
            #expect(older.contains("到货 4<") && !older.contains("到货 54") && older.contains(#"id="newer-movements""#))
        }
    }
}
