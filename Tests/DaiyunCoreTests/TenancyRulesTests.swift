import DaiyunCore
import Foundation
import Testing

@Suite("Tenancy rules")
struct TenancyRulesTests {
    @Test(
        "a store draft names the field at fault",
        arguments: [
            ("wechat", "x1", "Shop", "active", "2026-01-01", "channel"),
            ("tmall", "", "Shop", "active", "2026-01-01", "shop_id"),
            ("tmall", "有中文", "Shop", "active", "2026-01-01", "shop_id"),
            ("tmall", "x1", "  ", "active", "2026-01-01", "name"),
            ("tmall", "x1", "Shop", "closed", "2026-01-01", "status"),
            ("tmall", "x1", "Shop", "active", "2026-02-30", "taken_over_on"),
            ("tmall", "x1", "Shop", "active", "01/02/2026", "taken_over_on"),
        ])
    func storeDraftErrors(_ channel: String, _ shop: String, _ name: String, _ status: String, _ day: String, _ field: String) {
        #expect {
            _ = try StoreDraft(channel: channel, shopID: shop, name: name, status: status, takenOverOn: day)
        } throws: { ($0 as? ValidationError)?.field == field }
    }

    @Test("a valid store draft is trimmed and typed")
    func storeDraft() throws {
        let draft = try StoreDraft(channel: "douyin", shopID: " dy_01 ", name: " 抖音旗舰店 ", status: "onboarding", takenOverOn: "2026-11-01")
        #expect(draft.channel == .douyin && draft.shopID == "dy_01" && draft.name == "抖音旗舰店")
        #expect(draft.takenOverOn == BusinessDay(year: 2026, month: 11, day: 1))
    }

    @Test("a brand viewer needs a client; staff may not have one")
    func userClients() throws {
        #expect {
            _ = try UserDraft(login: "brand", displayName: "B", kind: "brand_viewer", clientID: nil, password: "abcdefgh12", language: nil)
        } throws: { ($0 as? ValidationError) == ValidationError(field: "client_id", rule: .brandViewerNeedsClient) }
        #expect {
            _ = try UserDraft(
                login: "staff", displayName: "S", kind: "staff", clientID: UUID().uuidString, password: "abcdefgh12", language: nil)
        } throws: { ($0 as? ValidationError) == ValidationError(field: "client_id", rule: .onlyBrandViewersHaveClient) }
        let ok = try UserDraft(login: " Li.Manager ", displayName: "李", kind: "staff", clientID: "", password: "abcdefgh12", language: "en")
        #expect(ok.login == "li.manager" && ok.language == .en && ok.clientID == nil)
    }

    @Test("weak passwords are refused", arguments: ["short1", "onlyletters", "1234567890", String(repeating: "a1", count: 65)])
    func weakPasswords(_ password: String) {
        #expect(throws: ValidationError.self) { try PasswordRules.check(password) }
    }

    @Test("a patch changes only what it names")
    func patch() throws {
        let store = Store(
            id: ID(UUID()), agencyID: ID(UUID()), clientID: ID(UUID()), channel: .jd, shopID: "s", name: "Old",
            status: .active, takenOverOn: BusinessDay("2026-01-01")!)
        let paused = try StorePatch(name: nil, status: "paused").applied(to: store)
        #expect(paused.status == .paused && paused.name == "Old")
    }

    @Test("business days are Asia/Shanghai days")
    func businessDay() {
        // 2026-11-21 16:30 UTC is already 2026-11-22 00:30 in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_795_278_600)
        #expect(BusinessDay(containing: instant).description == "2026-11-22")
        #expect(BusinessDay("2026-11-22")!.start == Date(timeIntervalSince1970: 1_795_276_800))
        #expect(BusinessDay("2024-02-29") != nil && BusinessDay("2026-02-29") == nil)
    }

    @Test("sign-in lock-out after five failures: a minute, then twice as long each time, at most an hour")
    func throttle() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var throttle: SignInThrottle?
        for i in 1...4 {
            throttle = SignInThrottle.counting(attemptAt: start, after: throttle)
            #expect(throttle?.remainingLock(at: start) == nil && throttle?.refuses(at: start) == false, "attempt \(i) does not lock")
        }
        throttle = SignInThrottle.counting(attemptAt: start, after: throttle)
        #expect(throttle?.refuses(at: start) == false && throttle?.locksIfWrong == true, "the fifth attempt is checked, and locks if wrong")
        #expect(throttle?.remainingLock(at: start) == 60 && throttle?.locks == 1, "the first lock lasts a minute")
        throttle = SignInThrottle.counting(attemptAt: start.addingTimeInterval(30), after: throttle)
        #expect(throttle?.refuses(at: start.addingTimeInterval(30)) == true, "the sixth is refused unchecked")
        #expect(throttle?.remainingLock(at: start.addingTimeInterval(30)) == 30, "and does not extend the lock")
        // The lock ran out: a fresh count, and the next lock lasts twice as long.
        var now = start.addingTimeInterval(61)
        throttle = SignInThrottle.counting(attemptAt: now, after: throttle)
        #expect(throttle?.attempts == 1 && throttle?.lockedUntil == nil && throttle?.locks == 1)
        for _ in 2...5 { throttle = SignInThrottle.counting(attemptAt: now, after: throttle) }
        #expect(throttle?.remainingLock(at: now) == 120 && throttle?.locks == 2)
        #expect(
            [0, 1, 2, 3, 5, 6, 7, 20].map(SignInThrottle.lockDuration(afterLocks:)) == [60, 120, 240, 480, 1920, 3600, 3600, 3600])
        now = now.addingTimeInterval(121)
        #expect(SignInThrottle.counting(attemptAt: now, after: throttle).refuses(at: now) == false)
    }
}

@Suite("Channel gateways")
struct GatewayAllowListTests {
    static let allowed = GatewayAllowList(extra: ["http://127.0.0.1:8090", "https://top.example.test"])

    @Test(
        "a connection calls an official gateway or an origin the operator allowed, nothing else",
        arguments: [
            ("https://eco.taobao.com/router/rest", true), ("https://gw.api.taobao.com/router/rest", true),
            ("https://gw.api.tbsandbox.com/router/rest", true), ("http://127.0.0.1:8090/router/rest", true),
            ("https://top.example.test:8443/router/rest", true), ("http://127.0.0.1:8091/router/rest", false),
            ("http://169.254.169.254/latest/meta-data", false), ("https://eco.taobao.com.evil.test/router/rest", false),
            ("https://eco.taobao.com@evil.test/router/rest", false), ("http://top.example.test/router/rest", false),
            ("https://user:pw@top.example.test/router/rest", false), ("http://localhost:8090/router/rest", false),
        ])
    func allows(_ endpoint: String, _ allowed: Bool) {
        #expect(Self.allowed.allows(endpoint) == allowed)
    }
}
