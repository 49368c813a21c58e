import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// The agency overview at one moment: every store the user may see over a period against the
/// period it is compared with, and why a store needs attention (its last 7 days against the 7
/// before), those stores first.
struct Overview: Sendable {
    /// One store's line.
    struct Line: Sendable {
        var store: Store
        var clientName: String
        var current: PeriodFigures
        var comparison: PeriodFigures
        var reasons: [AttentionReason]
    }

    var period: OverviewPeriod
    var now: Date
    var lines: [Line]

    static func load(stores: [Store], clients: [Client], period: OverviewPeriod, at now: Date, on db: any Database) async throws
        -> Overview
    {
        let names = Dictionary(clients.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let figures = StoreFiguresRepository(database: db)
        let ids = stores.map(\.id)
        func load(_ range: DayRange) async throws -> [ID<Store>: PeriodFigures] {
            try await figures.periods(of: ids, in: range)
        }
        let current = try await load(period.range(at: now))
        let comparison = try await load(period.comparison(at: now))
        let week = period == .last7Days ? current : try await load(OverviewPeriod.last7Days.range(at: now))
        let weekBefore = period == .last7Days ? comparison : try await load(OverviewPeriod.last7Days.comparison(at: now))
        let lines = stores.map { store in
            Line(
                store: store, clientName: names[store.clientID] ?? "", current: current[store.id] ?? .zero,
                comparison: comparison[store.id] ?? .zero,
                reasons: AttentionReason.reasons(current: week[store.id] ?? .zero, previous: weekBefore[store.id] ?? .zero))
        }
        return Overview(period: period, now: now, lines: lines.sorted(by: Self.attentionFirst))
    }

    /// Stores with more reasons first; among equals, the larger GMV fall, then the larger GMV.
    static func attentionFirst(_ a: Line, _ b: Line) -> Bool {
        if a.reasons.count != b.reasons.count { return a.reasons.count > b.reasons.count }
        let fallA = Rate.change(from: a.comparison.sales.gmv.fen, to: a.current.sales.gmv.fen) ?? 0
        let fallB = Rate.change(from: b.comparison.sales.gmv.fen, to: b.current.sales.gmv.fen) ?? 0
        if !a.reasons.isEmpty, fallA != fallB { return fallA < fallB }
        if a.current.sales.gmv != b.current.sales.gmv { return a.current.sales.gmv > b.current.sales.gmv }
        return a.store.name < b.store.name
    }

    /// Every store's figures together.
    var total: (current: PeriodFigures, comparison: PeriodFigures) {
        (lines.map(\.current).reduce(.zero, +), lines.map(\.comparison).reduce(.zero, +))
    }
}
