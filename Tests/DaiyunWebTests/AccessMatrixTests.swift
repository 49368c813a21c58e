import DaiyunCore
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

/// Every role × every route kind × own store / other store / other agency, through the real HTTP
/// API with each role's own token. A wrong cell fails the test, naming it.
@Suite("Access rule matrix")
struct AccessMatrixTests {
    static let roles = ["admin", "store_manager", "designer", "promoter", "cs_agent", "warehouse", "viewerA1"]

    enum Target: String, CaseIterable { case own, otherStore, otherAgency }

    enum RouteKind: String, CaseIterable {
        case readStore, editStore, readClient, editClient, createStore, listStores, readAudit, assignStaff, listUsers
        case readOrders, readStock, changeStock, importOrders
        case readSync, connectStore, requestSync, shipOrder
    }

    /// The expected status of each cell. Staff and brand viewers "own" storeA1 (assigned / their
    /// client's); the other store is storeA2 of the same agency; the other agency's is storeB.
    static func expected(_ role: String, _ kind: RouteKind, _ target: Target) -> UInt {
        let admin = role == "admin"
        let manager = role == "store_manager"
        let viewer = role == "viewerA1"
        switch kind {
        case .readStore, .readClient:
            return target == .otherAgency ? 404 : (admin || target == .own ? 200 : 404)
        case .editStore:
            if target == .otherAgency { return 404 }
            if admin { return 200 }
            return target == .own ? (manager ? 200 : 403) : 404
        case .editClient:
            if target == .otherAgency { return 404 }
            if admin { return 200 }
            return target == .own ? 403 : 404
        case .createStore:
            if admin { return target == .otherAgency ? 422 : 201 }
            return target == .own ? 403 : 422
        case .listStores:
            // 200 when the target is listed, 204 standing for "answered 200 without it".
            return target == .otherAgency ? 204 : (admin || target == .own ? 200 : 204)
        case .readAudit:
            if target == .otherAgency { return 404 }
            if admin { return 200 }
            if viewer { return target == .own ? 200 : 404 }
            return target == .own ? 403 : 404
        case .assignStaff:
            if admin { return target == .otherAgency ? 422 : 201 }
            return viewer ? 404 : 403
        case .listUsers:
            return admin ? 200 : (viewer ? 404 : 403)
        case .readOrders:
            return expected(role, .readStore, target)
        case .readStock:
            return expected(role, .readClient, target)
        case .changeStock:
            // Past the access check, the made-up SKU is refused with 422.
            if target == .otherAgency { return 404 }
            if admin { return 422 }
            if target != .own { return 404 }
            return role == "warehouse" || manager ? 422 : 403
        case .importOrders:
            if target == .otherAgency { return 404 }
            if admin { return 201 }
            if target != .own { return 404 }
            return manager ? 201 : 403
        case .readSync:
            return expected(role, .readStore, target)
        case .requestSync:
            // The admin's connectStore cell (run first) connected the own store (Tmall): allowed requests are
            // queued; the other store (Pinduoduo) has no connection: 422.
            let importing = expected(role, .importOrders, target)
            return importing == 201 ? (target == .own ? 202 : 422) : importing
        case .connectStore:
            // Past the access check, only Tmall and Taobao stores connect today: the other store is Pinduoduo.
            let editing = expected(role, .editStore, target)
            return editing == 200 && target == .otherStore ? 422 : editing
        case .shipOrder:
            // Past the access check, the made-up carrier is refused with 422.
            return expected(role, .changeStock, target)
        }
    }

    @Test("the API answers every cell as the access rules say", arguments: TestDatabase.available)
    func apiMatrix(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            var tokens: [String: String] = [:]
            for role in Self.roles { tokens[role] = try await t.token(for: role, on: app) }
            var shop = 0
            var wrong: [String] = []
            for role in Self.roles {
                for kind in RouteKind.allCases {
                    for target in Target.allCases {
                        let (store, client): (Store, Client) =
                            switch target {
                            case .own: (t.storeA1, t.clientA1)
                            case .otherStore: (t.storeA2, t.clientA2)
                            case .otherAgency: (t.storeB, t.clientB)
                            }
                        shop += 1
                        let status = try await Self.call(
                            app, kind, token: tokens[role]!, store: store, client: client, staff: t["spare"], shop: shop)
                        let want = Self.expected(role, kind, target)
                        if status != want { wrong.append("\(role) \(kind) \(target): got \(status), want \(want)") }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.count) wrong cells:\n\(wrong.joined(separator: "\n"))")
        }
    }

    static func call(_ app: Application, _ kind: RouteKind, token: String, store: Store, client: Client, staff: User, shop: Int)
        async throws -> UInt
    {
        let tester = try app.testing()
        func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> TestingHTTPResponse {
            try await tester.sendRequest(method, path, headers: HTTP.api(token, json: body != nil), body: body.map(HTTP.body))
        }
        switch kind {
        case .readStore: return try await send(.GET, "/api/v1/stores/\(store.id)").status.code
        case .editStore: return try await send(.PATCH, "/api/v1/stores/\(store.id)", #"{"status":"paused"}"#).status.code
        case .readClient: return try await send(.GET, "/api/v1/clients/\(client.id)").status.code
        case .editClient: return try await send(.PATCH, "/api/v1/clients/\(client.id)", #"{"name":"\#(client.name)"}"#).status.code
        case .createStore:
            let body =
                #"{"client_id":"\#(client.id)","channel":"tmall","shop_id":"new-\#(shop)","name":"New","taken_over_on":"2026-11-01"}"#
            return try await send(.POST, "/api/v1/stores", body).status.code
        case .listStores:
            let response = try await send(.GET, "/api/v1/stores")
            guard response.status == .ok else { return response.status.code }
            let items = HTTP.object(response)["items"] as? [[String: Any]] ?? []
            return items.contains { $0["id"] as? String == store.id.description } ? 200 : 204
        case .readAudit: return try await send(.GET, "/api/v1/audit/chains/client:\(client.id)/entries").status.code
        case .assignStaff:
            return try await send(.POST, "/api/v1/users/\(staff.id)/assignments", #"{"store_id":"\#(store.id)","role":"promoter"}"#).status
                .code
        case .listUsers: return try await send(.GET, "/api/v1/users").status.code
        case .readOrders: return try await send(.GET, "/api/v1/stores/\(store.id)/orders").status.code
        case .readStock: return try await send(.GET, "/api/v1/clients/\(client.id)/stock").status.code
        case .changeStock:
            let body = #"{"sku_id":"\#(UUID())","warehouse_id":"\#(UUID())","kind":"receipt","quantity":1,"reason":"test"}"#
            return try await send(.POST, "/api/v1/clients/\(client.id)/stock/changes", body).status.code
        case .importOrders:
            let csv = "订单编号,订单状态,买家实际支付金额,订单创建时间,订单付款时间\n\(8_000_000 + shop),交易成功,9.90,2026-11-01 10:00:00,2026-11-01 10:00:05\n"
            return try await tester.sendRequest(
                .POST, "/api/v1/imports?kind=orders&target=store:\(store.id)", headers: HTTP.api(token), body: HTTP.body(csv)
            ).status.code
        case .readSync: return try await send(.GET, "/api/v1/stores/\(store.id)/sync").status.code
        case .requestSync: return try await send(.POST, "/api/v1/stores/\(store.id)/sync").status.code
        case .connectStore:
            let body =
                #"{"endpoint":"http://127.0.0.1:9/router/rest","app_key":"k","app_secret":"s","session":"x","sync_every_seconds":600}"#
            return try await send(.PUT, "/api/v1/stores/\(store.id)/connection", body).status.code
        case .shipOrder:
            return try await send(
                .POST, "/api/v1/stores/\(store.id)/orders/123/shipments", #"{"company_code":"NOPE","waybill":"SF123456"}"#
            ).status.code
        }
    }

    @Test("pages follow the same rules: view, edit and staff pages per role", arguments: TestDatabase.available)
    func pageMatrix(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            var wrong: [String] = []
            for role in Self.roles {
                let browser = BrowserSession(app: app)
                try await browser.signIn(t[role].login, password: TestTenancy.password)
                for target in Target.allCases {
                    let store = [Target.own: t.storeA1, .otherStore: t.storeA2, .otherAgency: t.storeB][target]!
                    let view = try await browser.get("/stores/\(store.id)").status.code
                    let wantView = Self.expected(role, .readStore, target)
                    if view != wantView { wrong.append("\(role) GET store \(target): \(view) != \(wantView)") }
                    let edit = try await browser.post("/stores/\(store.id)", ["status": "paused"]).status.code
                    let wantEdit: UInt = Self.expected(role, .editStore, target) == 200 ? 303 : Self.expected(role, .editStore, target)
                    if edit != wantEdit { wrong.append("\(role) POST store \(target): \(edit) != \(wantEdit)") }
                }
                let staff = try await browser.get("/staff").status.code
                let wantStaff = Self.expected(role, .listUsers, .own)
                if staff != wantStaff { wrong.append("\(role) GET /staff: \(staff) != \(wantStaff)") }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        }
    }

    @Test("every route but the public few turns away anonymous requests", arguments: TestDatabase.available)
    func everyRouteNeedsSignIn(_ database: TestDatabase) async throws {
        let open: Set<String> = [
            "GET /healthz", "GET /metrics", "GET /login", "POST /login", "POST /logout", "POST /language", "GET /api/v1/openapi.yaml",
            "GET /api-docs", "GET /invitations/:secret",
        ]
        try await withTestApp(database) { app in
            let tester = try app.testing()
            var checked = 0
            for route in app.routes.all {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                let key = "\(route.method.rawValue) \(pattern)"
                if open.contains(key) { continue }
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter = component { return UUID().uuidString }
                        return component.description
                    }.joined(separator: "/")
                let response = try await tester.sendRequest(route.method, path)
                checked += 1
                if pattern.hasPrefix("/api/") {
                    #expect(response.status == .unauthorized, "\(key) answered \(response.status)")
                    #expect(HTTP.object(response)["error"] as? String == "unauthorized")
                } else if route.method == .GET {
                    #expect(
                        response.status == .seeOther && response.headers.first(name: .location)?.hasPrefix("/login") == true,
                        "\(key) answered \(response.status)")
                } else {
                    // Unsafe page requests are refused before anything else: no CSRF token.
                    #expect(response.status == .forbidden, "\(key) answered \(response.status)")
                }
            }
            #expect(checked >= 30)
        }
    }
}
