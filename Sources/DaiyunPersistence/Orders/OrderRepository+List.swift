import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Filters of the order list; every field optional.
public struct OrderFilter: Sendable, Equatable {
    public var statuses: [OrderStatus] = []
    /// Created from this instant (inclusive) until that one (exclusive).
    public var from: Date?
    public var until: Date?
    public var buyer: String?
    /// Orders with a line of this merchant code.
    public var outerSkuID: String?
    public var needsAttention: Bool?

    public init(statuses: [OrderStatus] = [], from: Date? = nil, until: Date? = nil, buyer: String? = nil, outerSkuID: String? = nil, needsAttention: Bool? = nil) {
        self.statuses = statuses
        self.from = from
        self.until = until
        self.buyer = buyer
        self.outerSkuID = outerSkuID
        self.needsAttention = needsAttention
    }
}

/// Where a page of the order list continues: after this (created at, id). Keyset paging stays as
/// fast on the millionth order as on the first, unlike OFFSET.
public struct OrderCursor: Sendable, Equatable, CustomStringConvertible {
    public var createdAt: Date
    public var id: UUID

    public init(createdAt: Date, id: UUID) {
        self.createdAt = createdAt
        self.id = id
    }

    /// `<milliseconds>_<uuid>`.
    public init?(_ text: String) {
        let parts = text.split(separator: "_")
        guard parts.count == 2, let ms = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.createdAt = Date(timeIntervalSince1970: Double(ms) / 1000)
        self.id = id
    }

    public var description: String { "\(Int64((createdAt.timeIntervalSince1970 * 1000).rounded()))_\(id.uuidString.lowercased())" }
}

/// An order as a row of the list.
public struct OrderSummary: Sendable, Equatable, Codable {
    public var id: UUID
    public var tid: String
    public var status: OrderStatus
    public var buyerNick: String
    public var payment: Money
    public var createdAt: Date
    public var paidAt: Date?
    public var countedPaidAt: Date?
    public var isPreSale: Bool
    public var needsAttention: Bool
}

/// An order with everything its page shows.
public struct OrderDetail: Sendable, Codable {
    public struct Line: Sendable, Codable {
        public var line: OrderLine
        public var stockState: LineStockState
    }
    public struct StatusChange: Sendable, Codable {
        public var status: String
        public var observedAt: Date
        public var sourceRecordID: UUID
    }
    public var id: UUID
    public var order: Order
    public var lines: [Line]
    public var needsAttention: Bool
    public var history: [StatusChange]
    public var refunds: [Refund]
    /// The raw input that last changed the order.
    public var source: SourceRecord?
}

extension OrderRepository {
    /// One page of a store's orders, newest first, and the cursor of the next page (nil at the end).
    public func list(store: ID<Store>, filter: OrderFilter, after cursor: OrderCursor?, limit: Int) async throws -> (orders: [OrderSummary], next: OrderCursor?) {
        let query = try database.sql().select()
            .columns("id", "tid", "status", "buyer_nick", "payment_fen", "created_at", "paid_at", "counted_paid_at", "step_status", "needs_attention")
            .from("orders").where("store_id", .equal, SQLBind(store.rawValue))
        if !filter.statuses.isEmpty { query.where("status", .in, SQLBind.group(filter.statuses.map(\.rawValue))) }
        if let from = filter.from { query.where("created_at", .greaterThanOrEqual, SQLBind(from)) }
        if let until = filter.until { query.where("created_at", .lessThan, SQLBind(until)) }
        if let buyer = filter.buyer { query.where("buyer_nick", .equal, SQLBind(buyer)) }
        if let attention = filter.needsAttention { query.where("needs_attention", .equal, SQLBind(attention)) }
        if let sku = filter.outerSkuID {
            // The SKU's order numbers, found once through (store_id, outer_sku_id), not a probe per order.
            query.where(SQLQueryString("tid IN (SELECT l.tid FROM order_lines l WHERE l.store_id = \(bind: store.rawValue) AND l.outer_sku_id = \(bind: sku))"))
        }
        if let cursor {
            // A row-value comparison: both databases walk the (store_id, created_at, id) index from here.
            query.where(SQLQueryString("(created_at, id) < (\(bind: cursor.createdAt), \(bind: cursor.id))"))
        }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit + 1).all()
        var orders: [OrderSummary] = []
        for row in rows.prefix(limit) {
            let statusText = try row.decode(column: "status", as: String.self)
            guard let status = OrderStatus(rawValue: statusText) else { throw PersistenceError.corruptRow(table: "orders", id: statusText) }
            orders.append(OrderSummary(
                id: try row.decode(column: "id", as: UUID.self), tid: try row.decode(column: "tid", as: String.self), status: status,
                buyerNick: try row.decode(column: "buyer_nick", as: String.self), payment: Money(fen: try row.decode(column: "payment_fen", as: Int64.self)),
                createdAt: try row.decode(column: "created_at", as: Date.self), paidAt: try row.decode(column: "paid_at", as: Date?.self),
                countedPaidAt: try row.decode(column: "counted_paid_at", as: Date?.self),
                isPreSale: try row.decode(column: "step_status", as: String?.self) != nil,
                needsAttention: try row.decode(column: "needs_attention", as: Bool.self)))
        }
        let next = rows.count > limit ? orders.last.map { OrderCursor(createdAt: $0.createdAt, id: $0.id) } : nil
        return (orders, next)
    }

    /// One order with its lines, status history, refunds and source record.
    public func detail(store: ID<Store>, tid: String) async throws -> OrderDetail? {
        guard let row = try await database.select(OrderRow.self, from: "orders", store: store.rawValue, where: "tid", in: [tid]).first else { return nil }
        let lineRows = try await database.select(OrderLineRow.self, from: "order_lines", store: store.rawValue, where: "tid", in: [tid])
            .sorted { $0.oid < $1.oid }
        let history = try await database.select(StatusChangeRow.self, from: "order_status_history", store: store.rawValue, where: "tid", in: [tid])
            .sorted { $0.observedAt < $1.observedAt }
            .map { OrderDetail.StatusChange(status: $0.status, observedAt: $0.observedAt, sourceRecordID: $0.sourceRecordId) }
        let refunds = try await database.select(RefundRow.self, from: "refunds", store: store.rawValue, where: "tid", in: [tid])
            .sorted { ($0.createdAt, $0.refundId) < ($1.createdAt, $1.refundId) }.map { try $0.domain() }
        return OrderDetail(
            id: row.id, order: try row.domain(lines: try lineRows.map { try $0.domain() }),
            lines: try lineRows.map { OrderDetail.Line(line: try $0.domain(), stockState: $0.lineStockState) },
            needsAttention: row.needsAttention, history: history, refunds: refunds,
            source: try await SourceRecordRepository(database: database).record(row.sourceRecordId))
    }
}
