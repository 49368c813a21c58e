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
        var misses: [Int: Int] = [:]
        var months: [StatementFigures] = []
        var earlier = BusinessMonth(of: contract.start)
        while earlier < month {
            let figures = Settlement.statement(
                of: contract, month: earlier, inputs: try await inputs(of: contract, month: earlier, missesBefore: misses))
            for result in figures.kpis where result.outcome == .met || result.outcome == .missed {
                misses[result.index] = result.missesInRow
            }
            months.append(figures)
            earlier = earlier.next
        }
        var inputs = try await inputs(of: contract, month: month, missesBefore: misses)
        inputs.adjustments = adjustments
        return months + [Settlement.statement(of: contract, month: month, inputs: inputs)]
    }

    /// The inputs of the month for the stores of the versions in force on any of its days.
    func inputs(of contract: Contract, month: BusinessMonth, missesBefore: [Int: Int]) async throws -> SettlementInputs {
        let numbers = Set(contract.segments(of: month).map(\.version))
        let stores = Array(Set(contract.versions.filter { numbers.contains($0.number) }.flatMap(\.terms.stores)))
        var inputs = SettlementInputs(missesBefore: missesBefore)
        guard !stores.isEmpty else { return inputs }
        let (first, last) = (month.firstDay, month.next.firstDay.advanced(by: -1))
        let ids = SQLBind.group(stores.map(\.rawValue))
        var sales: [ID<Store>: (gmv: Money, refunds: Money)] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, day, gmv_fen, refund_fen, receipt_fen, receipt_refund_fen FROM store_day_sales
            WHERE store_id IN \(ids) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
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
            inputs.days[store, default: [:]][day] = base
            sales[store, default: (.zero, .zero)].gmv = sales[store, default: (.zero, .zero)].gmv + base.gmv
            sales[store, default: (.zero, .zero)].refunds = sales[store, default: (.zero, .zero)].refunds + base.refunds
        }
        var buyers: [ID<Store>: Int] = [:]
        for row in try await database.sql().raw(
            "SELECT store_id, buyers FROM store_month_sales WHERE store_id IN \(ids) AND month = \(bind: month.description)"
        ).all() {
            buyers[ID(try row.decode(column: "store_id", as: UUID.self))] = try row.decode(column: "buyers", as: Int.self)
        }
        let ads = AdReportRepository(database: database)
        inputs.adSpend = try await ads.figures(of: stores, from: first, through: last).mapValues(\.cost)
        let attributed = try await ads.figuresByAttribution(of: stores, from: first, through: last)
        let traffic = TrafficRepository(database: database)
        for store in stores {
            let days = try await traffic.days(store: store, from: first, through: last)
            var dsr: [DSRDimension: Int] = [:]
            for day in days {
                if let score = day.dsrDescription { dsr[.description] = score }
                if let score = day.dsrService { dsr[.service] = score }
                if let score = day.dsrLogistics { dsr[.logistics] = score }
            }
            inputs.months[store] = StoreMonthFigures(
                gmv: sales[store]?.gmv ?? .zero, refunds: sales[store]?.refunds ?? .zero, payingBuyers: buyers[store] ?? 0,
                visitors: days.isEmpty ? nil : days.reduce(0) { $0 + $1.visitors }, dsr: dsr, ads: attributed[store] ?? [:])
        }
        return inputs
    }
}

extension AdReportRepository {
    /// Each store's campaign totals over the days under every attribution model and window it
    /// was reported with (a KPI names its own).
    func figuresByAttribution(of stores: [ID<Store>], from first: BusinessDay, through last: BusinessDay) async throws
        -> [ID<Store>: [StoreMonthFigures.Attribution: AdFigures]]
    {
        var figures: [ID<Store>: [StoreMonthFigures.Attribution: AdFigures]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, attribution, window_days, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY store_id, attribution, window_days
            """
        ).all() {
            guard let model = AttributionModel(rawValue: try row.decode(column: "attribution", as: String.self)) else { continue }
            let attribution = StoreMonthFigures.Attribution(model: model, windowDays: try row.decode(column: "window_days", as: Int.self))
            figures[ID(try row.decode(column: "store_id", as: UUID.self)), default: [:]][attribution] = try Self.figures(row)
        }
        return figures
    }
}
