import DaiyunChannels
import DaiyunCore
import Foundation
import Synchronization
import Testing

/// The TOP client's handling of each error family, over a scripted transport (the real HTTP path
/// is exercised against the sandbox).
@Suite("TOP client")
struct TOPClientTests {
    static let credentials = TOPCredentials(appKey: "k", appSecret: "s", session: "sess")

    /// Answers each call with the next scripted body and records what was sent.
    final class ScriptedTransport: ChannelTransport, Sendable {
        let answers: Mutex<[(Int, String)]>
        let sent = Mutex<[String]>([])
        init(_ answers: [(Int, String)]) { self.answers = Mutex(answers) }
        func post(_ url: String, form body: String) async throws -> (status: Int, body: Data) {
            sent.withLock { $0.append(body) }
            let next = answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            guard let next else { throw URLError(.cannotConnectToHost) }
            return (next.0, Data(next.1.utf8))
        }
    }

    /// The waits the client asked for, instead of waiting.
    final class Sleeps: Sendable {
        let log = Mutex<[Duration]>([])
        func withLock<T>(_ body: (inout [Duration]) -> T) -> T { log.withLock { body(&$0) } }
    }

    func client(_ transport: ScriptedTransport, sleeps: Sleeps) -> TOPClient {
        TOPClient(
            endpoint: "http://sandbox/router/rest", credentials: Self.credentials, transport: transport,
            sleep: { duration in sleeps.withLock { $0.append(duration) } })
    }

    static let ok = #"{"trades_sold_increment_get_response":{"total_results":0,"has_next":false}}"#
    static func failure(_ code: Int, _ sub: String?, _ subMessage: String? = nil) -> String {
        var body = #"{"error_response":{"code":\#(code),"msg":"m","#
        if let sub { body += #""sub_code":"\#(sub)","# }
        if let subMessage { body += #""sub_msg":"\#(subMessage)","# }
        return body + #""request_id":"r1"}}"#
    }

    @Test("platform faults, garbled answers and unreachable gateways are retried, then succeed")
    func retries() async throws {
        let transport = ScriptedTransport([
            (200, Self.failure(15, "isp.top-remote-connection-timeout")), (502, "<html>bad gateway</html>"), (200, "{\"trades_sold"),
            (200, Self.ok),
        ])
        let sleeps = Sleeps()
        let response = try await client(transport, sleeps: sleeps).call(TOPRequest(method: "taobao.trades.sold.increment.get"))
        #expect(response.key == "trades_sold_increment_get_response")
        #expect(transport.sent.withLock { $0.count } == 4)
        let waits = sleeps.withLock { $0 }
        #expect(waits.count == 3)
        #expect(waits[2] >= .milliseconds(1000) && waits[2] <= .milliseconds(2000), "exponential: the third wait is 1–2 s")
    }

    @Test("a rate limit waits out the ban the platform names")
    func rateLimit() async throws {
        let transport = ScriptedTransport([
            (200, Self.failure(7, "accesscontrol.limited", "This ban will last for 3 more seconds")), (200, Self.ok),
        ])
        let sleeps = Sleeps()
        _ = try await client(transport, sleeps: sleeps).call(TOPRequest(method: "taobao.trades.sold.increment.get"))
        let wait = try #require(sleeps.withLock { $0.first })
        #expect(wait >= .seconds(3) && wait <= .seconds(4))
    }

    @Test(
        "signature, session, parameter and business errors stop at once with sub_msg",
        arguments: [
            (25, nil as String?, TOPError.Family.signature), (27, nil, .session), (41, "isv.invalid-parameter:end_modified", .parameter),
            (15, "isv.trade-not-exist", .business),
        ])
    func stops(code: Int, subCode: String?, family: TOPError.Family) async throws {
        let transport = ScriptedTransport([(200, Self.failure(code, subCode, "卖家授权已过期")), (200, Self.ok)])
        let sleeps = Sleeps()
        let error = await #expect(throws: TOPError.self) {
            try await client(transport, sleeps: sleeps).call(TOPRequest(method: "taobao.trades.sold.increment.get"))
        }
        #expect(error?.family == family)
        #expect(error?.description.contains("卖家授权已过期") == true, "the operator sees sub_msg")
        #expect(transport.sent.withLock { $0.count } == 1 && sleeps.withLock { $0.isEmpty })
    }

    @Test("retries stop after the policy's attempts")
    func givesUp() async throws {
        let transport = ScriptedTransport(Array(repeating: (200, Self.failure(520, "isp.unknown-error")), count: 9))
        let sleeps = Sleeps()
        let error = await #expect(throws: TOPError.self) {
            try await client(transport, sleeps: sleeps).call(TOPRequest(method: "taobao.trades.sold.increment.get"))
        }
        #expect(error?.family == .platform)
        #expect(transport.sent.withLock { $0.count } == 5)
    }

    @Test("a trade page maps to orders: numbers as text, yuan to fen, statuses and pre-sale stage")
    func tradeMapping() throws {
        let json = #"""
            {"trades_sold_increment_get_response":{"total_results":1,"has_next":false,"trades":{"trade":[{
              "tid":4012345678901234567,"status":"WAIT_SELLER_SEND_GOODS","type":"step","step_trade_status":"FRONT_PAID_FINAL_PAID",
              "created":"2026-11-11 00:00:05","pay_time":"2026-11-11 00:01:00","modified":"2026-11-11 00:01:00",
              "payment":"199.90","post_fee":"0.00","total_fee":"219.90","discount_fee":"20","buyer_nick":"花花**",
              "orders":{"order":[{"oid":4012345678901234568,"num_iid":612345,"sku_id":"998","outer_sku_id":"TEE-M","title":"T恤",
                "price":"219.90","num":1,"total_fee":"219.90","payment":"199.90","status":"WAIT_SELLER_SEND_GOODS"}]}}]}}}
            """#
        let response = TOPResponse(
            method: "taobao.trades.sold.increment.get", key: "trades_sold_increment_get_response", raw: Data(json.utf8))
        let store = ID<Store>(UUID())
        let orders = try response.decode(TOPTradePage.self).orders(store: store)
        let order = try #require(orders.first)
        #expect(order.tid == "4012345678901234567" && order.lines[0].oid == "4012345678901234568")
        #expect(order.payment == Money(fen: 19_990) && order.discountFee == Money(fen: 2_000) && order.totalFee == Money(fen: 21_990))
        #expect(order.countsAsPaid && order.stepStatus == StepStatus.fullyPaid)
        #expect(order.lines[0].itemID == "612345" && order.lines[0].outerSkuID == "TEE-M")

        let bad = json.replacingOccurrences(of: #""payment":"199.90","post_fee""#, with: #""payment":"199.905","post_fee""#)
        let badResponse = TOPResponse(method: "m", key: "trades_sold_increment_get_response", raw: Data(bad.utf8))
        #expect(throws: ChannelDataError(record: "trade 4012345678901234567", field: "payment", reason: "not an amount in yuan: 199.905")) {
            try badResponse.decode(TOPTradePage.self).orders(store: store)
        }
    }
}
