import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Reads what a contract's month is settled on from the rollups, never from the order rows (the
/// day sums, the months' distinct buyers, the traffic days and the ad report's campaign totals),
/// and computes its statement with `Settlement`.
public struct SettlementRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The month's statement as the data gives it now, with each KPI's misses in a row counted
    /// over the contract's months before it, and the adjustments carried into it.
    public func statement(of contract: Contract, month: BusinessMonth, adjustments: [StatementAdjustment] = []) async throws
        -> StatementFigures
    {
        try await months(of: contract, through: month, adjustments: adjustments).last!
    }

    /// Every month of the contract from its first through `month` as the data gives them now
    /// (one pass: each month's KPI misses in a row follow from the months before), the
    /// adjustments carried into the last; a single month when `month` is before the start.
    public func months(of contract: Contract, through month: BusinessMonth, adjustments: [StatementAdjustment] = []) async throws
        -> [StatementFigures]
    {
        let first = min(BusinessMonth(of: contract.start), month)
        var inputs = try await inputs(of: contract, from: first, through: month)
        var misses: [Int: Int] = [:]
        var months: [StatementFigures] = []
        var next = first
        while next <= month {
            var these = inputs.removeValue(forKey: next) ?? SettlementInputs()
            these.missesBefore = misses
            if next == month { these.adjustments = adjustments }
            let figures = Settlement.statement(of: contract, month: next, inputs: these)
            for result in figures.kpis where result.outcome == .met || result.outcome == .missed {
                misses[result.index] = result.missesInRow
            }
            if next >= BusinessMonth(of: contract.start) || next == month { months.append(figures) }
            next = next.next
        }
        return months
    }

    /// Each month's inputs from `first` through `last`, read once for the whole range (a few
    /// statements, whatever the number of months), for every store of the contract's versions.
    func inputs(of contract: Contract, from first: BusinessMonth, through last: BusinessMonth) async throws
        -> [BusinessMonth: SettlementInputs]
    {
        let stores = Array(Set(contract.versions.flatMap(\.terms.stores)))
        var inputs: [BusinessMonth: SettlementInputs] = [:]
        guard !stores.isEmpty else { return inputs }
        let (firstDay, lastDay) = (first.firstDay, last.next.firstDay.advanced(by: -1))
        let ids = SQLBind.group(stores.map(\.rawValue))
        var sales: [BusinessMonth: [ID<Store>: (gmv: Money, refunds: Money)]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, day, gmv_fen, refund_fen, receipt_fen, receipt_refund_fen FROM store_day_sales
            WHERE store_id IN \(ids) AND day >= \(bind: firstDay.description) AND day <= \(bind: lastDay.description)
            """
        ).all() {
            let store = ID<Store>(try row.decode(column: "store_id", as: UUID.self))
            guard let day = BusinessDay(try row.decode(column: "day", as: String.self)) else { continue }
            let base = DayBase(
                gmv: Money(fen: try row.decode(column: "gmv_fen", as: Int64.self)),
                refunds: Money(fen: try row.decode(column: "refund_fen", as: Int64.self)),
                receipts: Money(
                    fen: try row.decode(column: "receipt_fen", as: Int64.self)
                        - (try row.decode(column: "receipt_refund_fen", as: Int64.self))))
            let month = BusinessMonth(of: day)
            inputs[month, default: SettlementInputs()].days[store, default: [:]][day] = base
            let sum = sales[month]?[store] ?? (.zero, .zero)
            sales[month, default: [:]][store] = (sum.gmv + base.gmv, sum.refunds + base.refunds)
        }
        var buyers: [BusinessMonth: [ID<Store>: Int]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, month, buyers FROM store_month_sales
            WHERE store_id IN \(ids) AND month >= \(bind: first.description) AND month <= \(bind: last.description)
            """
        ).all() {
            guard let month = BusinessMonth(try row.decode(column: "month", as: String.self)) else { continue }
            buyers[month, default: [:]][ID(try row.decode(column: "store_id", as: UUID.self))] = try row.decode(
                column: "buyers", as: Int.self)
        }
        let ads = AdReportRepository(database: database)
        for (month, spend) in try await ads.monthlySpend(of: stores, from: firstDay, through: lastDay) {
            inputs[month, default: SettlementInputs()].adSpend = spend
        }
        let attributed = try await ads.monthlyFiguresByAttribution(of: stores, from: firstDay, through: lastDay)
        var traffic: [BusinessMonth: [ID<Store>: [TrafficDay]]] = [:]
        for store in stores {
            for day in try await TrafficRepository(database: database).days(store: store, from: firstDay, through: lastDay) {
                traffic[BusinessMonth(of: day.day), default: [:]][store, default: []].append(day)
            }
        }
        var month = first
        while month <= last {
            for store in stores {
                let days = traffic[month]?[store] ?? []
                var dsr: [DSRDimension: Int] = [:]
                for day in days {
                    if let score = day.dsrDescription { dsr[.description] = score }
                    if let score = day.dsrService { dsr[.service] = score }
                    if let score = day.dsrLogistics { dsr[.logistics] = score }
                }
                inputs[month, default: SettlementInputs()].months[store] = StoreMonthFigures(
                    gmv: sales[month]?[store]?.gmv ?? .zero, refunds: sales[month]?[store]?.refunds ?? .zero,
                    payingBuyers: buyers[month]?[store] ?? 0, visitors: days.isEmpty ? nil : days.reduce(0) { $0 + $1.visitors },
                    dsr: dsr, ads: attributed[month]?[store] ?? [:])
            }
            month = month.next
        }
        return inputs
    }
}

extension AdReportRepository {
    /// Each store's campaign spend month by month, under the attribution of its target (the
    /// spend is the same under every model; its rows are kept once per model and window).
    func monthlySpend(of stores: [ID<Store>], from first: BusinessDay, through last: BusinessDay) async throws
        -> [BusinessMonth: [ID<Store>: Money]]
    {
        var spend: [BusinessMonth: [ID<Store>: Money]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, SUBSTR(day, 1, 7) AS month, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.storeAttribution) AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY store_id, SUBSTR(day, 1, 7)
            """
        ).all() {
            guard let month = BusinessMonth(try row.decode(column: "month", as: String.self)) else { continue }
            spend[month, default: [:]][ID(try row.decode(column: "store_id", as: UUID.self))] = try Self.figures(row).cost
        }
        return spend
    }

    /// Each store's campaign totals month by month under every attribution model and window it
    /// was reported with (a KPI names its own).
    func monthlyFiguresByAttribution(of stores: [ID<Store>], from first: BusinessDay, through last: BusinessDay) async throws
        -> [BusinessMonth: [ID<Store>: [StoreMonthFigures.Attribution: AdFigures]]]
    {
        var figures: [BusinessMonth: [ID<Store>: [StoreMonthFigures.Attribution: AdFigures]]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, SUBSTR(day, 1, 7) AS month, attribution, window_days, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY store_id, SUBSTR(day, 1, 7), attribution, window_days
            """
        ).all() {
            guard let month = BusinessMonth(try row.decode(column: "month", as: String.self)),
                let model = AttributionModel(rawValue: try row.decode(column: "attribution", as: String.self))
            else { continue }
            let attribution = StoreMonthFigures.Attribution(model: model, windowDays: try row.decode(column: "window_days", as: Int.self))
            figures[month, default: [:]][ID(try row.decode(column: "store_id", as: UUID.self)), default: [:]][attribution] =
                try Self.figures(row)
        }
        return figures
    }
}
