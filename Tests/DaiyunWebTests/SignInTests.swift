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
            let t = try await TestTenancy.create(on: app)
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
        "five failures lock a name, existing or not, with a clear message; the lock lifts after 15 minutes",
        arguments: TestDatabase.available)
    func lockOut(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            _ = try await TestTenancy.create(on: app)
            let clock = TestClock()
            app.setClock { clock.now }
            for login in ["designer", "ghost.user"] {
                let browser = BrowserSession(app: app)
                var last: TestingHTTPResponse?
                for _ in 1...5 { last = try await browser.signIn(login, password: "wrong-password-1") }
                #expect(last?.body.string.contains("已锁定") == true, "\(login): the fifth failure locks")
                let right = try await browser.signIn(login, password: TestTenancy.password)
                #expect(
                    right.status == .unauthorized && right.body.string.contains("15 分钟"), "\(login): locked even with the right password")
            }
            clock.advance(by: 15 * 60 + 1)
            let after = try await BrowserSession(app: app).signIn("designer", password: TestTenancy.password)
            #expect(after.status == .seeOther)
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
