import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The sales figures of stores over whole days (`SalesFigures` defines them), read from the daily
/// rollups the writers keep: orders and GMV summed over the days, and the distinct paying buyers
/// from the day or month count when the period is one, else counted over the buyers' days. An
/// order counts on the day its payment falls on (for a pre-sale, its final payment).
public struct SalesFigureRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Each store's figures over the days the range touches; a store without paid orders in
    /// them has `.zero`. `now` tells the month so far, whose buyers the month's count holds.
    public func sales(of stores: [ID<Store>], in range: DayRange, now: Date) async throws -> [ID<Store>: SalesFigures] {
        var figures = Dictionary(uniqueKeysWithValues: stores.map { ($0, SalesFigures.zero) })
        guard !stores.isEmpty else { return figures }
        let (first, last) = (range.firstDay.description, range.lastDay.description)
        let storeIDs = SQLBind.group(stores.map(\.rawValue))
        let rows = try await database.sql().raw(
            """
            SELECT store_id, CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(gmv_fen) AS BIGINT) AS gmv,
                CAST(SUM(buyers) AS BIGINT) AS buyers
            FROM store_day_sales WHERE store_id IN \(storeIDs) AND day >= \(bind: first) AND day <= \(bind: last)
            GROUP BY store_id
            """
        ).all()
        for row in rows {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            figures[store] = SalesFigures(
                paidOrders: try row.decode(column: "orders", as: Int.self), gmv: Money(fen: try row.decode(column: "gmv", as: Int64.self)),
                payingBuyers: try row.decode(column: "buyers", as: Int.self))
        }
        guard first != last else { return figures }
        let month = BusinessMonth(of: range.firstDay)
        let buyers: [SQLRow]
        if range.firstDay == month.firstDay, range.lastDay < month.next.firstDay, range.until >= now {
            // The month so far: its buyers are the month's buyers.
            buyers = try await database.sql().raw(
                """
                SELECT store_id, buyers FROM store_month_sales WHERE store_id IN \(storeIDs) AND month = \(bind: month.description)
                """
            ).all()
        } else {
            buyers = try await database.sql().raw(
                """
                SELECT store_id, COUNT(DISTINCT buyer) AS buyers FROM store_day_buyers
                WHERE store_id IN \(storeIDs) AND day >= \(bind: first) AND day <= \(bind: last) AND orders > 0
                GROUP BY store_id
                """
            ).all()
        }
        for row in buyers {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            figures[store]?.payingBuyers = try row.decode(column: "buyers", as: Int.self)
        }
        return figures
    }
}
