import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The daily sales rollups: changed by the order writer's deltas inside its transaction, rebuilt
/// from the order rows on demand, and read by dashboards and reports instead of the orders.
public struct SalesRollupRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Rows per statement: well under both databases' bind limits.
    static let rowsPerStatement = 500

    /// Adds the delta to the store's rollups; call it in the transaction that changed the orders.
    public func apply(_ delta: SalesRollupDelta, store: ID<Store>) async throws {
        let delta = delta.pruned()
        let id = store.rawValue
        try await increment(
            "store_day_sales", keys: ["store_id", "day"], sums: ["orders", "gmv_fen"],
            rows: delta.days.map { [SQLBind(id), SQLBind($0.key.description), SQLBind(Int64($0.value.orders)), SQLBind($0.value.gmvFen)] })
        try await increment(
            "sku_day_sales", keys: ["store_id", "day", "outer_sku_id"], sums: ["quantity", "sales_fen"],
            rows: delta.skuDays.map {
                [
                    SQLBind(id), SQLBind($0.key.day.description), SQLBind($0.key.outerSKUID), SQLBind(Int64($0.value.quantity)),
                    SQLBind($0.value.salesFen),
                ]
            })
        try await increment(
            "store_month_buyers", keys: ["store_id", "month", "buyer"], sums: ["orders", "gmv_fen"],
            rows: delta.buyerMonths.map {
                [SQLBind(id), SQLBind($0.key.month), SQLBind($0.key.buyer), SQLBind(Int64($0.value.orders)), SQLBind($0.value.gmvFen)]
            })
    }

    /// `INSERT … ON CONFLICT (keys) DO UPDATE SET sum = sum + excluded.sum`, in statements of
    /// `rowsPerStatement` rows.
    private func increment(_ table: String, keys: [String], sums: [String], rows: [[SQLBind]]) async throws {
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            let insert = try database.sql().insert(into: table).columns(keys + sums)
            for row in rows[start..<min(start + Self.rowsPerStatement, rows.count)] { insert.values(row) }
            try await insert.onConflict(with: keys) { conflict in
                for sum in sums {
                    conflict.set(sum, to: SQLBinaryExpression(SQLColumn(sum, table: table), .add, SQLExcludedColumn(sum)))
                }
                return conflict
            }.run()
        }
    }

    /// Recomputes the store's rollups from its order rows, replacing what was kept; returns the
    /// orders read.
    @discardableResult
    public func rebuild(store: Store) async throws -> Int {
        let id = store.id.rawValue
        return try await database.transaction { tx in
            try await tx.lockForWriting(store: store.id)
            for table in ["store_day_sales", "sku_day_sales", "store_month_buyers"] {
                try await tx.sql().delete(from: table).where("store_id", .equal, SQLBind(id)).run()
            }
            var delta = SalesRollupDelta()
            var after = ""
            var read = 0
            while true {
                let tids = try await tx.sql().select().column("tid").from("orders").where("store_id", .equal, SQLBind(id))
                    .where("tid", .greaterThan, SQLBind(after)).orderBy("tid").limit(lookupChunk).all()
                    .map { try $0.decode(column: "tid", as: String.self) }
                guard let last = tids.last else { break }
                for order in try await OrderRepository(database: tx).orders(tids, store: store.id).values { delta.add(order) }
                read += tids.count
                after = last
            }
            try await SalesRollupRepository(database: tx).apply(delta, store: store.id)
            return read
        }
    }

    /// Every non-zero rollup row of the store as text, sorted: what a rebuild must reproduce.
    public func snapshot(store: ID<Store>) async throws -> [String] {
        let id = SQLBind(store.rawValue)
        var lines: [String] = []
        for row in try await database.sql().select().columns("day", "orders", "gmv_fen").from("store_day_sales")
            .where("store_id", .equal, id).all()
        {
            let (orders, gmv) = (try row.decode(column: "orders", as: Int64.self), try row.decode(column: "gmv_fen", as: Int64.self))
            if orders != 0 || gmv != 0 { lines.append("day \(try row.decode(column: "day", as: String.self)) \(orders) \(gmv)") }
        }
        for row in try await database.sql().select().columns("day", "outer_sku_id", "quantity", "sales_fen").from("sku_day_sales")
            .where("store_id", .equal, id).all()
        {
            let (quantity, sales) = (
                try row.decode(column: "quantity", as: Int64.self), try row.decode(column: "sales_fen", as: Int64.self)
            )
            if quantity != 0 || sales != 0 {
                lines.append(
                    "sku \(try row.decode(column: "day", as: String.self)) \(try row.decode(column: "outer_sku_id", as: String.self)) \(quantity) \(sales)"
                )
            }
        }
        for row in try await database.sql().select().columns("month", "buyer", "orders", "gmv_fen").from("store_month_buyers")
            .where("store_id", .equal, id).all()
        {
            let (orders, gmv) = (try row.decode(column: "orders", as: Int64.self), try row.decode(column: "gmv_fen", as: Int64.self))
            if orders != 0 || gmv != 0 {
                lines.append(
                    "buyer \(try row.decode(column: "month", as: String.self)) \(try row.decode(column: "buyer", as: String.self)) \(orders) \(gmv)"
                )
            }
        }
        return lines.sorted()
    }
}
