import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit log in the web app")
struct AuditWebTests {
    @Test(
        "a brand viewer reads and exports its own chain, which verifies on its own; other chains are hidden",
        arguments: TestDatabase.available)
    func brandPortal(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            try await admin.get("/stores/\(t.storeA1.id)")
            try await admin.post("/stores/\(t.storeA1.id)", ["status": "paused"])

            let viewer = BrowserSession(app: app)
            try await viewer.signIn("viewera1", password: TestTenancy.password)
            let page = try await viewer.get("/audit")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("store.update") && page.body.string.contains("<td>admin</td>"), "the actor by login")
            #expect(try await viewer.get("/audit?chain=agency:\(t.agencyA.id)").status == .notFound)
            #expect(try await viewer.get("/audit?chain=client:\(t.clientA2.id)").status == .notFound)
            #expect(try await viewer.get("/audit/export?client=\(t.clientA2.id)").status == .notFound)

            let clientPage = try await viewer.get("/clients/\(t.clientA1.id)").body.string
            let head = try #require(try await AuditLogRepository(database: app.db).chain(.client(t.clientA1.id))).head
            #expect(clientPage.contains(head.hash) && clientPage.contains(">\(head.count)<"), "the brand sees the chain head")

            let download = try await viewer.get("/audit/export?client=\(t.clientA1.id)")
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let export = try AuditExport.decode(Data(buffer: download.body))
            #expect(try export.verify(expectedHead: head, digest: SHA256Digest()).get() == head)
            #expect(export.entries.allSatisfy { $0.chain == "client:\(t.clientA1.id)" })

            let verified = try await viewer.get("/audit?verify=true").body.string
            #expect(verified.contains("验证通过"))
        }
    }

    @Test("the audit page names a tampered entry when asked to verify", arguments: TestDatabase.available)
    func tamperShows(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let chain = AuditChainKey.client(t.clientA1.id).description
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE audit_entries SET after_json = '{}' WHERE chain_key = \(bind: chain) AND seq = 2"
            ).run()
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            let page = try await admin.get("/audit?chain=\(chain)&verify=true").body.string
            #expect(page.contains("验证失败") && page.contains("entry #2 was edited"))
            let token = try await t.token(for: "admin", on: app)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/audit/chains/\(chain)/verify", headers: HTTP.api(token))
            #expect(HTTP.object(api)["ok"] as? Bool == false)
        }
    }

    @Test("filters narrow the entries and paging keeps them", arguments: TestDatabase.available)
    func filters(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let repo = TenancyRepository(database: app.db)
            var store = t.storeA1
            for i in 0..<60 {
                store = try await repo.updateStore(
                    store, with: try StorePatch(name: "N\(i)", status: nil), by: WriteContext(actor: "job:bulk", now: Date()))
            }
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            let chain = "client:\(t.clientA1.id)"
            let first = try await admin.get("/audit?chain=\(chain)&action=store.update").body.string
            #expect(first.components(separatedBy: "data-action=\"store.update\"").count - 1 == 50)
            #expect(!first.contains("<code>store.create</code>"))
            #expect(first.contains("page=1") && first.contains("action=store.update"))
            let second = try await admin.get("/audit?chain=\(chain)&action=store.update&page=1").body.string
            #expect(second.components(separatedBy: "data-action=\"store.update\"").count - 1 == 10)
            let today = BusinessDay(containing: Date()).description
            let none = try await admin.get("/audit?chain=\(chain)&until=2020-01-01").body.string
            #expect(none.contains("没有符合条件的条目"))
            let some = try await admin.get("/audit?chain=\(chain)&from=\(today)&until=\(today)&actor=job:bulk").body.string
            #expect(some.contains("job:bulk") && !some.contains("job:test-fixture"))
        }
    }
}
