import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Filters of the order list; every field optional.
public struct OrderFilter: Sendable, Equatable {
    public var status: OrderStatus?
    /// The order with this number, exactly.
    public var tid: String?
    /// Created from this instant (inclusive) until that one (exclusive).
    public var from: Date?
    public var until: Date?
    public var buyer: String?
    /// Orders with a line of this merchant code.
    public var outerSkuID: String?
    public var needsAttention: Bool?
    /// Only paid orders with lines still to ship (`WorkQueueRepository.toShipStatuses`).
    public var toShip: Bool
    /// Only orders paid before this instant (with `toShip`: the overdue ones).
    public var paidBefore: Date?
    /// Only orders counted paid from this instant: with `paidBefore`, those a day's GMV counts.
    public var paidFrom: Date?

    public init(
        status: OrderStatus? = nil, from: Date? = nil, until: Date? = nil, buyer: String? = nil, outerSkuID: String? = nil,
        needsAttention: Bool? = nil, toShip: Bool = false, paidBefore: Date? = nil, tid: String? = nil
    ) {
        self.status = status
        self.tid = tid
        self.from = from
        self.until = until
        self.buyer = buyer
        self.outerSkuID = outerSkuID
        self.needsAttention = needsAttention
        self.toShip = toShip
        self.paidBefore = paidBefore
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
    /// Up to this many lines of one merchant code, the SKU filter starts from the SKU's lines and
    /// sorts their orders (a few milliseconds for 2,000); above it, it walks the store's orders
    /// newest first and checks each for the SKU, which finds a page of a common SKU at once.
    static let fewLinesOfSku = 2_000

    /// One page of a store's orders, newest first, and the cursor of the next page (nil at the end).
    ///
    /// Each filter is served by an index that ends in (created_at, id), the list's order, so a
    /// page reads its rows and stops. PostgreSQL picks among them by its statistics; SQLite has
    /// none (nothing runs `ANALYZE`) and would walk the store's orders newest first whatever the
    /// filter, so on SQLite the query names the index of the most selective filter.
    public func list(store: ID<Store>, filter: OrderFilter, after cursor: OrderCursor?, limit: Int) async throws -> (
        orders: [OrderSummary], next: OrderCursor?
    ) {
        let query = try await filtered(store: store, filter)
        query.columns(Self.listColumns.map { SQLColumn($0, table: "orders") })
        if let cursor {
            // A row-value comparison: both databases walk the index from here.
            query.where(SQLQueryString("(orders.created_at, orders.id) < (\(bind: cursor.createdAt), \(bind: cursor.id))"))
        }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit + 1).all()
        var orders: [OrderSummary] = []
        for row in rows.prefix(limit) {
            let statusText = try row.decode(column: "status", as: String.self)
            guard let status = OrderStatus(rawValue: statusText) else { throw PersistenceError.corruptRow(table: "orders", id: statusText) }
            orders.append(
                OrderSummary(
                    id: try row.decode(column: "id", as: UUID.self), tid: try row.decode(column: "tid", as: String.self), status: status,
                    buyerNick: try row.decode(column: "buyer_nick", as: String.self),
                    payment: Money(fen: try row.decode(column: "payment_fen", as: Int64.self)),
                    createdAt: try row.decode(column: "created_at", as: Date.self),
                    paidAt: try row.decode(column: "paid_at", as: Date?.self),
                    countedPaidAt: try row.decode(column: "counted_paid_at", as: Date?.self),
                    isPreSale: try row.decode(column: "step_status", as: String?.self) != nil,
                    needsAttention: try row.decode(column: "needs_attention", as: Bool.self)))
        }
        let next = rows.count > limit ? orders.last.map { OrderCursor(createdAt: $0.createdAt, id: $0.id) } : nil
        return (orders, next)
    }

    /// How many orders the filter holds and their buyers' payment, over every page.
    public func summary(store: ID<Store>, filter: OrderFilter) async throws -> (orders: Int, payment: Money) {
        let query = try await filtered(store: store, filter)
        query.column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .column(SQLRaw("CAST(COALESCE(SUM(orders.payment_fen), 0) AS BIGINT) AS payment"))
        let row = try await query.first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, Money(fen: try row?.decode(column: "payment", as: Int64.self) ?? 0))
    }

    /// The store's orders the filter holds, as a query to add columns and an order to.
    private func filtered(store: ID<Store>, _ filter: OrderFilter) async throws -> SQLSelectBuilder {
        let sql = try database.sql()
        let query = sql.select()
        if let sku = filter.outerSkuID, try await lineCount(store: store, sku: sku, upTo: Self.fewLinesOfSku + 1) <= Self.fewLinesOfSku {
            // CROSS JOIN keeps SQLite's join order: the SKU's lines first, then their orders by key.
            query.from(
                SQLQueryString(
                    """
                    (SELECT DISTINCT tid FROM order_lines WHERE store_id = \(bind: store.rawValue) AND outer_sku_id = \(bind: sku)) AS sku_orders \
                    CROSS JOIN orders
                    """))
            query.where(SQLQueryString("orders.tid = sku_orders.tid"))
        } else {
            let index = sql.dialect.name == "sqlite" ? Self.sqliteIndex(for: filter) : nil
            query.from(SQLQueryString("orders\(unsafeRaw: index.map { " INDEXED BY \($0)" } ?? "")"))
            if let sku = filter.outerSkuID {
                query.where(
                    SQLQueryString(
                        "EXISTS (SELECT 1 FROM order_lines l WHERE l.store_id = orders.store_id AND l.tid = orders.tid AND l.outer_sku_id = \(bind: sku))"
                    ))
            }
        }
        query.where(SQLColumn("store_id", table: "orders"), .equal, SQLBind(store.rawValue))
        if let status = filter.status { query.where(SQLColumn("status", table: "orders"), .equal, SQLBind(status.rawValue)) }
        if let from = filter.from { query.where(SQLColumn("created_at", table: "orders"), .greaterThanOrEqual, SQLBind(from)) }
        if let until = filter.until { query.where(SQLColumn("created_at", table: "orders"), .lessThan, SQLBind(until)) }
        if let tid = filter.tid { query.where(SQLColumn("tid", table: "orders"), .equal, SQLBind(tid)) }
        if let buyer = filter.buyer { query.where(SQLColumn("buyer_nick", table: "orders"), .equal, SQLBind(buyer)) }
        if filter.toShip {
            query.where(
                SQLColumn("status", table: "orders"), .in, SQLBind.group(WorkQueueRepository.toShipStatuses.map(\.rawValue)))
        }
        if let paidFrom = filter.paidFrom {
            query.where(SQLColumn("counted_paid_at", table: "orders"), .greaterThanOrEqual, SQLBind(paidFrom))
        }
        if let paidBefore = filter.paidBefore {
            query.where(SQLColumn("counted_paid_at", table: "orders"), .lessThan, SQLBind(paidBefore))
        }
        switch filter.needsAttention {
        // A literal, as the partial index's condition is: both databases then know the index holds every match.
        case true?: query.where(SQLQueryString("orders.needs_attention = TRUE"))
        case false?: query.where(SQLQueryString("orders.needs_attention = FALSE"))
        case nil: break
        }
        return query
    }

    private static let listColumns = [
        "id", "tid", "status", "buyer_nick", "payment_fen", "created_at", "paid_at", "counted_paid_at", "step_status", "needs_attention",
    ]

    /// The index of the most selective filter (a buyer has few orders; a status many): the one
    /// SQLite should walk, in the list's order. Without a filter or with only a period, SQLite's
    /// own choice (by store and time) is right.
    private static func sqliteIndex(for filter: OrderFilter) -> String? {
        // The order number is unique in the store: its own index finds it.
        if filter.tid != nil { return nil }
        if filter.buyer != nil { return "orders_store_buyer" }
        if filter.needsAttention == true { return "orders_store_attention" }
        if filter.status != nil || filter.toShip { return "orders_store_status_created" }
        return nil
    }

    /// How many lines of the store carry the merchant code, counted up to `limit`.
    private func lineCount(store: ID<Store>, sku: String, upTo limit: Int) async throws -> Int {
        let row = try await database.sql().raw(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM order_lines WHERE store_id = \(bind: store.rawValue) AND outer_sku_id = \(bind: sku) LIMIT \(literal: limit)) AS l
            """
        ).first()
        return Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
    }

    /// One order with its lines, status history, refunds and source record.
    public func detail(store: ID<Store>, tid: String) async throws -> OrderDetail? {
        guard let row = try await database.select(OrderRow.self, from: "orders", store: store.rawValue, where: "tid", in: [tid]).first
        else { return nil }
        let lineRows = try await database.select(OrderLineRow.self, from: "order_lines", store: store.rawValue, where: "tid", in: [tid])
            .sorted { $0.oid < $1.oid }
        let history = try await database.select(
            StatusChangeRow.self, from: "order_status_history", store: store.rawValue, where: "tid", in: [tid]
        )
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
