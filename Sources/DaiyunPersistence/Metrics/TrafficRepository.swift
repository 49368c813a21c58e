import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Stores' traffic days: written from an import (a later report of a day replaces it; the same
/// report again changes nothing) and read for a store's period.
public struct TrafficRepository: Sendable {
    static let table = "store_traffic_days"
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Writes the days; call it inside a transaction.
    public func apply(_ days: [TrafficDay], store: Store, source: UUID, by context: WriteContext) async throws -> UpsertCounts {
        precondition(days.allSatisfy { $0.storeID == store.id }, "a day of another store")
        guard let first = days.map(\.day).min(), let last = days.map(\.day).max() else { return UpsertCounts() }
        let kept = Dictionary(
            try await self.days(store: store.id, from: first, through: last).map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        var counts = UpsertCounts()
        var rows: [[SQLBind]] = []
        for day in days {
            if kept[day.day] == day {
                counts.unchanged += 1
                continue
            }
            if kept[day.day] == nil { counts.inserted += 1 } else { counts.updated += 1 }
            rows.append(
                [SQLBind(context.ids.random()), SQLBind(store.id.rawValue), SQLBind(day.day.description), SQLBind(Int64(day.visitors))]
                    + Self.numbers(day).map { SQLBind($0) } + [SQLBind(source), SQLBind(context.now)])
        }
        // A later report of a day replaces it whole.
        let replaced = ["visitors"] + M0029_CreateStoreTrafficDays.counts + ["source_record_id", "updated_at"]
        try await database.insert(
            rows, into: Self.table, columns: ["id", "store_id", "day"] + replaced, onConflict: ["store_id", "day"],
            set: replaced.map { ($0, SQLExcludedColumn($0)) })
        return counts
    }

    /// The store's days from `first` through `last`, in order.
    public func days(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [TrafficDay] {
        let rows = try await database.sql().select().column("*").from(Self.table)
            .where("store_id", .equal, SQLBind(store.rawValue))
            .where("day", .greaterThanOrEqual, SQLBind(first.description)).where("day", .lessThanOrEqual, SQLBind(last.description))
            .orderBy("day").all()
        return try rows.map { try Self.day(of: $0, store: store) }
    }

    /// The source record each of the store's days from `first` through `last` was last imported from.
    public func sources(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [BusinessDay: UUID] {
        var sources: [BusinessDay: UUID] = [:]
        for row in try await database.sql().select().column("day").column("source_record_id").from(Self.table)
            .where("store_id", .equal, SQLBind(store.rawValue))
            .where("day", .greaterThanOrEqual, SQLBind(first.description)).where("day", .lessThanOrEqual, SQLBind(last.description))
            .all()
        {
            guard let day = BusinessDay(try row.decode(column: "day", as: String.self)),
                let source = try row.decode(column: "source_record_id", as: UUID?.self)
            else { continue }
            sources[day] = source
        }
        return sources
    }

    /// A row of the table as the day it holds.
    static func day(of row: any SQLRow, store: ID<Store>) throws -> TrafficDay {
        func count(_ column: String) throws -> Int? { try row.decode(column: column, as: Int64?.self).map { Int($0) } }
        let dayText = try row.decode(column: "day", as: String.self)
        guard let day = BusinessDay(dayText) else { throw PersistenceError.corruptRow(table: Self.table, id: dayText) }
        return TrafficDay(
            storeID: store, day: day, visitors: Int(try row.decode(column: "visitors", as: Int64.self)),
            pageViews: try count("page_views"), payingBuyers: try count("paying_buyers"), orderBuyers: try count("order_buyers"),
            cartBuyers: try count("cart_buyers"), favoriteBuyers: try count("favorite_buyers"),
            bounceRateBP: try count("bounce_rate_bp"),
            averageStaySeconds: try count("average_stay_seconds"), newVisitors: try count("new_visitors"),
            returningVisitors: try count("returning_visitors"), dsrDescription: try count("dsr_description"),
            dsrService: try count("dsr_service"), dsrLogistics: try count("dsr_logistics"),
            reportedPayment: try row.decode(column: "reported_payment_fen", as: Int64?.self).map { Money(fen: $0) })
    }

    /// The nullable figures in `M0029_CreateStoreTrafficDays.counts` order.
    static func numbers(_ day: TrafficDay) -> [Int64?] {
        [
            day.pageViews, day.payingBuyers, day.orderBuyers, day.cartBuyers, day.favoriteBuyers, day.bounceRateBP,
            day.averageStaySeconds, day.newVisitors, day.returningVisitors, day.dsrDescription, day.dsrService, day.dsrLogistics,
        ].map { $0.map(Int64.init) } + [day.reportedPayment?.fen]
    }
}
