import DaiyunCore
import Foundation

/// A trade as `taobao.trades.sold.increment.get` and `taobao.trade.fullinfo.get` return it.
struct TOPTrade: Decodable, Sendable {
    var tid: FlexibleText
    var status: String
    var type: String?
    var created: String
    var pay_time: String?
    var modified: String?
    var consign_time: String?
    var end_time: String?
    var payment: String?
    var post_fee: String?
    var total_fee: String?
    var discount_fee: String?
    var buyer_nick: String?
    var buyer_open_uid: String?
    var buyer_message: String?
    var seller_memo: String?
    var receiver_name: String?
    var receiver_mobile: String?
    var receiver_phone: String?
    var receiver_state: String?
    var receiver_city: String?
    var receiver_district: String?
    var receiver_town: String?
    var receiver_address: String?
    var step_trade_status: String?
    var orders: WrappedList<TOPOrderLine>?
}

/// A sub-order (`order`) of a trade.
struct TOPOrderLine: Decodable, Sendable {
    var oid: FlexibleText
    var num_iid: FlexibleText?
    var sku_id: FlexibleText?
    var outer_sku_id: String?
    var outer_iid: String?
    var title: String?
    var sku_properties_name: String?
    var price: String?
    var num: Int?
    var total_fee: String?
    var payment: String?
    var status: String?
    var refund_status: String?
}

/// The trade lists the sync reads.
public struct TOPTradePage: Decodable, Sendable {
    var total_results: Int?
    var has_next: Bool?
    var trades: WrappedList<TOPTrade>?

    public var totalResults: Int { total_results ?? 0 }
    public var hasNext: Bool { has_next ?? false }
    public var tradeCount: Int { trades?.elements.count ?? 0 }

    /// The trades as our orders. A trade the platform describes in a way we cannot read
    /// (an unknown status, malformed money) is an error naming the trade and the field.
    public func orders(store: ID<Store>) throws -> [Order] {
        try (trades?.elements ?? []).map { try $0.order(store: store) }
    }
}

/// `taobao.trade.fullinfo.get`: one trade.
public struct TOPTradeDetail: Decodable, Sendable {
    var trade: TOPTrade

    public func order(store: ID<Store>) throws -> Order { try trade.order(store: store) }
}

extension TOPTrade {
    func order(store: ID<Store>) throws -> Order {
        let tid = self.tid.text
        func fail(_ field: String, _ reason: String) -> ChannelDataError {
            ChannelDataError(record: "trade \(tid)", field: field, reason: reason)
        }
        func money(_ text: String?, _ field: String) throws -> Money {
            guard let text, !text.isEmpty else { return .zero }
            do { return try Money(yuan: text, field: field) } catch { throw fail(field, "not an amount in yuan: \(text)") }
        }
        func time(_ text: String?, _ field: String) throws -> Date? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = ShanghaiTime.parse(text) else { throw fail(field, "not a time: \(text)") }
            return date
        }
        guard let status = OrderStatus(rawValue: status) else { throw fail("status", "unknown status \(self.status)") }
        var stepStatus: StepStatus?
        if let step = step_trade_status, !step.isEmpty {
            guard let parsed = StepStatus(rawValue: step) else { throw fail("step_trade_status", "unknown stage \(step)") }
            stepStatus = parsed
        }
        guard let createdAt = try time(created, "created") else { throw fail("created", "missing") }
        let lines: [OrderLine] = try (orders?.elements ?? []).map { line in
            let lineStatus =
                try line.status.map { text in
                    guard let parsed = OrderStatus(rawValue: text) else { throw fail("orders.status", "unknown status \(text)") }
                    return parsed
                } ?? status
            let price = try money(line.price, "orders.price")
            let quantity = line.num ?? 1
            _ = try LooseJSON.amount(price, times: quantity, record: "trade \(tid)", field: "orders.num")
            return OrderLine(
                oid: line.oid.text, itemID: line.num_iid?.text ?? "", skuID: line.sku_id?.text ?? "",
                outerSkuID: line.outer_sku_id ?? line.outer_iid ?? "", title: line.title ?? "",
                skuProperties: line.sku_properties_name ?? "",
                price: price, quantity: quantity,
                totalFee: line.total_fee == nil ? nil : try money(line.total_fee, "orders.total_fee"),
                payment: try money(line.payment, "orders.payment"), status: lineStatus, refundStatus: line.refund_status ?? ""
            )
        }
        return Order(
            storeID: store, tid: tid, status: status, type: type ?? "fixed", stepStatus: stepStatus,
            buyerNick: buyer_nick ?? "", buyerOpenUID: buyer_open_uid, payment: try money(payment, "payment"),
            postFee: try money(post_fee, "post_fee"), totalFee: try money(total_fee, "total_fee"),
            discountFee: try money(discount_fee, "discount_fee"),
            createdAt: createdAt, paidAt: try time(pay_time, "pay_time"), consignedAt: try time(consign_time, "consign_time"),
            finishedAt: try time(end_time, "end_time"), modifiedAt: try time(modified, "modified"),
            buyerMessage: buyer_message ?? "", sellerMemo: seller_memo ?? "",
            receiver: Receiver(
                name: receiver_name ?? "", mobile: receiver_mobile ?? "", phone: receiver_phone ?? "",
                parts: [receiver_state, receiver_city, receiver_district, receiver_town, receiver_address].map { $0 ?? "" }),
            lines: lines.sorted { $0.oid < $1.oid }
        )
    }
}

/// A record from a channel that cannot be read: which one, which field, why.
public struct ChannelDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var record: String
    public var field: String
    public var reason: String

    public init(record: String, field: String, reason: String) {
        self.record = record
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(record): \(field) \(reason)" }
}
