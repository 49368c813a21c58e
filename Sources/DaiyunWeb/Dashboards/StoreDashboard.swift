import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// A store's dashboard at one moment, read from the rollups and traffic days: the period's days
/// beside the previous period's and the same days a year earlier, the three periods' totals, the
/// store's merchant codes ranked as asked with their stock cover, and the big promotions in the period.
struct StoreDashboard: Sendable {
    /// The SKU ranking lists this many merchant codes.
    static let skuCount = 50

    /// A merchant code's line of the ranking: its sales, and the client's SKU with its stock when
    /// the catalog knows the code.
    struct SKULine: Sendable {
        var sales: SKUSales
        var stock: LowStockSKU?
    }

    var store: Store
    var period: DashboardPeriod
    var now: Date
    var days: [DayFigures]
    /// Day by day with `days`: the previous period's, and the year-earlier date's.
    var previousDays: [DayFigures]
    var lastYearDays: [DayFigures]
    var totals: PeriodFigures
    var previous: PeriodFigures
    var lastYear: PeriodFigures
    var ranking: SKURanking
    var skus: [SKULine]
    /// The source record of each day's traffic.
    var sources: [BusinessDay: UUID]
    var promotions: [PromotionCalendar.Day]
    /// The campaigns by spend over the period, each under each attribution reported.
    var campaigns: [CampaignFigures]

    static func load(
        store: Store, period: DashboardPeriod, ranking: SKURanking = .sales, at now: Date, on db: any Database
    ) async throws -> StoreDashboard {
        let figures = StoreFiguresRepository(database: db)
        func days(_ period: DashboardPeriod) async throws -> [DayFigures] {
            try await figures.days(store: store.id, from: period.first, through: period.last)
        }
        func totals(_ period: DashboardPeriod) async throws -> PeriodFigures {
            try await figures.periods(of: [store.id], in: period.range)[store.id] ?? .zero
        }
        let yearEarlier = Dictionary(
            try await days(period.lastYear).map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let sales = try await figures.skuSales(store: store.id, from: period.first, through: period.last, by: ranking, limit: skuCount)
        let stock = Dictionary(
            try await WorkQueueRepository(database: db).stockCovers(of: store.clientID, at: now, outerIDs: sales.map(\.outerSKUID))
                .map { ($0.outerID, $0) }, uniquingKeysWith: { first, _ in first })
        let shown = try await days(period)
        return StoreDashboard(
            store: store, period: period, now: now, days: shown, previousDays: try await days(period.previous),
            lastYearDays: shown.map { yearEarlier[$0.day.yearEarlier] ?? DayFigures(day: $0.day.yearEarlier) },
            totals: try await totals(period), previous: try await totals(period.previous), lastYear: try await totals(period.lastYear),
            ranking: ranking, skus: Self.ranked(sales.map { SKULine(sales: $0, stock: stock[$0.outerSKUID]) }, by: ranking),
            sources: try await TrafficRepository(database: db).sources(store: store.id, from: period.first, through: period.last),
            promotions: PromotionCalendar.days(from: period.first, through: period.last),
            campaigns: try await AdReportRepository(database: db).campaigns(store: store.id, from: period.first, through: period.last))
    }

    /// The lines as read, or for stock cover the fewest days first: those without a pace (no
    /// recent sales) and those the catalog does not stock after them, each in sales order.
    static func ranked(_ lines: [SKULine], by ranking: SKURanking) -> [SKULine] {
        guard ranking == .cover else { return lines }
        func key(_ line: SKULine) -> (Int, Int) {
            guard let cover = line.stock?.cover else { return (2, 0) }
            return cover.daysOfCoverTenths.map { (0, $0) } ?? (1, 0)
        }
        return lines.enumerated().sorted { a, b in
            let (x, y) = (key(a.element), key(b.element))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }
}

extension DashboardPeriod {
    /// The period a request asks for (`from`, `until`, both days, inclusive); the 30 days through
    /// yesterday when it names neither, and 30 days to or from the one it names.
    init(_ req: Request) throws {
        func day(_ key: String) throws -> BusinessDay? {
            guard let text = try? req.query.get(String.self, at: key), !text.isEmpty else { return nil }
            guard let day = BusinessDay(text) else { throw ValidationError(field: key, rule: .dayFormat) }
            return day
        }
        let span = Self.defaultDays - 1
        let (from, until) = (try day("from"), try day("until"))
        // A day is checked before anything is counted from it.
        if let from { try Self.check(from, field: "from") }
        if let until { try Self.check(until, field: "until") }
        switch (from, until) {
        case (nil, nil): self = .recent(before: BusinessDay(containing: req.now))
        case (let first?, nil): try self.init(first: first, last: first.advanced(by: span))
        case (nil, let last?): try self.init(first: last.advanced(by: -span), last: last)
        case (let first?, let last?): try self.init(first: first, last: last)
        }
    }
}
