import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The daily rollups: changed by the order and refund writers' deltas inside their transactions,
/// rebuilt from the order and refund rows on demand, and read by dashboards and reports instead
/// of the rows.
public struct SalesRollupRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds the delta to the store's rollups; call it in the transaction that changed the rows,
    /// under the store's write lock (the buyer counts read what the buyers had before).
    public func apply(_ delta: SalesRollupDelta, store: ID<Store>) async throws {
        let delta = delta.pruned()
        try await write(delta, counters: try await buyerCounters(delta, store: store), store: store)
    }

    /// How the delta moves the distinct-buyer counts, from each touched buyer's kept paid days.
    /// A kept buyer day has a paid order (`write` removes the days that fall to none), so the
    /// buyers' days are read from the unique key's index alone, and the orders only of the days
    /// an order leaves, by their keys: asking for every day's orders made SQLite read the store's
    /// every buyer day through the covering day index, once per chunk.
    private func buyerCounters(_ delta: SalesRollupDelta, store: ID<Store>) async throws -> BuyerCounters {
        let changes = Dictionary(grouping: delta.buyerDays, by: \.key.buyer)
        let buyers = Array(changes.keys)
        var counters = BuyerCounters()
        for start in stride(from: 0, to: buyers.count, by: lookupChunk) {
            let chunk = Array(buyers[start..<min(start + lookupChunk, buyers.count)])
            var kept: [String: [BusinessDay: Int]] = [:]
            let rows = try await database.sql().select().columns("buyer", "day").from("store_day_buyers")
                .where("store_id", .equal, SQLBind(store.rawValue)).where("buyer", .in, SQLBind.group(chunk)).all()
            for row in rows {
                guard let day = BusinessDay(try row.decode(column: "day", as: String.self)) else { continue }
                kept[try row.decode(column: "buyer", as: String.self), default: [:]][day] = 1
            }
            let left = chunk.flatMap { changes[$0] ?? [] }.filter { $0.value.count < 0 }.map(\.key)
            for (key, orders) in try await keptOrders(of: left, store: store) { kept[key.buyer, default: [:]][key.day] = orders }
            for buyer in chunk {
                let before = kept[buyer] ?? [:]
                var after = before
                for (key, sales) in changes[buyer] ?? [] { after[key.day, default: 0] += sales.count }
                counters.move(before: before, after: after)
            }
        }
        return counters
    }

    /// The kept orders of the buyer days, looked up by their keys through the day index.
    private func keptOrders(of keys: [SalesRollupDelta.BuyerDay], store: ID<Store>) async throws -> [SalesRollupDelta.BuyerDay: Int] {
        guard !keys.isEmpty else { return [:] }
        let wanted = Set(keys)
        var orders: [SalesRollupDelta.BuyerDay: Int] = [:]
        let rows = try await database.sql().select().columns("buyer", "day", "orders").from("store_day_buyers")
            .where("store_id", .equal, SQLBind(store.rawValue)).where("buyer", .in, SQLBind.group(Set(keys.map(\.buyer)).sorted()))
            .where("day", .in, SQLBind.group(Set(keys.map(\.day.description)).sorted())).all()
        for row in rows {
            guard let day = BusinessDay(try row.decode(column: "day", as: String.self)) else { continue }
            let key = SalesRollupDelta.BuyerDay(buyer: try row.decode(column: "buyer", as: String.self), day: day)
            if wanted.contains(key) { orders[key] = try row.decode(column: "orders", as: Int.self) }
        }
        return orders
    }

    func write(_ delta: SalesRollupDelta, counters: BuyerCounters, store: ID<Store>) async throws {
        let id = SQLBind(store.rawValue)
        // as `daySums` orders them
        var days: [BusinessDay: [Int64]] = [:]
        func add(_ day: BusinessDay, _ column: Int, _ value: Int64) {
            days[day, default: Array(repeating: 0, count: Self.daySums.count)][column] += value
        }
        for (day, sales) in delta.days {
            add(day, 0, Int64(sales.count))
            add(day, 1, sales.fen)
        }
        for (day, count) in counters.dayBuyers where count != 0 { add(day, 2, Int64(count)) }
        for (day, count) in counters.dayNewBuyers where count != 0 { add(day, 3, Int64(count)) }
        for (day, refunds) in delta.refundDays {
            add(day, 4, Int64(refunds.count))
            add(day, 5, refunds.fen)
        }
        for (day, receipts) in delta.receiptDays {
            add(day, 9, Int64(receipts.count))
            add(day, 10, receipts.fen)
            add(day, 11, receipts.refundFen)
        }
        Self.addWindows(counters, add)
        try await increment(
            "store_day_sales", keys: ["store_id", "day"], sums: Self.daySums,
            rows: days.map { [id, SQLBind($0.key.description)] + $0.value.map { SQLBind($0) } })
        try await increment(
            "sku_day_sales", keys: ["store_id", "day", "outer_sku_id"], sums: Self.skuSums,
            rows: delta.skuDays.map {
                [
                    id, SQLBind($0.key.day.description), SQLBind($0.key.outerSKUID), SQLBind(Int64($0.value.quantity)),
                    SQLBind($0.value.salesFen), SQLBind(Int64($0.value.refunds)), SQLBind($0.value.refundFen),
                ]
            })
        try await increment(
            "store_day_buyers", keys: ["store_id", "buyer", "day"], sums: ["orders", "gmv_fen"],
            rows: delta.buyerDays.map {
                [id, SQLBind($0.key.buyer), SQLBind($0.key.day.description), SQLBind(Int64($0.value.count)), SQLBind($0.value.fen)]
            })
        try await removeEmptyBuyerDays(delta.buyerDays.filter { $0.value.count < 0 }.map(\.key), store: store)
        try await increment(
            "store_month_sales", keys: ["store_id", "month"], sums: ["buyers"],
            rows: counters.monthBuyers.filter { $0.value != 0 }.map { [id, SQLBind($0.key.description), SQLBind(Int64($0.value))] })
    }

    /// Removes the buyer days an order left that have no paid order now, by their keys (with no
    /// empty day kept, the other days the keys' buyers and days cross hold orders).
    private func removeEmptyBuyerDays(_ keys: [SalesRollupDelta.BuyerDay], store: ID<Store>) async throws {
        for start in stride(from: 0, to: keys.count, by: lookupChunk) {
            let chunk = keys[start..<min(start + lookupChunk, keys.count)]
            try await database.sql().delete(from: "store_day_buyers").where("store_id", .equal, SQLBind(store.rawValue))
                .where("buyer", .in, SQLBind.group(Set(chunk.map(\.buyer)).sorted()))
                .where("day", .in, SQLBind.group(Set(chunk.map(\.day.description)).sorted()))
                .where("orders", .equal, SQLBind(0)).run()
        }
    }

    /// The sums of `store_day_sales`: orders, GMV, buyers, new buyers, refunds, refund fee, the
    /// buyers of the 7 and 30 days ending on the day, the buyers whose first paid day of the
    /// month it is, and the confirmed receipts (orders finished on the day, their payment, and
    /// their completed refunds' fee).
    public static let daySums = [
        "orders", "gmv_fen", "buyers", "new_buyers", "refunds", "refund_fen", "buyers_7d", "buyers_30d", "month_first_buyers",
        "receipts", "receipt_fen", "receipt_refund_fen",
    ]

    /// The sums of `sku_day_sales`: units, line payment, refunds completed on its lines and their fee.
    public static let skuSums = ["quantity", "sales_fen", "refunds", "refund_fen"]

    /// The days the store's orders were confirmed (finished), by order number, for those kept
    /// and finished.
    func confirmedDays(tids: [String], store: ID<Store>) async throws -> [String: BusinessDay] {
        var days: [String: BusinessDay] = [:]
        let wanted = Array(Set(tids))
        for start in stride(from: 0, to: wanted.count, by: lookupChunk) {
            for row in try await database.sql().select().columns("tid", "confirmed_day").from("orders")
                .where("store_id", .equal, SQLBind(store.rawValue))
                .where("tid", .in, SQLBind.group(Array(wanted[start..<min(start + lookupChunk, wanted.count)])))
                .where("confirmed_day", .isNot, SQLLiteral.null).all()
            {
                days[try row.decode(column: "tid", as: String.self)] = BusinessDay(try row.decode(column: "confirmed_day", as: String.self))
            }
        }
        return days
    }

    /// The merchant codes of the store's lines, by sub-order id, for those kept.
    func lineSKUs(oids: [String], store: ID<Store>) async throws -> [String: String] {
        var codes: [String: String] = [:]
        for start in stride(from: 0, to: oids.count, by: lookupChunk) {
            for row in try await database.sql().select().columns("oid", "outer_sku_id").from("order_lines")
                .where("store_id", .equal, SQLBind(store.rawValue))
                .where("oid", .in, SQLBind.group(Array(oids[start..<min(start + lookupChunk, oids.count)]))).all()
            {
                codes[try row.decode(column: "oid", as: String.self)] = try row.decode(column: "outer_sku_id", as: String.self)
            }
        }
        return codes
    }

    private static func addWindows(_ counters: BuyerCounters, _ add: (BusinessDay, Int, Int64) -> Void) {
        for (length, column) in [(7, 6), (30, 7)] {
            for (day, count) in counters.windowBuyers[length] ?? [:] where count != 0 { add(day, column, Int64(count)) }
        }
        for (day, count) in counters.monthFirstBuyers where count != 0 { add(day, 8, Int64(count)) }
    }

    /// Adds the rows' sums to the kept rows' (`sum = sum + excluded.sum`), or inserts them.
    private func increment(_ table: String, keys: [String], sums: [String], rows: [[SQLBind]]) async throws {
        try await database.insert(
            rows, into: table, columns: keys + sums, onConflict: keys,
            set: sums.map { ($0, SQLBinaryExpression(SQLColumn($0, table: table), .add, SQLExcludedColumn($0))) })
    }

    /// The rollup tables, each keyed by store first.
    static let tables = ["store_day_sales", "sku_day_sales", "store_day_buyers", "store_month_sales"]

    /// Calls `body` with the store's keys of the table, a chunk at a time in key order.
    static func page(
        _ database: any Database, table: String, key: String, store: UUID, _ body: ([String]) async throws -> Void
    ) async throws {
        var after = ""
        while true {
            let keys = try await database.sql().select().column(key).from(table).where("store_id", .equal, SQLBind(store))
                .where(key, .greaterThan, SQLBind(after)).orderBy(key).limit(lookupChunk).all()
                .map { try $0.decode(column: key, as: String.self) }
            guard let last = keys.last else { return }
            try await body(keys)
            after = last
        }
    }
}
