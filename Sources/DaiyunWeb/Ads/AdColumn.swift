import DaiyunCore
import Vapor

/// A sortable column of the ads tables, and the order a request asks for (`cost`, or `-cost`
/// for highest first; spend, highest first, when it asks for none).
enum AdColumn: String, CaseIterable, Sendable {
    case impressions, clicks, ctr, cpc, cost, orders, gmv, roi, cvr
    case cartCost = "cart_cost"

    /// The figure as a number to sort by; nil sorts last either way.
    func value(_ f: AdFigures) -> Int64? {
        switch self {
        case .impressions: Int64(f.impressions)
        case .clicks: Int64(f.clicks)
        case .ctr: f.ctrBP.map(Int64.init)
        case .cpc: f.cpc?.fen
        case .cost: f.cost.fen
        case .orders: Int64(f.orders)
        case .gmv: f.gmv.fen
        case .roi: f.roiHundredths.map(Int64.init)
        case .cvr: f.cvrBP.map(Int64.init)
        case .cartCost: f.cartCost?.fen
        }
    }

    /// The label key of the column's header.
    var label: String {
        switch self {
        case .impressions: "fig_impressions"
        case .clicks: "fig_clicks"
        case .ctr: "fig_ctr"
        case .cpc: "fig_cpc"
        case .cost: "fig_ad_cost"
        case .orders: "fig_ad_orders"
        case .gmv: "fig_ad_gmv"
        case .roi: "fig_ad_roi"
        case .cvr: "fig_cvr"
        case .cartCost: "fig_cart_cost"
        }
    }

    /// The figure as a page writes it.
    func text(_ f: AdFigures, _ l10n: Localizer) -> String {
        switch self {
        case .impressions: l10n.count(f.impressions)
        case .clicks: l10n.count(f.clicks)
        case .ctr: f.ctrBP.map(l10n.percent) ?? "—"
        case .cpc: f.cpc.map(l10n.money) ?? "—"
        case .cost: l10n.money(f.cost)
        case .orders: l10n.count(f.orders)
        case .gmv: l10n.money(f.gmv)
        case .roi: f.roiHundredths.map(l10n.hundredths) ?? "—"
        case .cvr: f.cvrBP.map(l10n.percent) ?? "—"
        case .cartCost: f.cartCost.map(l10n.money) ?? "—"
        }
    }
}

/// How one ads table is sorted.
struct AdSort: Equatable, Sendable {
    var column: AdColumn
    var descending: Bool

    static let standard = AdSort(column: .cost, descending: true)

    /// The `sort` text of a query: `cost` or `-cost`.
    var text: String { (descending ? "-" : "") + column.rawValue }

    init(column: AdColumn, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// The order the query parameter `name` asks for; a value that names no column is a 422.
    init(_ req: Request, _ name: String) throws {
        let choices = AdColumn.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] }
        guard let text = try req.queryChoice(name, among: choices) else {
            self = .standard
            return
        }
        let descending = text.hasPrefix("-")
        self.init(column: AdColumn(rawValue: String(text.dropFirst(descending ? 1 : 0)))!, descending: descending)
    }

    /// The items in this order, those without the figure last, then by name for ties.
    func sorted<T>(_ items: [T], figures: (T) -> AdFigures, name: (T) -> String) -> [T] {
        items.sorted { a, b in
            let (x, y) = (column.value(figures(a)), column.value(figures(b)))
            switch (x, y) {
            case (let x?, let y?) where x != y: return descending ? x > y : x < y
            case (nil, .some): return false
            case (.some, nil): return true
            default: return name(a) < name(b)
            }
        }
    }
}
