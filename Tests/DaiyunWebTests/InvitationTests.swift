import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Invitations")
struct InvitationTests {
    static let now = ShanghaiTime.parse("2026-12-04 09:00:00")!

    @Test(
        "an admin invites a brand's viewer; the link sets a password once, within a week; staff and brands cannot invite",
        arguments: TestDatabase.available)
    func invitation(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            app.setClock { Self.now }
            let tester = try app.testing()
            let body = #"{"login":"new.brand","display_name":"新品牌方","client_id":"\#(t.clientA1.id)","language":"zh-CN"}"#
            for role in ["store_manager", "viewerA1"] {
                let token = try await t.token(for: role, on: app)
                let refused = try await tester.sendRequest(
                    .POST, "/api/v1/invitations", headers: HTTP.api(token, json: true), body: HTTP.body(body))
                #expect(refused.status == (role == "viewerA1" ? .notFound : .forbidden), "\(role)")
            }
            let admin = try await t.token(for: "admin", on: app)
            let created = try await tester.sendRequest(
                .POST, "/api/v1/invitations", headers: HTTP.api(admin, json: true), body: HTTP.body(body))
            #expect(created.status == .created)
            let answer = HTTP.object(created)
            let url = try #require(answer["url"] as? String)
            #expect((answer["user"] as? [String: Any])?["kind"] as? String == "brand_viewer")
            let path = try #require(url.range(of: "/invitations/").map { String(url[$0.lowerBound...]) })

            // Nobody signs in before the password is set.
            let visitor = BrowserSession(app: app)
            #expect(try await visitor.get(path).body.string.contains("new.brand"))
            let weak = try await visitor.post(path, ["password": "short", "confirm_password": "short"])
            #expect(weak.status == .unprocessableEntity && weak.body.string.contains("invitation-error"))
            let mismatch = try await visitor.post(path, ["password": "brand-pass-2026", "confirm_password": "brand-pass-2027"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(
                try await visitor.post(path, ["password": "brand-pass-2026", "confirm_password": "brand-pass-2026"]).status == .seeOther)
            let signedIn = BrowserSession(app: app)
            try await signedIn.signIn("new.brand", password: "brand-pass-2026")
            #expect(try await signedIn.get("/").status == .ok)

            // Once only.
            let again = try await visitor.post(path, ["password": "other-pass-2026", "confirm_password": "other-pass-2026"])
            #expect(again.status == .notFound && again.body.string.contains("已使用或已过期"))
            #expect(try await visitor.get(path).status == .notFound)
            #expect(try await visitor.get("/invitations/" + String(repeating: "0", count: 64)).status == .notFound)

            // A week later a link no longer works.
            let second = try await tester.sendRequest(
                .POST, "/api/v1/invitations", headers: HTTP.api(admin, json: true),
                body: HTTP.body(#"{"login":"late.brand","display_name":"迟到","client_id":"\#(t.clientA1.id)"}"#))
            let lateURL = try #require(HTTP.object(second)["url"] as? String)
            let late = try #require(lateURL.range(of: "/invitations/").map { String(lateURL[$0.lowerBound...]) })
            app.setClock { Self.now.addingTimeInterval(Invitation.lifetime + 1) }
            #expect(try await BrowserSession(app: app).get(late).status == .notFound)

            let chain = try await tester.sendRequest(.GET, "/api/v1/audit/chains/client:\(t.clientA1.id)/entries", headers: HTTP.api(admin))
            let actions = (HTTP.object(chain)["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("invitation.create") && actions.contains("invitation.accept"))
        }
    }
}
