import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DaiyunWeb

@Suite("Sign-in")
struct SignInTests {
    @Test("staff and brand viewers sign in and land on their workbench", arguments: TestDatabase.available)
    func landing(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let staff = BrowserSession(app: app)
            let answer = try await staff.signIn("designer", password: TestTenancy.password)
            #expect(answer.status == .seeOther && answer.headers.first(name: .location) == "/")
            let home = try await staff.get("/")
            #expect(home.status == .ok && home.body.string.contains("Store a1") && !home.body.string.contains("Store a2"))

            let viewer = BrowserSession(app: app)
            let landing = try await viewer.signIn("viewera1", password: TestTenancy.password)
            #expect(landing.headers.first(name: .location) == "/")
            let brandHome = try await viewer.get("/").body.string
            #expect(brandHome.contains("Store a1") && !brandHome.contains("Store b1"), "the brand's own stores only")
        }
    }

    @Test("a wrong password and an unknown name get the same answer", arguments: TestDatabase.available)
    func noEnumeration(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let known = try await BrowserSession(app: app).signIn("designer", password: "wrong-password-1")
            let unknown = try await BrowserSession(app: app).signIn("nobody", password: "wrong-password-1")
            #expect(known.status == .unauthorized && unknown.status == .unauthorized)
            let message = "登录名或密码错误。"
            #expect(known.body.string.contains(message) && unknown.body.string.contains(message))
        }
    }

    @Test(
        "five failures lock a name from that address, existing or not, with a clear message; the owner elsewhere signs in; the lock lifts after a minute",
        arguments: TestDatabase.available)
    func lockOut(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let clock = TestClock()
            app.setClock { clock.now }
            for login in ["designer", "ghost.user"] {
                let attacker = BrowserSession(app: app, address: "203.0.113.9")
                var last: TestingHTTPResponse?
                for _ in 1...5 { last = try await attacker.signIn(login, password: "wrong-password-1") }
                #expect(last?.body.string.contains("已锁定") == true, "\(login): the fifth failure locks")
                let right = try await attacker.signIn(login, password: TestTenancy.password)
                #expect(
                    right.status == .unauthorized && right.body.string.contains("1 分钟"),
                    "\(login): locked from that address even with the right password")
            }
            let owner = try await BrowserSession(app: app, address: "198.51.100.20").signIn("designer", password: TestTenancy.password)
            #expect(owner.status == .seeOther, "the owner, elsewhere, is not locked out")
            let entries = try await AuditLogRepository(database: app.db).allEntries(
                in: "agency:\(try #require(try await UserRepository(database: app.db).credentials(login: "designer")).user.agencyID)")
            #expect(entries.contains { $0.action == "user.sign_in_locked" && $0.after?.contains("203.0.113.9") == true })
            clock.advance(by: 61)
            let after = try await BrowserSession(app: app, address: "203.0.113.9").signIn("designer", password: TestTenancy.password)
            #expect(after.status == .seeOther)
        }
    }

    @Test(
        "an admin unlocks, resets a password (changed at the next sign-in), disables and enables an account; each is audited",
        arguments: TestDatabase.available)
    func accountControls(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let designer = t["designer"]
            let locked = BrowserSession(app: app)
            for _ in 1...5 { try await locked.signIn("designer", password: "wrong-password-1") }
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            #expect(try await admin.get("/staff").body.string.contains("id=\"unlock-designer\""), "the staff page shows the lock")
            #expect(try await admin.post("/staff/\(designer.id)/unlock", [:]).status == .seeOther)
            #expect(try await locked.signIn("designer", password: TestTenancy.password).status == .seeOther, "unlocked")

            // A reset: the temporary password works once, for the account page only, until changed.
            try await admin.get("/staff")
            #expect(try await admin.post("/staff/\(designer.id)/password", ["password": "temporary2026x"]).status == .seeOther)
            let user = BrowserSession(app: app)
            let signIn = try await user.signIn("designer", password: "temporary2026x")
            #expect(signIn.headers.first(name: .location) == "/account")
            #expect(try await user.get("/account").body.string.contains("id=\"must-change\""))
            #expect(try await user.get("/").headers.first(name: .location) == "/account", "nothing else until it is changed")
            let mismatch = try await user.post(
                "/account/password",
                ["current_password": "temporary2026x", "new_password": "my-own-pass-77", "confirm_password": "my-own-pass-78"])
            let mismatchPage = try await user.get("/account").body.string
            #expect(mismatch.status == .seeOther && mismatchPage.contains("两次输入不一致"))
            let wrong = try await user.post(
                "/account/password",
                ["current_password": "nope-nope-11", "new_password": "my-own-pass-77", "confirm_password": "my-own-pass-77"])
            let wrongPage = try await user.get("/account").body.string
            #expect(wrong.status == .seeOther && wrongPage.contains("不是当前密码"))
            try await user.post(
                "/account/password",
                ["current_password": "temporary2026x", "new_password": "my-own-pass-77", "confirm_password": "my-own-pass-77"])
            #expect(try await user.get("/").status == .ok, "changed: the workbench opens")
            #expect(try await BrowserSession(app: app).signIn("designer", password: "my-own-pass-77").status == .seeOther)
            #expect(try await BrowserSession(app: app).signIn("designer", password: "temporary2026x").status == .unauthorized)

            // Disabled: the open session and the API token stop at once; the right password is told why.
            let token = try await t.token(for: "designer", on: app)
            try await admin.get("/staff")
            #expect(try await admin.post("/staff/\(designer.id)/disable", [:]).status == .seeOther)
            #expect(try await user.get("/").status == .seeOther, "the session signs nobody in")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: HTTP.api(token)).status == .unauthorized)
            let refused = try await BrowserSession(app: app).signIn("designer", password: "my-own-pass-77")
            #expect(refused.status == .unauthorized && refused.body.string.contains("已停用"))
            #expect(try await BrowserSession(app: app).signIn("designer", password: "wrong-one-11").body.string.contains("登录名或密码错误"))
            try await admin.get("/staff")
            #expect(try await admin.post("/staff/\(t["admin"].id)/disable", [:]).status == .seeOther, "not themselves")
            #expect(try await BrowserSession(app: app).signIn("admin", password: TestTenancy.password).status == .seeOther)
            try await admin.get("/staff")
            try await admin.post("/staff/\(designer.id)/enable", [:])
            #expect(try await BrowserSession(app: app).signIn("designer", password: "my-own-pass-77").status == .seeOther)

            let actions = try await AuditLogRepository(database: app.db).allEntries(in: "agency:\(t.agencyA.id)").map(\.action)
            for action in ["user.unlock", "user.password_reset", "user.password_change", "user.disable", "user.enable"] {
                #expect(actions.contains(action), "\(action) is audited")
            }
            // Another agency's admin cannot touch the account.
            let stranger = BrowserSession(app: app)
            try await stranger.signIn("adminb", password: TestTenancy.password)
            try await stranger.get("/staff")
            #expect(try await stranger.post("/staff/\(designer.id)/disable", [:]).status == .notFound)
        }
    }

    @Test("signing in issues a new session id; signing out ends the session", arguments: TestDatabase.available)
    func sessions(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let browser = BrowserSession(app: app)
            try await browser.get("/login")
            let before = browser.cookie
            try await browser.post("/login", ["login": "admin", "password": TestTenancy.password])
            #expect(browser.cookie != nil && browser.cookie != before)
            #expect(try await browser.get("/").status == .ok)
            let stale = browser.cookie
            try await browser.get("/account")
            try await browser.post("/logout", [:])
            let again = BrowserSession(app: app)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: stale!)
            let replay = try await app.testing().sendRequest(.GET, "/", headers: headers)
            #expect(replay.status == .seeOther, "the old cookie signs nobody in")
            _ = again
        }
    }

    @Test("forms without the CSRF token are refused and change nothing", arguments: TestDatabase.available)
    func csrf(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let browser = BrowserSession(app: app)
            try await browser.signIn("admin", password: TestTenancy.password)
            let refused = try await browser.post("/stores/\(t.storeA1.id)", ["name": "Hijacked"], csrf: false)
            #expect(refused.status == .forbidden && refused.body.string.contains("表单已过期"))
            let accepted = try await browser.post("/stores/\(t.storeA1.id)", ["name": "Renamed"])
            #expect(accepted.status == .seeOther)
            let page = try await browser.get("/stores/\(t.storeA1.id)")
            #expect(page.body.string.contains("Renamed") && !page.body.string.contains("Hijacked"))
        }
    }

    @Test("a form with a bad field goes back with the reason in the user's language", arguments: TestDatabase.available)
    func formErrors(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let browser = BrowserSession(app: app)
            try await browser.signIn("admin", password: TestTenancy.password)
            let answer = try await browser.post(
                "/clients/\(t.clientA1.id)/stores",
                ["channel": "tmall", "shop_id": "a1", "name": "Dup", "status": "active", "taken_over_on": "2026-01-01"])
            #expect(answer.status == .seeOther)
            #expect(try await browser.get("/clients/\(t.clientA1.id)").body.string.contains("渠道店铺 ID 已被占用"))
            try await browser.post("/language", ["language": "en", "back": "/"])
            try await browser.post(
                "/clients/\(t.clientA1.id)/stores",
                ["channel": "tmall", "shop_id": "new1", "name": "X", "status": "active", "taken_over_on": "2026-13-01"])
            #expect(
                try await browser.get("/clients/\(t.clientA1.id)").body.string.contains("Taken over on: must be a day written YYYY-MM-DD"))
        }
    }

    @Test(
        "a session ends on the server after 12 hours: its cookie signs nobody in, and a sign-in deletes the ended ones",
        arguments: TestDatabase.available)
    func sessionsEnd(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let clock = TestClock()
            app.setClock { clock.now }
            let kept = BrowserSession(app: app)
            let left = BrowserSession(app: app)
            try await kept.signIn("designer", password: TestTenancy.password)
            try await left.signIn("admin", password: TestTenancy.password)
            clock.advance(by: SessionExpiry.lifetime - 60)
            #expect(try await kept.get("/").status == .ok, "still within its 12 hours")

            clock.advance(by: 61)
            let ended = try await kept.get("/")
            #expect(
                ended.status == .seeOther && ended.headers.first(name: .location)?.hasPrefix("/login") == true,
                "ended: asked to sign in again")
            let users = {
                try await keptSessions(app).compactMap {
                    try JSONDecoder().decode(SessionData.self, from: Data($0.utf8))[SessionUserAuthenticator.sessionKey]
                }
            }
            #expect(try await users().count == 1, "the ended session that came back is gone; the one that never did is still kept")

            try await BrowserSession(app: app).signIn("warehouse", password: TestTenancy.password)
            let warehouse = try #require(try await UserRepository(database: app.db).credentials(login: "warehouse")).user.id.description
            #expect(try await users() == [warehouse], "the sign-in swept the ended session away")
            #expect(try await left.get("/").status == .seeOther)
        }
    }

    @Test(
        "the next parameter only leads to paths on this site",
        arguments: ["/stores/x", "//evil.example", "https://evil.example", "/\\evil"])
    func safeNext(_ next: String) {
        let followed = next == "/stores/x"
        #expect((SignInController.safeNext(next) == next) == followed)
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private var current = Date()
    private let lock = NSLock()
    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
