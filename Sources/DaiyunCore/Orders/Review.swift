import Foundation

/// A buyer's review (评价) of an order line, as the channel reports it.
public struct Review: Sendable, Equatable, Codable {
    public var storeID: ID<Store>
    public var tid: String
    public var oid: String
    public var result: ReviewResult
    public var content: String
    /// The seller's reply, once given.
    public var reply: String
    public var buyerNick: String
    public var itemTitle: String
    public var createdAt: Date

    public init(
        storeID: ID<Store>, tid: String, oid: String, result: ReviewResult, content: String, reply: String = "",
        buyerNick: String, itemTitle: String, createdAt: Date
    ) {
        self.storeID = storeID
        self.tid = tid
        self.oid = oid
        self.result = result
        self.content = content
        self.reply = reply
        self.buyerNick = buyerNick
        self.itemTitle = itemTitle
        self.createdAt = createdAt
    }
}

/// 好评, 中评, 差评.
public enum ReviewResult: String, Sendable, Codable, CaseIterable {
    case good, neutral, bad
}
