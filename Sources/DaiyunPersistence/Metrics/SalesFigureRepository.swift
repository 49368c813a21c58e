import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// The sales figures of stores over a period, computed from their orders, the one place they are
/// computed (`SalesFigures` defines them). An order counts in the period its payment falls in
/// (for a pre-sale, its final payment), whatever happened to it after.
public struct SalesFigureRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Each store's figures; a store without paid orders in the period has `.zero`.
    public func sales(of stores: [ID<Store>], in range: DayRange) async throws -> [ID<Store>: SalesFigures] {
        var figures = Dictionary(uniqueKeysWithValues: stores.map { ($0, SalesFigures.zero) })
        guard !stores.isEmpty else { return figures }
        let rows = try await database.sql().raw(
            """
            SELECT store_id, COUNT(*) AS orders, CAST(COALESCE(SUM(payment_fen), 0) AS BIGINT) AS gmv,
                COUNT(DISTINCT COALESCE(buyer_open_uid, buyer_nick)) AS buyers
            FROM orders
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue)))
                AND counted_paid_at >= \(bind: range.from) AND counted_paid_at < \(bind: range.until)
            GROUP BY store_id
            """
        ).all()
        for row in rows {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            figures[store] = SalesFigures(
                paidOrders: try row.decode(column: "orders", as: Int.self), gmv: Money(fen: try row.decode(column: "gmv", as: Int64.self)),
                payingBuyers: try row.decode(column: "buyers", as: Int.self))
        }
        return figures
    }
}
