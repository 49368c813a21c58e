import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Contracts and statements")
struct ContractsWebTests {
    static let now = ShanghaiTime.parse("2026-12-04 09:00:00")!

    /// A contract from 1 October 2026 for each client of the test tenancy: a ¥10,000 monthly fee and
    /// 2 % of GMV, with the ad spend passed through.
    static func seed(_ app: Application, _ t: TestTenancy) async throws -> [String: Contract] {
        let context = WriteContext(actor: "user:admin", now: now)
        var made: [String: Contract] = [:]
        for (name, client, store) in [("a1", t.clientA1, t.storeA1), ("a2", t.clientA2, t.storeA2), ("b", t.clientB, t.storeB)] {
            let terms = ContractTerms(
                stores: [store.id], fee: FeeModel(monthlyFee: Money(fen: 1_000_000), commission: .flat(200, on: .gmv)))
            let contract = Contract(
                id: ID(UUID()), clientID: client.id, name: "合同 \(name)", start: BusinessDay("2026-10-01")!, end: nil, noticeDays: 30,
                versions: [ContractVersion(number: 1, effectiveFrom: BusinessDay("2026-10-01")!, terms: terms)])
            made[name] = try await ContractRepository(database: app.db).create(contract, client: client, by: context)
        }
        return made
    }

    @Test(
        "contracts are read by the admins and by their own brand; staff see none; another brand's or agency's answers 404",
        arguments: TestDatabase.available)
    func access(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let contracts = try await Self.seed(app, t)
            app.setClock { Self.now }
            let tester = try app.testing()
            var wrong: [String] = []
            for role in ["admin", "store_manager", "promoter", "viewerA1"] {
                let token = try await t.token(for: role, on: app)
                let listed = try await tester.sendRequest(.GET, "/api/v1/contracts", headers: HTTP.api(token))
                let names = (HTTP.object(listed)["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
                let expectedNames: [String] = role == "admin" ? ["合同 a1", "合同 a2"] : role == "viewerA1" ? ["合同 a1"] : []
                if names != expectedNames { wrong.append("\(role) lists \(names)") }
                for (name, contract) in contracts {
                    let want: UInt =
                        switch (role, name) {
                        case (_, "b"): 404
                        case ("admin", _): 200
                        case ("viewerA1", "a1"): 200
                        case ("viewerA1", _): 404
                        case (_, "a1"): 403
                        default: 404
                        }
                    for path in ["/api/v1/contracts/\(contract.id)", "/api/v1/contracts/\(contract.id)/statements/2026-11"] {
                        let got = try await tester.sendRequest(.GET, path, headers: HTTP.api(token)).status.code
                        if got != want { wrong.append("\(role) GET \(path) (\(name)): \(got), want \(want)") }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        }
    }

    @Test(
        "the agency drafts and sends, the brand disputes a line, the agency revises, the brand confirms, the agency makes it final; nothing moves after",
        arguments: TestDatabase.available)
    func lifecycle(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let contract = try #require(try await Self.seed(app, t)["a1"])
            app.setClock { Self.now }
            let tester = try app.testing()
            let (admin, brand) = (try await t.token(for: "admin", on: app), try await t.token(for: "viewerA1", on: app))
            let base = "/api/v1/contracts/\(contract.id)/statements"
            func post(_ step: String, _ token: String, month: String = "2026-11", body: String? = nil) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(
                    .POST, "\(base)/\(month)/\(step)", headers: HTTP.api(token, json: body != nil), body: body.map(HTTP.body))
            }
            #expect(try await post("draft", brand).status == .forbidden, "the brand does not draft")
            #expect(try await post("send", admin).status == .notFound, "nothing drafted to send")
            let future = try await post("draft", admin, month: "2026-12")
            #expect(future.status == .unprocessableEntity && HTTP.object(future)["field"] as? String == "month", "the month has not ended")
            let malformed = try await post("draft", admin, month: "2026-13")
            #expect(malformed.status == .unprocessableEntity && HTTP.object(malformed)["field"] as? String == "month")
            #expect(try await post("approve", admin).status == .unprocessableEntity, "an unknown step is named")

            let draft = HTTP.object(try await post("draft", admin))
            #expect(draft["state"] as? String == "draft" && draft["revision"] as? Int == 1)
            #expect((draft["figures"] as? [String: Any])?["total"] as? Int == 1_000_000, "the fee alone: no sales")
            #expect(try await post("confirm", admin).status == .forbidden, "the admin cannot answer for the brand")
            // A draft is the agency's: the brand sees the month as not yet sent, and cannot act on it.
            let unsent = try await tester.sendRequest(.GET, "\(base)/2026-11", headers: HTTP.api(brand))
            #expect(HTTP.object(unsent)["state"] as? String == "none" && HTTP.object(unsent)["revision"] == nil)
            #expect(try await post("confirm", brand).status == .notFound)
            #expect(try await post("send", admin).status == .ok)
            #expect(try await post("send", admin).status == .conflict, "sent already")
            let badLine = try await post("dispute", brand, body: #"{"line":9,"comment":"?"}"#)
            #expect(badLine.status == .unprocessableEntity && HTTP.object(badLine)["field"] as? String == "line")
            let noComment = try await post("dispute", brand, body: #"{"line":0,"comment":""}"#)
            #expect(noComment.status == .unprocessableEntity && HTTP.object(noComment)["field"] as? String == "comment")
            let disputed = HTTP.object(try await post("dispute", brand, body: #"{"line":0,"comment":"服务费应按合同第 2 版"}"#))
            #expect(disputed["state"] as? String == "disputed")
            #expect((disputed["events"] as? [[String: Any]])?.last?["comment"] as? String == "服务费应按合同第 2 版")
            #expect(try await post("revise", brand).status == .forbidden)
            let revised = HTTP.object(try await post("revise", admin))
            #expect(revised["state"] as? String == "sent" && revised["revision"] as? Int == 2)
            #expect(try await post("confirm", brand).status == .ok)
            let final = HTTP.object(try await post("finalize", admin))
            #expect(final["state"] as? String == "final" && final["intact"] as? Bool == true)
            #expect(final["content_hash"] as? String == final["data_hash"] as? String, "the data gives it again")
            for (step, token) in [("draft", admin), ("send", admin), ("revise", admin), ("finalize", admin), ("confirm", brand)] {
                #expect(try await post(step, token).status == .conflict, "\(step) on a final statement")
            }
            let revisions = HTTP.object(try await tester.sendRequest(.GET, base, headers: HTTP.api(brand)))["items"] as? [[String: Any]]
            #expect(revisions?.map { $0["revision"] as? Int } == [2, 1])

            // Each step is in the client's audit chain, read by the brand.
            let chain = try await tester.sendRequest(
                .GET, "/api/v1/audit/chains/client:\(t.clientA1.id)/entries", headers: HTTP.api(brand))
            let actions = (HTTP.object(chain)["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            for action in [
                "statement.draft", "statement.send", "statement.dispute", "statement.revise", "statement.confirm", "statement.finalize",
            ] {
                #expect(actions.contains(action), "\(action) audited")
            }
        }
    }

    @Test("the statement page shows the arithmetic and each side's steps; the file opens in Excel", arguments: TestDatabase.available)
    func pages(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let contract = try #require(try await Self.seed(app, t)["a1"])
            app.setClock { Self.now }
            let path = "/contracts/\(contract.id)/statements/2026-11"
            let admin = BrowserSession(app: app)
            try await admin.signIn("admin", password: TestTenancy.password)
            var page = try await admin.get(path).body.string
            #expect(page.contains("月服务费 ¥10,000.00 × 30/30 天 = ¥10,000.00") && page.contains("未生成（按当前数据计算）"))
            #expect(page.contains("\(path)/draft") && !page.contains("\(path)/confirm"))
            #expect(try await admin.post("\(path)/draft", [:]).status == .seeOther)
            #expect(try await admin.post("\(path)/send", [:]).status == .seeOther)
            #expect(try await admin.get("/contracts").body.string.contains("合同 a2"))
            #expect(try await admin.get("/contracts/\(contract.id)").body.string.contains("月服务费 ¥10,000.00"))

            let brand = BrowserSession(app: app)
            try await brand.signIn("viewera1", password: TestTenancy.password)
            page = try await brand.get(path).body.string
            #expect(page.contains("\(path)/confirm") && page.contains("dispute-form") && !page.contains("\(path)/finalize"))
            #expect(
                page.contains(
                    try #require(
                        try await StatementRepository(database: app.db).statement(of: contract.id, month: BusinessMonth("2026-11")!)
                    ).contentHash))
            #expect(!(try await brand.get("/contracts").body.string.contains("合同 a2")))
            #expect(try await brand.post("\(path)/dispute", ["line": "0", "comment": "请核对"]).status == .seeOther)
            #expect(try await brand.get(path).body.string.contains("第 1 稿 · 提出异议"))
            #expect(try await brand.get(path).body.string.contains("对第 1 行：请核对"))
            #expect(try await admin.post("\(path)/revise", [:]).status == .seeOther)
            let revised = try await brand.get(path).body.string
            #expect(revised.contains("第 2 稿") && revised.contains("对第 1 行：请核对"), "the dispute stays in the month's history")

            let audit = try await brand.get("/audit").body.string
            #expect(audit.contains("2026-11 结算单第 1 稿：待品牌方确认，应付合计 ¥10,000.00"), "the brand reads the steps in words")
            #expect(audit.contains("合同 a1，合同期 2026-10-01 至 长期") && !audit.contains("contentHash"))
            let csv = try await brand.get("\(path)/download?format=csv")
            #expect(csv.headers.contentType?.subType == "csv" && Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.body.string.contains("应付合计") && csv.body.string.contains("10000.00"))
            let xlsx = try await brand.get("\(path)/download?format=xlsx")
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            let staff = BrowserSession(app: app)
            try await staff.signIn("store_manager", password: TestTenancy.password)
            #expect(try await staff.get(path).status == .forbidden)
        }
    }
}
