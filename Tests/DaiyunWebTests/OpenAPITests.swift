import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import Yams

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the served document describes exactly the API's routes")
    func matchesRoutes() async throws {
        try await withTestApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.yaml")
            #expect(response.status == .ok)
            let document = try #require(try Yams.load(yaml: response.body.string) as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) /api/v1\(path)")
                }
            }
            var served = Set<String>()
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.yaml" else { continue }
                served.insert("\(route.method.rawValue) \(path)")
            }
            #expect(served.subtracting(documented).isEmpty, "routes missing from the document: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
            #expect(served.count >= 20)
        }
    }

    @Test("the API page shows every operation of the document with its parameters, for anyone, without a script")
    func referencePage() async throws {
        try await withTestApp(.sqlite) { app in
            let yaml = try await app.testing().sendRequest(.GET, "/api/v1/openapi.yaml").body.string
            let document = try #require(try Yams.load(yaml: yaml) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let ids = paths.values.flatMap { item in item.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String } }
            let page = try await app.testing().sendRequest(.GET, "/api-docs")
            #expect(page.status == .ok)
            let html = page.body.string
            for id in ids { #expect(html.contains("id=\"\(id)\""), "\(id) has its section") }
            #expect(html.contains("<code>/stores/{storeID}/orders</code>") && html.contains("<code>to_ship</code>"))
            #expect(html.contains(#"<code>&quot;0&quot; | &quot;1&quot;</code>"#), "a choice shows its values")
            #expect(html.contains(#"id="schema-OrderSummary""#) && html.contains("href=\"/api/v1/openapi.yaml\""))
            #expect(!html.contains("<script"), "no script")
            #expect(html.contains("<html lang=\"zh-CN\"") && html.contains("接口地址前缀"), "the page's own words in the reader's language")
        }
    }
}
