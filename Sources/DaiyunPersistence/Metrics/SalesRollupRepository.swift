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

    /// Adds the rows' sums to the kept rows' (`sum = sum + excluded.sum`), or inserts them.
    private func increment(_ table: String, keys: [String], sums: [String], rows: [[SQLBind]]) async throws {
        try await database.insert(
            rows, into: table, columns: keys + sums, onConflict: keys,
            set: sums.map { ($0, SQLBinaryExpression(SQLColumn($0, table: table), .add, SQLExcludedColumn($0))) })
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
}
