import DaiyunCore
import Foundation

/// Taobao/Tmall behind the common channel interface: `taobao.trades.sold.increment.get` for a
/// window, every order type named. The sync drives the same request with the platform's
/// own paging rules (from the last page backwards).
public struct TaobaoOrderPlatform: OrderListPlatform {
    public var endpoint: String
    public var credentials: TOPCredentials

    public init(endpoint: String, credentials: TOPCredentials) {
        self.endpoint = endpoint
        self.credentials = credentials
    }

    public func orderListRequest(from start: Date, to end: Date, page: Int, pageSize: Int, at now: Date) -> ChannelRequest {
        var request = TOPTradeQueries.incrementRequest(from: start, to: end, page: page, pageSize: pageSize)
        request.parameters["use_has_next"] = "true"
        return ChannelRequest(url: endpoint, query: [:], body: .form(request.signedParameters(with: credentials, at: now)))
    }

    public func orderPage(_ body: Data, store: ID<Store>) throws -> (orders: [Order], hasNext: Bool) {
        if let failure = try? JSONDecoder().decode(TOPEnvelope.self, from: body).failure {
            throw TOPError(failure, classifier: TOPErrorClassifier())
        }
        let page = try TOPResponse(method: "taobao.trades.sold.increment.get", key: "trades_sold_increment_get_response", raw: body).decode(
            TOPTradePage.self)
        return (try page.orders(store: store), page.hasNext)
    }
}
