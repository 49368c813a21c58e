import DaiyunCore
import DaiyunPersistence
import Foundation

/// A store's dashboard: the period's totals against the previous period and last year, SVG
/// charts of the days with the big promotions shaded, the days' table with the traffic export's
/// 支付金额 beside the GMV from the orders, and the SKU ranking with stock cover. Every figure
/// links to the rows it came from; the same page serves the agency and the brand, read only.
struct StoreDashboardPage: PageContent {
    static let template = "dashboards/store"
    static let strings: [StringTable] = [.dashboards, .ads]
    var title: String
    var store: StoreRow
    var alertRulesPath: String
    var adsPath: String
    var from: String
    var until: String
    var action: String
    var presets: [Link]
    var periodLine: String
    var promotionsLine: String?
    var hasTraffic: Bool
    var tiles: [Tile]
    var charts: [Chart]
    var days: [DayRow]
    var total: DayRow
    var skus: [SKURow]
    var skuTitle: String
    var skuHeaders: [SKUHeader]
    /// The SKU ranking's `sku_sort`, kept when the period form is sent (nil: by sales).
    var skuSort: String?
    var campaigns: [CampaignRow]

    /// A campaign's figures over the period under one attribution.
    struct CampaignRow: Encodable {
        var product: String
        var name: String
        var attribution: String
        var impressions, clicks, ctr, cpc, cost, orders, gmv, roi, cvr, cartCost: String
    }
    var downloads: [Link]

    /// A chart with its caption.
    struct Chart: Encodable {
        var title: String
        var svg: String
    }

    struct Link: Encodable {
        var label: String
        var path: String
        var current = false
    }

    /// A period figure, with its exact value in the tooltip and its changes below.
    struct Tile: Encodable {
        var label: String
        var value: String
        var exact: String
        var previous: String
        var lastYear: String
        var down: Bool
    }

    struct DayRow: Encodable {
        var day: String
        var ordersPath: String?
        var orders, gmv, buyers, newBuyers, aov, visitors, conversion, refunds, refundAmount, netSales: String
        var sourcePath: String?
        var reported, difference: String
        var differs: Bool
        var promotion: String?
    }

    /// A figure column of the SKU table: a ranking one links to the ranking by it (the arrow marks
    /// the one in use).
    struct SKUHeader: Encodable {
        var label: String
        var path: String?
        var arrow = ""
    }

    struct SKURow: Encodable {
        var rank: Int
        var outerID: String
        var ordersPath: String
        var skuPath: String?
        var title: String
        var units, sales, share, refunds, refundAmount, available, cover: String
        var low: Bool
    }

    init(_ board: StoreDashboard, clientName: String, _ l10n: Localizer) {
        let period = board.period
        title = l10n.format("dashboard_title", board.store.name)
        store = StoreRow(board.store, clientName: clientName, l10n)
        alertRulesPath = SiteURL.alertRules(board.store.id).path
        adsPath = SiteURL.ads(board.store.id, period).path
        from = period.first.description
        until = period.last.description
        action = SiteURL.dashboard(board.store.id, nil).path
        let today = BusinessDay(containing: board.now)
        let thisMonth = BusinessMonth(of: today)
        let choices: [(String, DashboardPeriod)] = [
            (l10n["dashboard_preset_7"], .recent(7, before: today)), (l10n["dashboard_preset_30"], .recent(30, before: today)),
            (l10n["dashboard_preset_90"], .recent(90, before: today)),
            (l10n["dashboard_preset_month"], (try? DashboardPeriod(first: thisMonth.firstDay, last: today)) ?? .month(thisMonth)),
            (l10n["dashboard_preset_last_month"], .month(BusinessMonth(of: thisMonth.firstDay.advanced(by: -1)))),
        ]
        presets = choices.map {
            Link(label: $0.0, path: SiteURL.dashboard(board.store.id, $0.1, skus: board.ranking).path, current: $0.1 == period)
        }
        skuSort = board.ranking == .sales ? nil : board.ranking.rawValue
        skuTitle = l10n["dashboard_skus_" + board.ranking.rawValue]
        func header(_ ranking: SKURanking, _ label: String) -> SKUHeader {
            SKUHeader(
                label: l10n[label], path: SiteURL.dashboard(board.store.id, period, skus: ranking).path + "#skus",
                arrow: board.ranking == ranking ? (ranking == .cover ? "↑" : "↓") : "")
        }
        skuHeaders = [
            header(.units, "fig_units"), header(.sales, "fig_sales"), SKUHeader(label: l10n["fig_share"]),
            header(.refunds, "fig_refunds"), header(.refundAmount, "fig_refund_amount"), SKUHeader(label: l10n["fig_available"]),
            header(.cover, "fig_cover"),
        ]
        let d = [period, period.previous, period.lastYear].flatMap { [$0.first.description, $0.last.description] }
        periodLine = l10n.format("dashboard_period_line", d[0], d[1], l10n.count(period.length), d[2], d[3], d[4], d[5])
        let promotionNames = board.promotions.map { "\($0.day) \(l10n["promotion_" + $0.name])" }
        promotionsLine = promotionNames.isEmpty ? nil : l10n.format("dashboard_promotions", promotionNames.joined(separator: "、"))
        hasTraffic = board.totals.visitors != nil
        tiles = Self.tiles(board, l10n)
        charts = DashboardCharts.store(board, l10n).map { Chart(title: $0.title, svg: $0.svg) }
        let promotionsByDay = Dictionary(board.promotions.map { ($0.day, l10n["promotion_" + $0.name]) }, uniquingKeysWith: { a, _ in a })
        days = board.days.reversed().map { day in
            Self.row(
                day, ordersPath: SiteURL.ordersPaidOn(board.store.id, day.day).path,
                sourcePath: board.sources[day.day].map { SiteURL.sourceRecord($0).path }, promotion: promotionsByDay[day.day], l10n)
        }
        total = Self.totalRow(board, l10n)
        campaigns = board.campaigns.map { c in
            let f = c.figures
            return CampaignRow(
                product: l10n["ad_product_" + c.product.rawValue], name: c.campaignName.isEmpty ? c.campaignID : c.campaignName,
                attribution: l10n.format("ad_attribution", l10n["ad_model_" + c.model.rawValue], l10n.count(c.windowDays)),
                impressions: l10n.count(f.impressions), clicks: l10n.count(f.clicks), ctr: f.ctrBP.map(l10n.percent) ?? "—",
                cpc: f.cpc.map(l10n.money) ?? "—", cost: l10n.money(f.cost), orders: l10n.count(f.orders), gmv: l10n.money(f.gmv),
                roi: f.roiHundredths.map(l10n.hundredths) ?? "—", cvr: f.cvrBP.map(l10n.percent) ?? "—",
                cartCost: f.cartCost.map(l10n.money) ?? "—")
        }
        let gmv = board.totals.sales.gmv.fen
        skus = board.skus.enumerated().map { index, line in
            let cover = line.stock?.cover
            return SKURow(
                rank: index + 1, outerID: line.sales.outerSKUID,
                ordersPath: SiteURL.orders(board.store.id).path + "?sku="
                    + (line.sales.outerSKUID.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? ""),
                skuPath: line.stock.map { SiteURL.sku(board.store.clientID, skuID: $0.skuID).path },
                title: line.stock.map { [$0.title, $0.properties].filter { !$0.isEmpty }.joined(separator: " · ") }
                    ?? l10n["dashboard_not_in_catalog"],
                units: l10n.count(line.sales.units), sales: l10n.money(line.sales.sales),
                share: Rate.basisPoints(Int(clamping: line.sales.sales.fen), of: Int(clamping: gmv)).map(l10n.percent) ?? "—",
                refunds: l10n.count(line.sales.refunds), refundAmount: l10n.money(line.sales.refundAmount),
                available: cover.map { l10n.count($0.available) } ?? "—",
                cover: cover.map { cover in
                    cover.daysOfCoverTenths.map { l10n.format("dashboard_cover_days", "\($0 / 10).\($0 % 10)") }
                        ?? l10n["dashboard_cover_none"]
                } ?? "—",
                low: cover?.isLow ?? false)
        }
        downloads = ["days", "skus"].flatMap { table in
            let label = l10n[table == "days" ? "dashboard_days" : "dashboard_skus_" + board.ranking.rawValue]
            return [
                Link(
                    label: "\(label) · \(l10n["dashboard_download_csv"])",
                    path: SiteURL.dashboardFile(board.store.id, period, table: table, xlsx: false, skus: board.ranking).path),
                Link(
                    label: "\(label) · \(l10n["dashboard_download_xlsx"])",
                    path: SiteURL.dashboardFile(board.store.id, period, table: table, xlsx: true, skus: board.ranking).path),
            ]
        }
    }

    private static func tiles(_ board: StoreDashboard, _ l10n: Localizer) -> [Tile] {
        let (now, before, year) = (board.totals, board.previous, board.lastYear)
        func tile(_ key: String, _ value: (PeriodFigures) -> Int64?, _ text: (Int64) -> String, exact: ((Int64) -> String)? = nil) -> Tile {
            let current = value(now)
            let previousChange = Rate.change(from: value(before), to: current)
            let yearChange = Rate.change(from: value(year), to: current)
            return Tile(
                label: l10n[key], value: current.map(text) ?? "—", exact: current.map { exact?($0) ?? text($0) } ?? "",
                previous: l10n.format("dashboard_vs_previous", previousChange.map(l10n.change) ?? "—"),
                lastYear: l10n.format("dashboard_vs_last_year", yearChange.map(l10n.change) ?? "—"),
                down: (previousChange ?? 0) <= AttentionReason.dropBP)
        }
        let money = { (fen: Int64) in l10n.compactMoney(Money(fen: fen)) }
        let exactMoney = { (fen: Int64) in l10n.money(Money(fen: fen)) }
        let count = { (value: Int64) in l10n.count(Int(value)) }
        return [
            tile("fig_gmv", { $0.sales.gmv.fen }, money, exact: exactMoney),
            tile("fig_orders", { Int64($0.sales.paidOrders) }, count),
            tile("fig_buyers", { Int64($0.sales.payingBuyers) }, count),
            tile("fig_aov", { $0.sales.aov?.fen }, exactMoney),
            tile("fig_visitors", { $0.visitors.map(Int64.init) }, count),
            tile("fig_conversion", { $0.conversionBP.map(Int64.init) }, { l10n.percent(Int($0)) }),
            tile("fig_refund_amount", { $0.refundAmount.fen }, money, exact: exactMoney),
            tile("fig_net_sales", { $0.netSales.fen }, money, exact: exactMoney),
            tile("fig_ad_cost", { $0.ads?.cost.fen }, money, exact: exactMoney),
            tile("fig_ad_roi", { $0.ads?.roiHundredths.map(Int64.init) }, { l10n.hundredths(Int($0)) }),
            tile("fig_dsr_description", { $0.dsr?.dsrDescription.map(Int64.init) }, { l10n.score(Int($0)) }),
            tile("fig_dsr_service", { $0.dsr?.dsrService.map(Int64.init) }, { l10n.score(Int($0)) }),
            tile("fig_dsr_logistics", { $0.dsr?.dsrLogistics.map(Int64.init) }, { l10n.score(Int($0)) }),
        ]
    }

    /// A day's line.
    private static func row(_ day: DayFigures, ordersPath: String, sourcePath: String?, promotion: String?, _ l10n: Localizer) -> DayRow {
        let difference = day.paymentDifference
        return DayRow(
            day: day.day.description, ordersPath: day.sales.paidOrders > 0 ? ordersPath : nil, orders: l10n.count(day.sales.paidOrders),
            gmv: l10n.money(day.sales.gmv), buyers: l10n.count(day.sales.payingBuyers), newBuyers: l10n.count(day.newBuyers),
            aov: day.sales.aov.map(l10n.money) ?? "—", visitors: day.traffic.map { l10n.count($0.visitors) } ?? "—",
            conversion: day.conversionBP.map(l10n.percent) ?? "—", refunds: l10n.count(day.refunds),
            refundAmount: l10n.money(day.refundAmount), netSales: l10n.money(day.sales.gmv - day.refundAmount), sourcePath: sourcePath,
            reported: day.traffic?.reportedPayment.map(l10n.money) ?? "—", difference: difference.map(l10n.money) ?? "—",
            differs: (difference?.fen ?? 0) != 0, promotion: promotion)
    }

    /// The period's line: its distinct buyers, its conversion, and the difference over the days
    /// the export reports a 支付金额.
    private static func totalRow(_ board: StoreDashboard, _ l10n: Localizer) -> DayRow {
        let period = board.totals
        let reported = board.days.filter { $0.traffic?.reportedPayment != nil }
        let difference = reported.isEmpty ? nil : reported.compactMap(\.paymentDifference).reduce(.zero, +)
        return DayRow(
            day: l10n["dashboard_total"], ordersPath: nil, orders: l10n.count(period.sales.paidOrders), gmv: l10n.money(period.sales.gmv),
            buyers: l10n.count(period.sales.payingBuyers), newBuyers: l10n.count(board.days.map(\.newBuyers).reduce(0, +)),
            aov: period.sales.aov.map(l10n.money) ?? "—", visitors: period.visitors.map(l10n.count) ?? "—",
            conversion: period.conversionBP.map(l10n.percent) ?? "—", refunds: l10n.count(period.refunds),
            refundAmount: l10n.money(period.refundAmount), netSales: l10n.money(period.netSales), sourcePath: nil,
            reported: reported.isEmpty ? "—" : l10n.money(reported.compactMap(\.traffic?.reportedPayment).reduce(.zero, +)),
            difference: difference.map(l10n.money) ?? "—", differs: (difference?.fen ?? 0) != 0, promotion: nil)
    }
}
