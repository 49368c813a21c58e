import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A paid order still to ship, as the shipping queue lists it.
public struct OrderToShip: Sendable, Equatable {
    public var storeID: ID<Store>
    public var tid: String
    public var buyerNick: String
    public var payment: Money
    public var paidAt: Date
    public var due: Date
    /// A shipment is recorded and on its way to the channel: nothing left to do but wait.
    public var isShipping: Bool = false
}

/// A refund waiting for the seller's decision or receipt of the returned goods.
public struct RefundToHandle: Sendable, Equatable {
    public var storeID: ID<Store>
    public var refundID: String
    public var tid: String
    public var status: RefundStatus
    public var phase: RefundPhase
    public var refundFee: Money
    public var createdAt: Date
}

/// A bad review not yet replied to.
public struct ReviewToAnswer: Sendable, Equatable {
    public var storeID: ID<Store>
    public var tid: String
    public var itemTitle: String
    public var content: String
    public var createdAt: Date
}

/// A SKU whose stock is low, with the figures that make it so.
public struct LowStockSKU: Sendable, Equatable {
    public var clientID: ID<Client>
    public var skuID: UUID
    public var outerID: String
    public var title: String
    public var properties: String
    public var cover: StockCover
}

/// What is waiting for someone: orders to ship (and overdue against each store's promise),
/// refunds for the seller, bad reviews without a reply, low stock. Each count has its list.
public struct WorkQueueRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The statuses of a paid order with lines still to ship.
    public static let toShipStatuses: [OrderStatus] = [.waitSellerSendGoods, .sellerConsignedPart]
    /// The refund statuses that wait for the seller: to agree, or to confirm the returned goods.
    public static let sellerRefundStatuses: [RefundStatus] = [.waitSellerAgree, .waitSellerConfirmGoods, .waitSellerConsignGoods]

    /// Per store: orders to ship, and how many of them are past the store's promised time at `now`.
    public func shippingCounts(of stores: [Store], at now: Date) async throws -> [ID<Store>: (toShip: Int, overdue: Int)] {
        var counts: [ID<Store>: (toShip: Int, overdue: Int)] = [:]
        for store in stores {
            let row = try await database.sql().raw(
                """
                SELECT COUNT(*) AS to_ship,
                    COALESCE(SUM(CASE WHEN counted_paid_at < \(bind: store.shippingPromise.overdueIfPaidBefore(now)) THEN 1 ELSE 0 END), 0) AS overdue
                FROM orders
                WHERE store_id = \(bind: store.id.rawValue) AND status IN \(SQLBind.group(Self.toShipStatuses.map(\.rawValue)))
                """
            ).first()
            counts[store.id] = (
                try row?.decode(column: "to_ship", as: Int.self) ?? 0, try row?.decode(column: "overdue", as: Int.self) ?? 0
            )
        }
        return counts
    }

    /// The orders to ship in these stores, longest waiting first.
    public func ordersToShip(in stores: [Store], limit: Int) async throws -> [OrderToShip] {
        guard !stores.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0) })
        return try await database.sql().raw(
            """
            SELECT store_id, tid, buyer_nick, payment_fen, counted_paid_at,
                EXISTS (SELECT 1 FROM shipments s WHERE s.store_id = orders.store_id AND s.tid = orders.tid AND s.status = 'pending') AS shipping
            FROM orders
            WHERE store_id IN \(SQLBind.group(stores.map(\.id.rawValue))) AND status IN \(SQLBind.group(Self.toShipStatuses.map(\.rawValue)))
                AND counted_paid_at IS NOT NULL
            ORDER BY counted_paid_at, tid LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { row in
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            let paidAt = try row.decode(column: "counted_paid_at", as: Date.self)
            return OrderToShip(
                storeID: store, tid: try row.decode(column: "tid", as: String.self),
                buyerNick: try row.decode(column: "buyer_nick", as: String.self),
                payment: Money(fen: try row.decode(column: "payment_fen", as: Int64.self)), paidAt: paidAt,
                due: (byID[store]?.shippingPromise ?? ShippingPromise()).due(paidAt: paidAt),
                isShipping: try row.decode(column: "shipping", as: Bool.self))
        }
    }

    /// Per store: refunds waiting for the seller.
    public func refundCounts(of stores: [ID<Store>]) async throws -> [ID<Store>: Int] {
        try await countsByStore(
            """
            SELECT store_id, COUNT(*) AS n FROM refunds
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND status IN \(SQLBind.group(Self.sellerRefundStatuses.map(\.rawValue)))
            GROUP BY store_id
            """, stores: stores)
    }

    /// The refunds waiting for the seller in these stores, oldest first.
    public func refundsToHandle(in stores: [ID<Store>], limit: Int) async throws -> [RefundToHandle] {
        guard !stores.isEmpty else { return [] }
        return try await database.sql().raw(
            """
            SELECT store_id, refund_id, tid, status, phase, refund_fee_fen, created_at FROM refunds
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND status IN \(SQLBind.group(Self.sellerRefundStatuses.map(\.rawValue)))
            ORDER BY created_at, refund_id LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { row in
            let status = try row.decode(column: "status", as: String.self)
            let phase = try row.decode(column: "phase", as: String.self)
            guard let status = RefundStatus(rawValue: status), let phase = RefundPhase(rawValue: phase) else {
                throw PersistenceError.corruptRow(table: "refunds", id: try row.decode(column: "refund_id", as: String.self))
            }
            return RefundToHandle(
                storeID: ID(try row.decode(column: "store_id", as: UUID.self)),
                refundID: try row.decode(column: "refund_id", as: String.self),
                tid: try row.decode(column: "tid", as: String.self), status: status, phase: phase,
                refundFee: Money(fen: try row.decode(column: "refund_fee_fen", as: Int64.self)),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// How long after a review the seller may still reply to it (Taobao: 30 days).
    public static let reviewReplyWindow: TimeInterval = 30 * 86_400

    /// Per store: bad reviews without a reply, still open to one at `now`.
    public func reviewCounts(of stores: [ID<Store>], at now: Date) async throws -> [ID<Store>: Int] {
        try await countsByStore(
            """
            SELECT store_id, COUNT(*) AS n FROM reviews
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND result = 'bad' AND reply = ''
                AND created_at >= \(bind: now.addingTimeInterval(-Self.reviewReplyWindow))
            GROUP BY store_id
            """, stores: stores)
    }

    /// The bad reviews without a reply in these stores, still open to one at `now`, the closest
    /// to the end of their reply window first.
    public func reviewsToAnswer(in stores: [ID<Store>], at now: Date, limit: Int) async throws -> [ReviewToAnswer] {
        guard !stores.isEmpty else { return [] }
        return try await database.sql().raw(
            """
            SELECT store_id, tid, item_title, content, created_at FROM reviews
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND result = 'bad' AND reply = ''
                AND created_at >= \(bind: now.addingTimeInterval(-Self.reviewReplyWindow))
            ORDER BY created_at, oid LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { row in
            ReviewToAnswer(
                storeID: ID(try row.decode(column: "store_id", as: UUID.self)), tid: try row.decode(column: "tid", as: String.self),
                itemTitle: try row.decode(column: "item_title", as: String.self),
                content: try row.decode(column: "content", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// The client's SKUs whose stock is low, fewest days of cover first (none left first of all).
    /// The pace is the units paid for in the client's stores over the last whole days.
    public func lowStock(of client: ID<Client>, at now: Date) async throws -> [LowStockSKU] {
        try await stockCovers(of: client, at: now).filter(\.cover.isLow).sorted {
            ($0.cover.daysOfCoverTenths ?? .max, $0.cover.available, $0.outerID) < (
                $1.cover.daysOfCoverTenths ?? .max, $1.cover.available, $1.outerID
            )
        }
    }

    /// The client's SKUs (those with these merchant codes, when given) with their shared stock and
    /// its cover at the pace the client's stores sold them over the last `StockCover.paceDays`
    /// whole days, from the daily rollups.
    public func stockCovers(of client: ID<Client>, at now: Date, outerIDs: [String]? = nil) async throws -> [LowStockSKU] {
        if outerIDs?.isEmpty == true { return [] }
        let pace = DayRange.last(StockCover.paceDays, before: now)
        let only: any SQLExpression = outerIDs.map { SQLQueryString(" AND s.outer_id IN \(SQLBind.group($0))") } ?? SQLRaw("")
        let rows = try await database.sql().raw(
            """
            SELECT s.id, s.outer_id, s.properties, p.title, st.on_hand - st.reserved AS available, st.warn_at,
                COALESCE(sold.quantity, 0) AS sold
            FROM skus s
            JOIN sku_stock st ON st.sku_id = s.id
            JOIN products p ON p.id = s.product_id
            LEFT JOIN (
                SELECT d.outer_sku_id, CAST(SUM(d.quantity) AS BIGINT) AS quantity
                FROM stores ss
                JOIN sku_day_sales d ON d.store_id = ss.id
                WHERE ss.client_id = \(bind: client.rawValue)
                    AND d.day >= \(bind: pace.firstDay.description) AND d.day <= \(bind: pace.lastDay.description)
                GROUP BY d.outer_sku_id
            ) AS sold ON sold.outer_sku_id = s.outer_id
            WHERE s.client_id = \(bind: client.rawValue)\(only)
            """
        ).all()
        return try rows.map { row in
            LowStockSKU(
                clientID: client, skuID: try row.decode(column: "id", as: UUID.self),
                outerID: try row.decode(column: "outer_id", as: String.self), title: try row.decode(column: "title", as: String.self),
                properties: try row.decode(column: "properties", as: String.self),
                cover: StockCover(
                    available: try row.decode(column: "available", as: Int.self), soldInPace: try row.decode(column: "sold", as: Int.self),
                    warnAt: try row.decode(column: "warn_at", as: Int.self)))
        }
    }

    private func countsByStore(_ query: SQLQueryString, stores: [ID<Store>]) async throws -> [ID<Store>: Int] {
        var counts = Dictionary(uniqueKeysWithValues: stores.map { ($0, 0) })
        guard !stores.isEmpty else { return counts }
        for row in try await database.sql().raw(query).all() {
            counts[ID(try row.decode(column: "store_id", as: UUID.self))] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
