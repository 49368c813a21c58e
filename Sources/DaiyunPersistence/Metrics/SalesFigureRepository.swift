import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The sales figures of stores over whole days (`SalesFigures` defines them), read from the daily
/// rollups the writers keep: orders and GMV summed over the days, and the distinct paying buyers
/// from the counts kept for the period's shape (a day, the 7 or 30 days ending on a day, or the
/// first days of a month), else counted over the buyers' days. An order counts on the day its
/// payment falls on (for a pre-sale, its final payment).
public struct SalesFigureRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Each store's figures over the days the range touches; a store without paid orders in
    /// them has `.zero`.
    public func sales(of stores: [ID<Store>], in range: DayRange) async throws -> [ID<Store>: SalesFigures] {
        var figures = Dictionary(uniqueKeysWithValues: stores.map { ($0, SalesFigures.zero) })
        guard !stores.isEmpty else { return figures }
        let (first, last) = (range.firstDay.description, range.lastDay.description)
        let storeIDs = SQLBind.group(stores.map(\.rawValue))
        let buyers = Self.keptBuyers(range)
        let rows = try await database.sql().raw(
            """
            SELECT store_id, CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(gmv_fen) AS BIGINT) AS gmv,
                CAST(SUM(buyers) AS BIGINT) AS day_buyers, CAST(SUM(month_first_buyers) AS BIGINT) AS month_prefix,
                CAST(SUM(CASE WHEN day = \(bind: last) THEN buyers_7d ELSE 0 END) AS BIGINT) AS window7,
                CAST(SUM(CASE WHEN day = \(bind: last) THEN buyers_30d ELSE 0 END) AS BIGINT) AS window30
            FROM store_day_sales WHERE store_id IN \(storeIDs) AND day >= \(bind: first) AND day <= \(bind: last)
            GROUP BY store_id
            """
        ).all()
        for row in rows {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            figures[store] = SalesFigures(
                paidOrders: try row.decode(column: "orders", as: Int.self), gmv: Money(fen: try row.decode(column: "gmv", as: Int64.self)),
                payingBuyers: try buyers.map { try row.decode(column: $0.column, as: Int.self) } ?? 0)
        }
        guard buyers == nil else { return figures }
        for row in try await database.sql().raw(
            """
            SELECT store_id, COUNT(DISTINCT buyer) AS buyers FROM store_day_buyers
            WHERE store_id IN \(storeIDs) AND day >= \(bind: first) AND day <= \(bind: last) AND orders > 0
            GROUP BY store_id
            """
        ).all() {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            figures[store]?.payingBuyers = try row.decode(column: "buyers", as: Int.self)
        }
        return figures
    }

    /// Which kept count holds the range's distinct buyers, if one does.
    enum KeptBuyers: Equatable {
        /// One day: its buyers.
        case day
        /// The 7 or 30 days ending on the range's last day.
        case window(Int)
        /// The first days of a month (the month so far, or all of it): the buyers whose first
        /// paid day of the month falls in them.
        case monthPrefix

        /// The column of the sums query that holds the count.
        var column: String {
            switch self {
            case .day: "day_buyers"
            case .window(let length): "window\(length)"
            case .monthPrefix: "month_prefix"
            }
        }
    }

    /// The kept count for the range, or nil when the buyers must be counted from their days.
    static func keptBuyers(_ range: DayRange) -> KeptBuyers? {
        let (first, last) = (range.firstDay, range.lastDay)
        let length = last.ordinal - first.ordinal + 1
        if length == 1 { return .day }
        if BuyerCounters.windows.contains(length) { return .window(length) }
        let month = BusinessMonth(of: first)
        if first == month.firstDay, last < month.next.firstDay { return .monthPrefix }
        return nil
    }
}
