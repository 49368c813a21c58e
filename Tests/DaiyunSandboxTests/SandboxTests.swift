import DaiyunChannels
import DaiyunCore
import DaiyunSimulation
import Foundation
import Testing
import Vapor

@testable import DaiyunSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The sandbox over real HTTP, called through the real TOP client.
@Suite("Platform sandbox")
struct SandboxTests {
    static let skus = [
        SimulatedSKU(outerID: "TEE-M", title: "T恤", properties: "尺码:M", price: Money(fen: 9_900)),
        SimulatedSKU(outerID: "TEE-L", title: "T恤", properties: "尺码:L", price: Money(fen: 9_900)),
        SimulatedSKU(outerID: "COAT", title: "大衣", properties: "颜色:驼色", price: Money(fen: 129_900)),
    ]
    static let allTypes = "fixed,step,guarantee_trade,auto_delivery,ec,cod"

    /// Runs `body` with a sandbox listening on a free loopback port.
    func withSandbox(callsPerSecond: Int = 100, _ body: (SandboxShop, SandboxGateway, String) async throws -> Void) async throws {
        let shop = SandboxShop(nick: "test-shop", session: "session-1", skus: Self.skus, baseOrdersPerDay: 30, seed: 3, historyDays: 20)
        let gateway = SandboxGateway(apps: ["app-1": "secret-1"], shops: [shop], callsPerSecond: callsPerSecond)
        let app = try await Application.make(.testing)
        SandboxServer.routes(app, gateway: gateway, shops: [shop])
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(app.http.server.shared.localAddress?.port)
            try await body(shop, gateway, "http://127.0.0.1:\(port)/router/rest")
        } catch {
            await app.server.shutdown()
            try await app.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    func client(
        _ endpoint: String, secret: String = "secret-1", session: String = "session-1", method: TOPSignMethod = .hmacSHA256,
        clockSkew: TimeInterval = 0, attempts: Int = 5
    ) -> TOPClient {
        TOPClient(
            endpoint: endpoint, credentials: TOPCredentials(appKey: "app-1", appSecret: secret, session: session, signMethod: method),
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10)), now: { Date().addingTimeInterval(clockSkew) })
    }

    func increment(from start: Date, to end: Date, page: Int = 1, types: String? = allTypes) -> TOPRequest {
        var parameters = [
            "fields": "tid,status,modified,orders", "start_modified": ShanghaiTime.format(start),
            "end_modified": ShanghaiTime.format(end), "page_no": String(page), "page_size": "100",
        ]
        parameters["type"] = types
        return TOPRequest(method: "taobao.trades.sold.increment.get", parameters: parameters)
    }

    @Test("every sign method is accepted; a wrong secret, an old timestamp and an unknown session are refused")
    func refusals() async throws {
        try await withSandbox { _, _, endpoint in
            let now = Date()
            for method in TOPSignMethod.allCases {
                _ = try await client(endpoint, method: method).call(increment(from: now.addingTimeInterval(-3600), to: now))
            }
            let badSignature = await #expect(throws: TOPError.self) {
                try await client(endpoint, secret: "wrong").call(increment(from: now.addingTimeInterval(-3600), to: now))
            }
            #expect(badSignature?.code == 25 && badSignature?.family == .signature)
            let oldTimestamp = await #expect(throws: TOPError.self) {
                try await client(endpoint, clockSkew: -11 * 60).call(increment(from: now.addingTimeInterval(-3600), to: now))
            }
            #expect(oldTimestamp?.code == 31 && oldTimestamp?.family == .parameter)
            let badSession = await #expect(throws: TOPError.self) {
                try await client(endpoint, session: "expired").call(increment(from: now.addingTimeInterval(-3600), to: now))
            }
            #expect(badSession?.family == .session && badSession?.subMessage?.contains("重新授权") == true)
            let missing = await #expect(throws: TOPError.self) {
                try await client(endpoint).call(TOPRequest(method: "taobao.trades.sold.increment.get", parameters: ["fields": "tid"]))
            }
            #expect(missing?.code == 40 && missing?.subCode == "isv.missing-parameter:start_modified")
        }
    }

    @Test("calls shaped as the platform's Python SDK sends them are answered: system parameters in the URL, the timestamp in milliseconds")
    func sdkShape() async throws {
        try await withSandbox { _, _, endpoint in
            func send(timestamp: String) async throws -> [String: Any] {
                let now = Date()
                var system = [
                    "app_key": "app-1", "method": "taobao.trades.sold.increment.get", "session": "session-1", "sign_method": "md5",
                    "timestamp": timestamp, "v": "2.0", "format": "json", "partner_id": "top-sdk-python-20160516",
                ]
                let application = [
                    "fields": "tid,status,modified", "start_modified": ShanghaiTime.format(now.addingTimeInterval(-3600)),
                    "end_modified": ShanghaiTime.format(now), "page_size": "40",
                ]
                system["sign"] = TOPSignMethod.md5.sign(system.merging(application) { a, _ in a }, secret: "secret-1")
                var url = URLComponents(string: endpoint)!
                url.queryItems = system.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
                var request = URLRequest(url: url.url!)
                request.httpMethod = "POST"
                request.setValue("application/x-www-form-urlencoded;charset=utf-8", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(FormEncoding.encode(application).utf8)
                let (data, _) = try await URLSession.shared.data(for: request)
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            }
            let millis = String(Int64(Date().timeIntervalSince1970 * 1000))
            let answer = try await send(timestamp: millis)
            #expect(answer["trades_sold_increment_get_response"] != nil, "\(answer)")
            let formatted = try await send(timestamp: ShanghaiTime.format(Date()))
            #expect(formatted["trades_sold_increment_get_response"] != nil, "\(formatted)")
            let old = try await send(timestamp: String(Int64(Date().addingTimeInterval(-11 * 60).timeIntervalSince1970 * 1000)))
            #expect(
                (old["error_response"] as? [String: Any])?["sub_code"] as? String == "isv.invalid-parameter:timestamp",
                "the same ±10 minutes")
        }
    }

    @Test("the increment API: one day at most, default types only unless asked, pages that add up")
    func increment() async throws {
        try await withSandbox { shop, _, endpoint in
            let client = client(endpoint)
            let now = Date()
            let tooLong = await #expect(throws: TOPError.self) {
                try await client.call(increment(from: now.addingTimeInterval(-86_401), to: now))
            }
            #expect(tooLong?.code == 41)
            var huge = increment(from: now.addingTimeInterval(-3600), to: now)
            huge.parameters["page_no"] = "99999999999999999"
            let hugePage = await #expect(throws: TOPError.self) { try await client.call(huge) }
            #expect(
                hugePage?.code == 41 && hugePage?.subCode == "isv.invalid-parameter:page_no", "a bad page number is refused, not a crash")

            // Find a day with several pages of changes.
            var start = now.addingTimeInterval(-86_400)
            var total = 0
            for _ in 0..<20 {
                total = try await client.call(increment(from: start, to: start.addingTimeInterval(86_400))).decode(TOPTradePage.self)
                    .totalResults
                if total > 0 { break }
                start = start.addingTimeInterval(-86_400)
            }
            #expect(total > 0)
            let defaultTypes = try await client.call(increment(from: start, to: start.addingTimeInterval(86_400), types: nil)).decode(
                TOPTradePage.self)
            #expect(defaultTypes.totalResults < total, "fixed orders are missing unless their type is asked for")

            let pages = (total + 99) / 100
            var tids: [String] = []
            for page in (1...pages).reversed() {
                let orders = try await client.call(increment(from: start, to: start.addingTimeInterval(86_400), page: page)).decode(
                    TOPTradePage.self
                ).orders(store: ID(UUID()))
                #expect(orders.allSatisfy { $0.modifiedAt! >= start.addingTimeInterval(-1) })
                #expect(
                    orders.allSatisfy { order in order.lines.allSatisfy { Int64($0.oid) ?? 0 > 0 } },
                    "sub-order numbers are whole 64-bit numbers")
                tids += orders.map(\.tid)
            }
            #expect(tids.count == total && Set(tids).count == total)
            _ = shop
        }
    }

    @Test("calls faster than the limit are refused with a ban the client waits out")
    func rateLimit() async throws {
        try await withSandbox(callsPerSecond: 2) { _, _, endpoint in
            let now = Date()
            let once = client(endpoint, attempts: 1)
            // Six calls at once: however slow the machine, more than two land in one second.
            let refusals = await withTaskGroup(of: TOPError?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await once.call(increment(from: now.addingTimeInterval(-60), to: now))
                            return nil
                        } catch let error as TOPError { return error } catch { return nil }
                    }
                }
                return await group.reduce(into: [TOPError]()) { if let error = $1 { $0.append(error) } }
            }
            #expect(!refusals.isEmpty && refusals.allSatisfy { $0.family == .rateLimited && $0.banSeconds == 1 }, "\(refusals)")
            _ = try await client(endpoint).call(increment(from: now.addingTimeInterval(-60), to: now))
        }
    }

    @Test("stock updates (full and incremental) and shipments are accepted and reflected")
    func writes() async throws {
        try await withSandbox { shop, _, endpoint in
            let client = client(endpoint)
            let listing = try #require(await shop.listings.first { $0.outerID == "COAT" })
            _ = try await client.call(
                TOPRequest(
                    method: "taobao.item.quantity.update",
                    parameters: ["num_iid": listing.itemID, "sku_id": listing.skuID, "quantity": "40", "type": "1"]))
            _ = try await client.call(
                TOPRequest(
                    method: "taobao.item.quantity.update",
                    parameters: ["num_iid": listing.itemID, "outer_id": "COAT", "quantity": "-3", "type": "2"]))
            #expect(await shop.listings.first { $0.outerID == "COAT" }?.quantity == 37)

            #expect(await shop.flashSale(outerID: "TEE-M", count: -1) == 0)
            #expect(await shop.flashSale(outerID: "TEE-M", count: 3) == 3)
            let before = try #require(await shop.listings.first { $0.outerID == "TEE-M" }?.quantity)
            #expect(
                await shop.flashSale(outerID: "TEE-M", count: before + 5) == before, "a flash sale sells the stock and not one unit more")
            let now = Date()
            let waiting = try await client.call(
                TOPRequest(
                    method: "taobao.trades.sold.increment.get",
                    parameters: [
                        "fields": "tid", "start_modified": ShanghaiTime.format(now.addingTimeInterval(-60)),
                        "end_modified": ShanghaiTime.format(now.addingTimeInterval(1)),
                        "type": Self.allTypes, "status": "WAIT_SELLER_SEND_GOODS",
                    ])
            ).decode(TOPTradePage.self).orders(store: ID(UUID())).filter { $0.status == .waitSellerSendGoods }
            let order = try #require(waiting.first)
            _ = try await client.call(
                TOPRequest(
                    method: "taobao.logistics.offline.send",
                    parameters: ["tid": order.tid, "out_sid": "SF1234567890", "company_code": "SF"]))
            let detail = try await client.call(
                TOPRequest(method: "taobao.trade.fullinfo.get", parameters: ["fields": "tid,status", "tid": order.tid]))
            #expect(try detail.decode(TOPTradeDetail.self).order(store: ID(UUID())).status == .waitBuyerConfirmGoods)
            #expect(await shop.shipments.last?.waybill == "SF1234567890")
            let again = await #expect(throws: TOPError.self) {
                try await client.call(
                    TOPRequest(
                        method: "taobao.logistics.offline.send", parameters: ["tid": order.tid, "out_sid": "SF1", "company_code": "SF"]))
            }
            #expect(again?.family == .business)
        }
    }

    @Test("the shop lives: new orders arrive, paid orders ship and finish, each change stamps modified")
    func living() async throws {
        let start = Date()
        let shop = SandboxShop(
            nick: "s", session: "x", skus: Self.skus, baseOrdersPerDay: 0, seed: 9, historyDays: 0,
            pace: .init(ordersPerMinute: 60, shipAfter: 30, finishAfter: 60, refundChance: 0), now: start)
        await shop.tick(now: start.addingTimeInterval(10))
        let placed = await shop.tradeCount
        #expect((5...15).contains(placed))
        await shop.tick(now: start.addingTimeInterval(45))
        let shipped = await shop.trades(modifiedFrom: start.addingTimeInterval(44), to: start.addingTimeInterval(46), types: ["fixed"])
        #expect(shipped.count >= placed && shipped.filter { $0.status == OrderStatus.waitBuyerConfirmGoods }.count == placed)
        await shop.tick(now: start.addingTimeInterval(120))
        let finished = await shop.trades(modifiedFrom: start.addingTimeInterval(119), to: start.addingTimeInterval(121), types: ["fixed"])
        #expect(finished.filter { $0.status == OrderStatus.finished }.count == placed)
    }

    @Test("each shop's 生意参谋 export reads back through the import parser, consistent with the trades it sold")
    func trafficExport() async throws {
        try await withSandbox { shop, _, endpoint in
            let base = endpoint.replacingOccurrences(of: "/router/rest", with: "")
            let today = BusinessDay(containing: Date())
            let (first, last) = (today.advanced(by: -10), today.advanced(by: -1))
            let url = URL(string: "\(base)/sandbox/shops/test-shop/traffic.csv?from=\(first)&until=\(last)")!
            let (data, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let store = ID<Store>(UUID())
            let parsed = try TrafficExport.parse(data, store: store)
            #expect(parsed.errors.isEmpty && parsed.rows.count == 10)
            let sold = Dictionary(
                uniqueKeysWithValues: TrafficSimulator.sold(
                    await shop.trades(
                        modifiedFrom: .distantPast, to: .distantFuture, types: Set(Self.allTypes.split(separator: ",").map(String.init))),
                    on: first.days(until: today)
                ).map { ($0.day, $0) })
            for day in parsed.rows.map(\.value) {
                let orders = try #require(sold[day.day])
                #expect(day.payingBuyers == orders.payingBuyers && day.visitors > orders.payingBuyers)
                #expect(day.reportedPayment.map { $0 >= orders.gmv } == true, "the export counts at least the orders' GMV")
                #expect((4...5).contains((day.dsrDescription ?? 0) / 10_000))
            }
            // A day's row is the same in any export that covers it.
            let (shorter, _) = try await URLSession.shared.data(
                from: URL(string: "\(base)/sandbox/shops/test-shop/traffic.csv?from=\(last)&until=\(last)")!)
            #expect(try TrafficExport.parse(shorter, store: store).rows.first?.value == parsed.rows.last?.value)
            let (_, bad) = try await URLSession.shared.data(
                from: URL(string: "\(base)/sandbox/shops/test-shop/traffic.csv?from=x&until=y")!)
            #expect((bad as? HTTPURLResponse)?.statusCode == 400)
        }
    }
}
