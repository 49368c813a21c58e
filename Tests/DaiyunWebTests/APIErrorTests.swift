import DaiyunCore
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("API errors")
struct APIErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method: HTTPMethod
        var path: String
        var body: String?
        var status: UInt
        var code: String
        var field: String?
        var description: String { name }
    }

    /// Bad requests and their answers: always a 4xx with a JSON body, never a 500.
    static let cases: [Case] = [
        Case(name: "malformed JSON", method: .POST, path: "/api/v1/clients", body: "{\"name\": ", status: 400, code: "malformed_request"),
        Case(
            name: "a JSON array where an object belongs", method: .POST, path: "/api/v1/clients", body: "[1,2]", status: 400,
            code: "malformed_request"),
        Case(name: "missing field", method: .POST, path: "/api/v1/clients", body: "{}", status: 422, code: "invalid_field", field: "name"),
        Case(
            name: "wrong type", method: .POST, path: "/api/v1/clients", body: #"{"name": 5}"#, status: 422, code: "invalid_field",
            field: "name"),
        Case(
            name: "empty name", method: .POST, path: "/api/v1/clients", body: #"{"name": "  "}"#, status: 422, code: "invalid_field",
            field: "name"),
        Case(
            name: "duplicate client", method: .POST, path: "/api/v1/clients", body: #"{"name": "Client A1"}"#, status: 409,
            code: "duplicate", field: "name"),
        Case(
            name: "unknown channel", method: .POST, path: "/api/v1/stores",
            body: #"{"client_id":"CLIENT","channel":"wechat","shop_id":"x","name":"x","taken_over_on":"2026-01-01"}"#, status: 422,
            code: "invalid_field", field: "channel"),
        Case(
            name: "bad day", method: .POST, path: "/api/v1/stores",
            body: #"{"client_id":"CLIENT","channel":"jd","shop_id":"x","name":"x","taken_over_on":"2026-02-30"}"#, status: 422,
            code: "invalid_field", field: "taken_over_on"),
        Case(
            name: "duplicate shop", method: .POST, path: "/api/v1/stores",
            body: #"{"client_id":"CLIENT","channel":"tmall","shop_id":"a1","name":"x","taken_over_on":"2026-01-01"}"#, status: 409,
            code: "duplicate", field: "shop_id"),
        Case(name: "unknown id", method: .GET, path: "/api/v1/stores/\(UUID())", status: 404, code: "not_found"),
        Case(name: "not an id", method: .GET, path: "/api/v1/stores/not-a-uuid", status: 404, code: "not_found"),
        Case(name: "unknown route", method: .GET, path: "/api/v1/nothing-here", status: 404, code: "not_found"),
        Case(
            name: "bad status", method: .PATCH, path: "/api/v1/stores/STORE", body: #"{"status":"closed"}"#, status: 422,
            code: "invalid_field", field: "status"),
        Case(
            name: "weak password", method: .POST, path: "/api/v1/users",
            body: #"{"login":"new.user","display_name":"N","kind":"staff","password":"short"}"#, status: 422, code: "invalid_field",
            field: "password"),
        Case(
            name: "duplicate login", method: .POST, path: "/api/v1/users",
            body: #"{"login":"designer","display_name":"N","kind":"staff","password":"abcdefgh12"}"#, status: 409, code: "duplicate",
            field: "login"),
        Case(
            name: "viewer of another agency's client", method: .POST, path: "/api/v1/users",
            body: #"{"login":"spy","display_name":"N","kind":"brand_viewer","client_id":"OTHERCLIENT","password":"abcdefgh12"}"#,
            status: 422, code: "invalid_field", field: "client_id"),
        Case(
            name: "assign a brand viewer", method: .POST, path: "/api/v1/users/VIEWER/assignments",
            body: #"{"store_id":"STORE","role":"designer"}"#, status: 422, code: "invalid_field", field: "user_id"),
        Case(
            name: "unknown role", method: .POST, path: "/api/v1/users/SPARE/assignments", body: #"{"store_id":"STORE","role":"boss"}"#,
            status: 422, code: "invalid_field", field: "role"),
        Case(name: "bad audit chain", method: .GET, path: "/api/v1/audit/chains/nonsense/entries", status: 404, code: "not_found"),
    ]

    @Test("bad requests get a 4xx with a JSON message naming the field", arguments: TestDatabase.available, cases)
    func badRequests(_ database: TestDatabase, _ c: Case) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let token = try await t.token(for: "admin", on: app)
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "OTHERCLIENT", with: t.clientB.id.description)
                    .replacingOccurrences(of: "CLIENT", with: t.clientA1.id.description)
                    .replacingOccurrences(of: "STORE", with: t.storeA1.id.description)
                    .replacingOccurrences(of: "VIEWER", with: t["viewerA1"].id.description)
                    .replacingOccurrences(of: "SPARE", with: t["spare"].id.description)
            }
            let response = try await app.testing().sendRequest(
                c.method, fill(c.path), headers: HTTP.api(token, json: c.body != nil), body: c.body.map { HTTP.body(fill($0)) })
            #expect(response.status.code == c.status, "\(c.name): \(response.body.string)")
            let body = HTTP.object(response)
            #expect(body["error"] as? String == c.code)
            #expect((body["message"] as? String)?.isEmpty == false)
            if let field = c.field { #expect(body["field"] as? String == field) }
        }
    }

    @Test("no token, an unknown token and a revoked token are 401", arguments: TestDatabase.available)
    func tokens(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let tester = try app.testing()
            #expect(try await tester.sendRequest(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api("dyt_nonsense")).status == .unauthorized)

            let token = try await t.token(for: "designer", on: app)
            let me = try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(token))
            #expect(me.status == .ok && HTTP.object(me)["login"] as? String == "designer")
            let list = try await tester.sendRequest(.GET, "/api/v1/tokens", headers: HTTP.api(token))
            let items = HTTP.object(list)["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items[0]["secret"] == nil && !list.body.string.contains(token), "the secret is never listed")
            let id = items[0]["id"] as! String
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/tokens/\(id)", headers: HTTP.api(token)).status == .noContent)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: HTTP.api(token)).status == .unauthorized)
        }
    }

    @Test("the API creates what the pages show, with snake_case fields", arguments: TestDatabase.available)
    func roundTrip(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let token = try await t.token(for: "admin", on: app)
            let tester = try app.testing()
            let created = try await tester.sendRequest(
                .POST, "/api/v1/stores", headers: HTTP.api(token, json: true),
                body: HTTP.body(
                    #"{"client_id":"\#(t.clientA2.id)","channel":"xiaohongshu","shop_id":"xhs-9","name":"小红书店","taken_over_on":"2026-11-20"}"#
                ))
            #expect(created.status == .created)
            let store = HTTP.object(created)
            #expect(
                store["shop_id"] as? String == "xhs-9" && store["status"] as? String == "onboarding"
                    && store["taken_over_on"] as? String == "2026-11-20")
            let patched = try await tester.sendRequest(
                .PATCH, "/api/v1/stores/\(store["id"]!)", headers: HTTP.api(token, json: true), body: HTTP.body(#"{"status":"active"}"#))
            #expect(HTTP.object(patched)["status"] as? String == "active")
            let entries = try await tester.sendRequest(
                .GET, "/api/v1/audit/chains/client:\(t.clientA2.id)/entries?action=store.update", headers: HTTP.api(token))
            let items = HTTP.object(entries)["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items[0]["actor"] as? String == "user:admin")
        }
    }
}
