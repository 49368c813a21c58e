import DaiyunCore
import Fluent
import Foundation
import SQLKit

extension SalesRollupRepository {
    /// Recomputes the store's rollups from its order and refund rows, replacing what was kept;
    /// returns the orders counted. The sums are grouped by the database on the days each row
    /// counts on, which the writers store beside it from the Core definitions (`counted_day`,
    /// `confirmed_day`, `completed_day`); the distinct buyers are counted from the buyer days by
    /// `BuyerCounterBuilder`. Ten million lines take about two minutes on SQLite this way, where
    /// reading every order into Swift took over five.
    @discardableResult
    public func rebuild(store: Store) async throws -> Int {
        try await rebuild(store: store.id)
    }

    @discardableResult
    func rebuild(store: ID<Store>) async throws -> Int {
        let id = store.rawValue
        return try await database.transaction { tx in
            try await tx.lockForWriting(store: store)
            try await tx.prepareForBulkWrite()
            let sql = try tx.sql()
            for table in Self.tables { try await sql.delete(from: table).where("store_id", .equal, SQLBind(id)).run() }
            try await sql.raw(
                """
                INSERT INTO store_day_buyers (store_id, buyer, day, orders, gmv_fen)
                SELECT store_id, buyer_nick, counted_day, COUNT(*), SUM(payment_fen) FROM orders
                WHERE store_id = \(bind: id) AND counted_day IS NOT NULL
                GROUP BY store_id, buyer_nick, counted_day
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO store_day_sales (store_id, day, \(unsafeRaw: Self.daySums.joined(separator: ", ")))
                SELECT store_id, day, SUM(orders), SUM(gmv_fen), 0, 0, SUM(refunds), SUM(refund_fen), 0, 0, 0,
                    SUM(receipts), SUM(receipt_fen), SUM(receipt_refund_fen)
                FROM (
                    SELECT store_id, day, orders, gmv_fen, 0 AS refunds, 0 AS refund_fen, 0 AS receipts, 0 AS receipt_fen,
                        0 AS receipt_refund_fen
                    FROM store_day_buyers WHERE store_id = \(bind: id)
                    UNION ALL
                    SELECT store_id, completed_day, 0, 0, 1, refund_fee_fen, 0, 0, 0 FROM refunds
                    WHERE store_id = \(bind: id) AND completed_day IS NOT NULL
                    UNION ALL
                    SELECT store_id, confirmed_day, 0, 0, 0, 0, 1, payment_fen, 0 FROM orders
                    WHERE store_id = \(bind: id) AND confirmed_day IS NOT NULL
                    UNION ALL
                    SELECT r.store_id, o.confirmed_day, 0, 0, 0, 0, 0, 0, r.refund_fee_fen
                    FROM refunds r JOIN orders o ON o.store_id = r.store_id AND o.tid = r.tid
                    WHERE r.store_id = \(bind: id) AND r.completed_day IS NOT NULL AND o.confirmed_day IS NOT NULL
                ) AS facts
                GROUP BY store_id, day
                """
            ).run()
            // A refund counts under the merchant code its line carries now; none while its order is not known.
            try await sql.raw(
                """
                INSERT INTO sku_day_sales (store_id, day, outer_sku_id, \(unsafeRaw: Self.skuSums.joined(separator: ", ")))
                SELECT store_id, day, outer_sku_id, SUM(quantity), SUM(sales_fen), SUM(refunds), SUM(refund_fen) FROM (
                    SELECT l.store_id, o.counted_day AS day, l.outer_sku_id, l.quantity, l.payment_fen AS sales_fen,
                        0 AS refunds, 0 AS refund_fen
                    FROM order_lines l JOIN orders o ON o.store_id = l.store_id AND o.tid = l.tid
                    WHERE l.store_id = \(bind: id) AND o.counted_day IS NOT NULL
                    UNION ALL
                    SELECT r.store_id, r.completed_day, l.outer_sku_id, 0, 0, 1, r.refund_fee_fen
                    FROM refunds r JOIN order_lines l ON l.store_id = r.store_id AND l.oid = r.oid
                    WHERE r.store_id = \(bind: id) AND r.completed_day IS NOT NULL
                ) AS facts
                GROUP BY store_id, day, outer_sku_id
                HAVING SUM(quantity) <> 0 OR SUM(sales_fen) <> 0 OR SUM(refunds) <> 0 OR SUM(refund_fen) <> 0
                """
            ).run()
            let repository = SalesRollupRepository(database: tx)
            try await repository.write(SalesRollupDelta(), counters: try await repository.countedBuyers(store: store), store: store)
            return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("orders")
                .where("store_id", .equal, SQLBind(id)).where("counted_day", .isNot, SQLLiteral.null).first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The store's distinct-buyer counts from its kept buyer days, read a page at a time in
    /// (buyer, day) order, the unique key's.
    private func countedBuyers(store: ID<Store>) async throws -> BuyerCounters {
        var builder = BuyerCounterBuilder()
        var (buyer, days) = ("", [Int]())
        var after: (buyer: String, day: String)?
        let pageSize = 20_000
        while true {
            let query = try database.sql().select().columns("buyer", "day").from("store_day_buyers")
                .where("store_id", .equal, SQLBind(store.rawValue))
            if let after {
                query.where(
                    SQLGroupExpression([SQLColumn("buyer"), SQLColumn("day")]), .greaterThan,
                    SQLGroupExpression([SQLBind(after.buyer), SQLBind(after.day)]))
            }
            let rows = try await query.orderBy("buyer").orderBy("day").limit(pageSize).all()
            for row in rows {
                let (nick, text) = (try row.decode(column: "buyer", as: String.self), try row.decode(column: "day", as: String.self))
                guard let day = BusinessDay(text) else { throw PersistenceError.corruptRow(table: "store_day_buyers", id: text) }
                if nick != buyer {
                    builder.add(buyerDays: days)
                    (buyer, days) = (nick, [])
                }
                days.append(day.ordinal)
                after = (nick, text)
            }
            if rows.count < pageSize { break }
        }
        builder.add(buyerDays: days)
        return builder.counters()
    }

    /// Writes each order's counted and confirmed days and each refund's completed day on their
    /// rows, from what is kept there (for the migration that added the columns).
    func writeCountedDays(store: ID<Store>) async throws {
        let sql = try database.sql()
        try await Self.page(database, table: "orders", key: "tid", store: store.rawValue) { tids in
            let rows = try await database.select(OrderRow.self, from: "orders", store: store.rawValue, where: "tid", in: tids)
            let orders = try rows.map { try $0.domain(lines: []) }
            for (column, day) in [("counted_day", \Order.countedDay), ("confirmed_day", \Order.confirmedDay)] {
                var days: [String: [String]] = [:]
                for order in orders {
                    if let counted = order[keyPath: day] { days[counted.description, default: []].append(order.tid) }
                }
                for (day, tids) in days {
                    try await sql.update("orders").set(column, to: SQLBind(day)).where("store_id", .equal, SQLBind(store.rawValue))
                        .where("tid", .in, SQLBind.group(tids)).run()
                }
            }
        }
        try await Self.page(database, table: "refunds", key: "refund_id", store: store.rawValue) { ids in
            let rows = try await database.select(RefundRow.self, from: "refunds", store: store.rawValue, where: "refund_id", in: ids)
            var days: [String: [String]] = [:]
            for row in rows {
                guard let day = try row.domain().completedDay else { continue }
                days[day.description, default: []].append(row.refundId)
            }
            for (day, ids) in days {
                try await sql.update("refunds").set("completed_day", to: SQLBind(day)).where("store_id", .equal, SQLBind(store.rawValue))
                    .where("refund_id", .in, SQLBind.group(ids)).run()
            }
        }
    }
}
