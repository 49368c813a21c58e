import DaiyunCore
import Foundation

/// A review as `taobao.traderates.get` returns it.
struct TOPTradeRate: Decodable, Sendable {
    var tid: FlexibleText
    var oid: FlexibleText
    var result: String
    var content: String?
    var reply: String?
    var nick: String?
    var item_title: String?
    var created: String
}

/// A page of `taobao.traderates.get`.
public struct TOPTradeRatePage: Decodable, Sendable {
    var has_next: Bool?
    var trade_rates: WrappedList<TOPTradeRate>?

    public var hasNext: Bool { has_next ?? false }

    public func reviews(store: ID<Store>) throws -> [Review] {
        try (trade_rates?.elements ?? []).map { rate in
            let record = "review of \(rate.oid.text)"
            guard let result = ReviewResult(rawValue: rate.result) else {
                throw ChannelDataError(record: record, field: "result", reason: "unknown result \(rate.result)")
            }
            guard let created = ShanghaiTime.parse(rate.created) else {
                throw ChannelDataError(record: record, field: "created", reason: "not a time: \(rate.created)")
            }
            return Review(
                storeID: store, tid: rate.tid.text, oid: rate.oid.text, result: result, content: rate.content ?? "",
                reply: rate.reply ?? "",
                buyerNick: rate.nick ?? "", itemTitle: rate.item_title ?? "", createdAt: created)
        }
    }
}
