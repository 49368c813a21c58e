import DaiyunCore
import Foundation

/// A channel's open platform as a sync reads it: the signed request for one page of the orders
/// changed in a window, and the reading of its answer into our orders (amounts to fen, times
/// to dates, statuses onto the Taobao vocabulary Daiyun keeps).
public protocol OrderListPlatform: Sendable {
    /// The signed request for page `page` (from 1) of the orders changed in `[start, end]`.
    func orderListRequest(from start: Date, to end: Date, page: Int, pageSize: Int, at now: Date) -> ChannelRequest
    /// The orders of one answered page, and whether another page follows. Throws `TOPError`-like
    /// platform errors as `ChannelAPIError` and unreadable records as `ChannelDataError`.
    func orderPage(_ body: Data, store: ID<Store>) throws -> (orders: [Order], hasNext: Bool)
}

/// An HTTP request to a channel gateway: where, and what goes in the query and the body.
public struct ChannelRequest: Sendable, Equatable {
    public var url: String
    /// Parameters sent in the query string (Douyin's system parameters), already signed.
    public var query: [String: String]
    /// The body: form-encoded parameters (Taobao, JD, Pinduoduo) or raw JSON (Douyin).
    public var body: Body

    public enum Body: Sendable, Equatable {
        case form([String: String])
        case json(String)
    }
}

/// An error answer of a channel other than Taobao (JD, Douyin, Pinduoduo), with its code and message.
public struct ChannelAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var channel: String
    public var code: String
    public var message: String

    public init(channel: String, code: String, message: String) {
        self.channel = channel
        self.code = code
        self.message = message
    }

    public var description: String { "\(channel) error \(code): \(message)" }
}

/// Reads channel JSON without a schema: the platforms mix numbers and strings for the same field.
enum LooseJSON {
    static func object(_ data: Data) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChannelDataError(record: "answer", field: "body", reason: "is not a JSON object")
        }
        return object
    }

    /// The text of a field that may be a string or a number (never through a double for big ids).
    static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        text(value).flatMap { Int($0) }
    }

    /// A yuan amount written as text or a number with at most two decimals.
    static func yuan(_ value: Any?, record: String, field: String) throws -> Money {
        guard let text = text(value), !text.isEmpty else { return .zero }
        do { return try Money(yuan: text, field: field) } catch {
            throw ChannelDataError(record: record, field: field, reason: "not an amount in yuan: \(text)")
        }
    }

    /// A fen amount (an integer).
    static func fen(_ value: Any?, record: String, field: String) throws -> Money {
        guard let text = text(value), !text.isEmpty else { return .zero }
        guard let fen = Int64(text), InputBounds.moneyFen.contains(fen) else {
            throw ChannelDataError(record: record, field: field, reason: "not an amount in fen within ¥1,000,000,000.00: \(text)")
        }
        return Money(fen: fen)
    }

    /// A line's amount, price × quantity, when the quantity and the product are within their bounds.
    static func amount(_ price: Money, times quantity: Int, record: String, field: String) throws -> Money {
        do { return try price.times(quantity, field: field) } catch {
            throw ChannelDataError(
                record: record, field: field,
                reason: "not a quantity from 0 to \(InputBounds.lineQuantity.upperBound) within ¥1,000,000,000.00: \(quantity)")
        }
    }

    /// A Beijing `yyyy-MM-dd HH:mm:ss` time, or unix seconds.
    static func time(_ value: Any?) -> Date? {
        guard let text = text(value), !text.isEmpty, text != "0" else { return nil }
        if let seconds = Int64(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return ShanghaiTime.parse(text)
    }
}
