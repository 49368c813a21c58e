import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Reads a store's month report (`MonthReport`) from the daily rollups alone: the year's days,
/// the months' distinct buyers, and the month's merchant-code days.
public struct MonthReportRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func report(store: ID<Store>, month: BusinessMonth) async throws -> MonthReport {
        let year = BusinessMonth.year(month.year)
        let (from, until) = (year[0].firstDay.description, year[11].next.firstDay.description)
        let id = SQLBind(store.rawValue)
        var days: [BusinessDay: DaySums] = [:]
        for row in try await database.sql().raw(
            """
            SELECT day, orders, gmv_fen, buyers, new_buyers, refunds, refund_fen FROM store_day_sales
            WHERE store_id = \(id) AND day >= \(bind: from) AND day < \(bind: until)
            """
        ).all() {
            guard let day = BusinessDay(try row.decode(column: "day", as: String.self)) else { continue }
            days[day] = DaySums(
                orders: try row.decode(column: "orders", as: Int.self), gmv: try row.decode(column: "gmv_fen", as: Int64.self),
                buyers: try row.decode(column: "buyers", as: Int.self), newBuyers: try row.decode(column: "new_buyers", as: Int.self),
                refunds: try row.decode(column: "refunds", as: Int.self), refundFen: try row.decode(column: "refund_fen", as: Int64.self))
        }
        var monthBuyers: [BusinessMonth: Int] = [:]
        for row in try await database.sql().raw(
            """
            SELECT month, buyers FROM store_month_sales
            WHERE store_id = \(id) AND month >= \(bind: year[0].description) AND month <= \(bind: year[11].description)
            """
        ).all() {
            guard let m = BusinessMonth(try row.decode(column: "month", as: String.self)) else { continue }
            monthBuyers[m] = try row.decode(column: "buyers", as: Int.self)
        }
        let skus = try await database.sql().raw(
            """
            SELECT outer_sku_id, CAST(SUM(sales_fen) AS BIGINT) AS sales, CAST(SUM(quantity) AS BIGINT) AS qty FROM sku_day_sales
            WHERE store_id = \(id) AND day >= \(bind: month.firstDay.description) AND day < \(bind: month.next.firstDay.description)
            GROUP BY outer_sku_id HAVING SUM(sales_fen) <> 0 OR SUM(quantity) <> 0
            ORDER BY sales DESC, outer_sku_id LIMIT \(unsafeRaw: String(MonthReport.topCount))
            """
        ).all().map {
            (
                sku: try $0.decode(column: "outer_sku_id", as: String.self), salesFen: try $0.decode(column: "sales", as: Int64.self),
                qty: try $0.decode(column: "qty", as: Int.self)
            )
        }
        func inMonth(_ m: BusinessMonth) -> DaySums {
            days.filter { BusinessMonth(of: $0.key) == m }.values.reduce(DaySums(), +)
        }
        let monthBuyerCount = monthBuyers[month] ?? 0
        return MonthReport(
            monthly: year.map { m in
                let sums = inMonth(m)
                return MonthReport.Month(month: m, orders: sums.orders, buyers: monthBuyers[m] ?? 0, gmvFen: sums.gmv)
            },
            topSKUs: MonthReport.ranking(skus),
            daily: month.days.map { day in
                let sums = days[day] ?? DaySums()
                return MonthReport.Day(day: day, orders: sums.orders, buyers: sums.buyers, gmvFen: sums.gmv)
            },
            refunds: year.map { m in
                let sums = inMonth(m)
                return MonthReport.MonthRefunds(month: m, refunds: sums.refunds, amountFen: sums.refundFen)
            },
            repurchase: MonthReport.Repurchase(
                buyers: monthBuyerCount, repeatBuyers: monthBuyerCount - inMonth(month).newBuyers))
    }
}

/// One row of `store_day_sales`, or several added up.
private struct DaySums {
    var orders = 0
    var gmv: Int64 = 0
    var buyers = 0
    var newBuyers = 0
    var refunds = 0
    var refundFen: Int64 = 0

    static func + (a: DaySums, b: DaySums) -> DaySums {
        DaySums(
            orders: a.orders + b.orders, gmv: a.gmv + b.gmv, buyers: a.buyers + b.buyers, newBuyers: a.newBuyers + b.newBuyers,
            refunds: a.refunds + b.refunds, refundFen: a.refundFen + b.refundFen)
    }
}
