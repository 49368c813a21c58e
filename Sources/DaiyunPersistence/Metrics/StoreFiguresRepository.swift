import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// What the dashboards read, from the daily rollups and the traffic days only: a store's days,
/// stores' periods (`PeriodFigures`), and a store's merchant codes by sales.
public struct StoreFiguresRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Every day from `first` through `last`, in order; a day without rows has no sales and no traffic.
    public func days(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [DayFigures] {
        var days = Dictionary(uniqueKeysWithValues: first.days(until: last.advanced(by: 1)).map { ($0, DayFigures(day: $0)) })
        for row in try await database.sql().raw(
            """
            SELECT day, orders, gmv_fen, buyers, new_buyers, refunds, refund_fen FROM store_day_sales
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
            """
        ).all() {
            guard let day = BusinessDay(try row.decode(column: "day", as: String.self)) else { continue }
            days[day]?.sales = SalesFigures(
                paidOrders: try row.decode(column: "orders", as: Int.self),
                gmv: Money(fen: try row.decode(column: "gmv_fen", as: Int64.self)),
                payingBuyers: try row.decode(column: "buyers", as: Int.self))
            days[day]?.newBuyers = try row.decode(column: "new_buyers", as: Int.self)
            days[day]?.refunds = try row.decode(column: "refunds", as: Int.self)
            days[day]?.refundAmount = Money(fen: try row.decode(column: "refund_fen", as: Int64.self))
        }
        for traffic in try await TrafficRepository(database: database).days(store: store, from: first, through: last) {
            days[traffic.day]?.traffic = traffic
        }
        for (day, ads) in try await AdReportRepository(database: database).days(store: store, from: first, through: last) {
            days[day]?.ads = ads
        }
        return days.values.sorted { $0.day < $1.day }
    }

    /// Each store's figures over the days the range touches.
    public func periods(of stores: [ID<Store>], in range: DayRange) async throws -> [ID<Store>: PeriodFigures] {
        let sales = try await SalesFigureRepository(database: database).sales(of: stores, in: range)
        var figures = sales.mapValues { PeriodFigures(sales: $0) }
        guard !stores.isEmpty else { return figures }
        let (first, last) = (range.firstDay.description, range.lastDay.description)
        let ids = SQLBind.group(stores.map(\.rawValue))
        func store(_ row: any SQLRow) throws -> ID<Store> { ID(try row.decode(column: "store_id", as: UUID.self)) }
        for row in try await database.sql().raw(
            """
            SELECT store_id, CAST(SUM(refunds) AS BIGINT) AS refunds, CAST(SUM(refund_fen) AS BIGINT) AS refund_fen
            FROM store_day_sales WHERE store_id IN \(ids) AND day >= \(bind: first) AND day <= \(bind: last)
            GROUP BY store_id
            """
        ).all() {
            let id = try store(row)
            figures[id]?.refunds = try row.decode(column: "refunds", as: Int.self)
            figures[id]?.refundAmount = Money(fen: try row.decode(column: "refund_fen", as: Int64.self))
        }
        for row in try await database.sql().raw(
            """
            SELECT t.store_id, CAST(SUM(t.visitors) AS BIGINT) AS visitors, CAST(SUM(COALESCE(s.buyers, 0)) AS BIGINT) AS buyers
            FROM store_traffic_days t
            LEFT JOIN store_day_sales s ON s.store_id = t.store_id AND s.day = t.day
            WHERE t.store_id IN \(ids) AND t.day >= \(bind: first) AND t.day <= \(bind: last)
            GROUP BY t.store_id
            """
        ).all() {
            let id = try store(row)
            figures[id]?.visitors = try row.decode(column: "visitors", as: Int.self)
            figures[id]?.buyersOnTrafficDays = try row.decode(column: "buyers", as: Int.self)
        }
        for row in try await database.sql().raw(
            """
            SELECT t.* FROM store_traffic_days t
            JOIN (
                SELECT store_id, MAX(day) AS day FROM store_traffic_days
                WHERE store_id IN \(ids) AND day >= \(bind: first) AND day <= \(bind: last) AND dsr_description IS NOT NULL
                GROUP BY store_id
            ) AS latest ON latest.store_id = t.store_id AND latest.day = t.day
            """
        ).all() {
            let id = try store(row)
            figures[id]?.dsr = try TrafficRepository.day(of: row, store: id)
        }
        for (id, ads) in try await AdReportRepository(database: database).figures(of: stores, from: range.firstDay, through: range.lastDay)
        {
            figures[id]?.ads = ads
        }
        return figures
    }

    /// The store's merchant codes over the days with their sales and refunds, most first by
    /// `ranking` (by sales for stock cover, which the rollups do not hold; ties by code), at most `limit`.
    public func skuSales(
        store: ID<Store>, from first: BusinessDay, through last: BusinessDay, by ranking: SKURanking = .sales, limit: Int
    ) async throws -> [SKUSales] {
        let order =
            switch ranking {
            case .sales, .cover: "sales DESC"
            case .units: "units DESC, sales DESC"
            case .refunds: "refunds DESC, refund_fen DESC"
            case .refundAmount: "refund_fen DESC, refunds DESC"
            }
        return try await database.sql().raw(
            """
            SELECT outer_sku_id, CAST(SUM(quantity) AS BIGINT) AS units, CAST(SUM(sales_fen) AS BIGINT) AS sales,
                CAST(SUM(refunds) AS BIGINT) AS refunds, CAST(SUM(refund_fen) AS BIGINT) AS refund_fen FROM sku_day_sales
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
            GROUP BY outer_sku_id HAVING SUM(sales_fen) <> 0 OR SUM(quantity) <> 0 OR SUM(refunds) <> 0
            ORDER BY \(unsafeRaw: order), outer_sku_id LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map {
            SKUSales(
                outerSKUID: try $0.decode(column: "outer_sku_id", as: String.self), units: try $0.decode(column: "units", as: Int.self),
                sales: Money(fen: try $0.decode(column: "sales", as: Int64.self)), refunds: try $0.decode(column: "refunds", as: Int.self),
                refundAmount: Money(fen: try $0.decode(column: "refund_fen", as: Int64.self)))
        }
    }
}
