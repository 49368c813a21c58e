import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Staff and account pages")
struct StaffAndAccountTests {
    @Test("an admin creates an account, assigns it, and the new staff member sees that store only", arguments: TestDatabase.available)
    func staffFlow(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            try await admin.get("/staff")
            let created = try await admin.post(
                "/staff", ["login": "new.hire", "display_name": "新同事", "kind": "staff", "client_id": "", "password": "welcome2026x"])
            #expect(created.status == .seeOther)
            let user = try #require(try await UserRepository(database: app.db).credentials(login: "new.hire")).user
            let staffPage = try await admin.get("/staff")
            #expect(staffPage.body.string.contains("新同事"))
            try await admin.post(
                "/staff/assignments", ["user_id": user.id.description, "store_id": t.storeA2.id.description, "role": "cs_agent"])
            let assignments = try await UserRepository(database: app.db).assignments(of: user.id)
            #expect(assignments.map(\.storeID) == [t.storeA2.id] && assignments.map(\.role) == [.csAgent])

            let hire = BrowserSession(app: app)
            try await hire.signIn("new.hire", password: "welcome2026x")
            let home = try await hire.get("/").body.string
            #expect(home.contains("Store a2") && !home.contains("Store a1"))

            try await admin.get("/staff")
            try await admin.post("/staff/assignments/\(assignments[0].id)/delete", [:])
            #expect(try await hire.get("/stores/\(t.storeA2.id)").status == .notFound, "access ends with the assignment")

            let entries = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA2.id)")
            #expect(entries.suffix(2).map(\.action) == ["assignment.create", "assignment.delete"])
            #expect(entries.last?.actor == "user:admin")
        }
    }

    @Test(
        "a page's writes take their ids from the app's generator: the session, the account and its audit entry",
        arguments: TestDatabase.available)
    func idsFromTheApp(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let ids = CountingIDs()
            app.setIDs(ids)
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            try await admin.get("/staff")
            try await admin.post(
                "/staff", ["login": "new.hire", "display_name": "新同事", "kind": "staff", "client_id": "", "password": "welcome2026x"])
            let user = try #require(try await UserRepository(database: app.db).credentials(login: "new.hire")).user
            #expect(ids.made(user.id.rawValue))
            let sessions = try await (app.db as! any SQLDatabase).raw("SELECT id FROM sessions").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            #expect(!sessions.isEmpty && sessions.allSatisfy(ids.made))
            let entries = try await (app.db as! any SQLDatabase).raw(
                "SELECT id FROM audit_entries WHERE entity_id = \(bind: user.id.description)"
            ).all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            #expect(entries.count == 1 && entries.allSatisfy(ids.made))
        }
    }

    @Test("a bad account form is refused with the field named and nothing created", arguments: TestDatabase.available)
    func badAccount(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            try await admin.get("/staff")
            try await admin.post("/staff", ["login": "x", "display_name": "X", "kind": "staff", "password": "welcome2026x"])
            #expect(try await admin.get("/staff").body.string.contains("登录名：须为 3–40 位"))
            #expect(try await UserRepository(database: app.db).credentials(login: "x") == nil)
        }
    }

    @Test("a token is shown once on the account page, works on the API, and can be revoked", arguments: TestDatabase.available)
    func tokens(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let user = BrowserSession(app: app)
            try await user.signIn("viewera1", password: TestTenancy.password)
            try await user.get("/account")
            let created = try await user.post("/account/tokens", ["name": "报表脚本"])
            let html = created.body.string
            let range = try #require(html.range(of: #"dyt_[0-9a-f]{64}"#, options: .regularExpression))
            let secret = String(html[range])
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/stores", headers: HTTP.api(secret)).status == .ok)
            let again = try await user.get("/account").body.string
            #expect(!again.contains(secret) && again.contains("报表脚本"), "the secret is shown once only")
            let viewer = try #require(try await UserRepository(database: app.db).credentials(login: "viewera1")).user
            let id = try #require(try await APITokenRepository(database: app.db).tokens(of: viewer.id).first).id
            try await user.post("/account/tokens/\(id.uuidString.lowercased())/revoke", [:])
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/stores", headers: HTTP.api(secret)).status == .unauthorized)
        }
    }

    @Test("the chosen language is the user's own and every page follows it", arguments: TestDatabase.available)
    func language(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let user = BrowserSession(app: app)
            try await user.signIn("designer", password: TestTenancy.password)
            #expect(try await user.get("/").body.string.contains(#"<html lang="zh-CN">"#))
            try await user.post("/language", ["language": "en", "back": "/account"])
            let other = BrowserSession(app: app)
            try await other.signIn("designer", password: TestTenancy.password)
            let page = try await other.get("/account").body.string
            #expect(page.contains(#"<html lang="en">"#) && page.contains("My account"))
            #expect(try await user.post("/language", ["language": "fr"]).status == .unprocessableEntity)
        }
    }
}
