import DaiyunCore
import Foundation

/// The agency overview: every store the user may see over the chosen period, each figure with its
/// change against the period it is compared with and a link to the store's dashboard (or ads) over
/// the period, where each day links on to its rows; the stores needing attention first.
struct OverviewPage: PageContent {
    static let template = "dashboards/overview"
    static let strings: [StringTable] = [.dashboards]
    var title: String
    var asOf: String
    var periods: [StoreDashboardPage.Link]
    var attentionLine: String?
    var rows: [Row]
    var total: Row?
    var downloads: [StoreDashboardPage.Link]

    /// A figure and its change, and the page it comes from (none for the total).
    struct Figure: Encodable {
        var value: String
        var exact: String
        var change: String
        var down: Bool
        var path: String?
    }

    struct Row: Encodable {
        var name: String
        var path: String?
        var clientName: String
        var channel: String
        var channelLabel: String
        var gmv, orders, visitors, conversion, aov, adCost, roi: Figure
        var refunds: String
        var dsr: String
        var reasons: [String]
    }

    init(_ overview: Overview, _ l10n: Localizer) {
        title = l10n["overview_title"]
        asOf = l10n.format("overview_as_of", ShanghaiTime.format(overview.now))
        periods = OverviewPeriod.allCases.map {
            StoreDashboardPage.Link(
                label: l10n["overview_period_" + $0.rawValue], path: SiteURL.overview($0).path, current: $0 == overview.period)
        }
        let attention = overview.lines.filter { !$0.reasons.isEmpty }.count
        attentionLine = attention == 0 ? nil : l10n.format("overview_attention_count", l10n.count(attention))
        let period = overview.period.range(at: overview.now)
        let shown = try? DashboardPeriod(first: period.firstDay, last: period.lastDay)
        rows = overview.lines.map { line in
            Self.row(
                line.current, against: line.comparison, name: line.store.name, path: SiteURL.dashboard(line.store.id, nil).path,
                sources: shown.map { (SiteURL.dashboard(line.store.id, $0).path, SiteURL.ads(line.store.id, $0).path) },
                clientName: line.clientName, channel: line.store.channel, reasons: line.reasons.map { l10n["attention_" + $0.rawValue] },
                l10n)
        }
        total =
            overview.lines.count > 1
            ? Self.row(
                overview.total.current, against: overview.total.comparison, name: l10n["dashboard_total"], path: nil, sources: nil,
                clientName: "",
                channel: nil, reasons: [], l10n) : nil
        downloads = [
            .init(label: l10n["dashboard_download_csv"], path: SiteURL.overviewFile(overview.period, xlsx: false).path),
            .init(label: l10n["dashboard_download_xlsx"], path: SiteURL.overviewFile(overview.period, xlsx: true).path),
        ]
    }

    private static func row(
        _ now: PeriodFigures, against before: PeriodFigures, name: String, path: String?, sources: (dashboard: String, ads: String)?,
        clientName: String, channel: Channel?, reasons: [String], _ l10n: Localizer
    ) -> Row {
        func figure(
            _ value: (PeriodFigures) -> Int64?, _ text: (Int64) -> String, exact: ((Int64) -> String)? = nil, ads: Bool = false
        ) -> Figure {
            let change = Rate.change(from: value(before), to: value(now))
            return Figure(
                value: value(now).map(text) ?? "—", exact: value(now).map { exact?($0) ?? text($0) } ?? "",
                change: change.map(l10n.change) ?? "—",
                down: (change ?? 0) <= AttentionReason.dropBP, path: ads ? sources?.ads : sources?.dashboard)
        }
        let dsr = now.dsr.map { day in
            [day.dsrDescription, day.dsrService, day.dsrLogistics].map { $0.map(l10n.score) ?? "—" }.joined(separator: " / ")
        }
        return Row(
            name: name, path: path, clientName: clientName, channel: channel?.rawValue ?? "", channelLabel: channel.map(l10n.channel) ?? "",
            gmv: figure({ $0.sales.gmv.fen }, { l10n.compactMoney(Money(fen: $0)) }, exact: { l10n.money(Money(fen: $0)) }),
            orders: figure({ Int64($0.sales.paidOrders) }, { l10n.count(Int($0)) }),
            visitors: figure({ $0.visitors.map(Int64.init) }, { l10n.count(Int($0)) }),
            conversion: figure({ $0.conversionBP.map(Int64.init) }, { l10n.percent(Int($0)) }),
            aov: figure({ $0.sales.aov?.fen }, { l10n.money(Money(fen: $0)) }),
            adCost: figure(
                { $0.ads?.cost.fen }, { l10n.compactMoney(Money(fen: $0)) }, exact: { l10n.money(Money(fen: $0)) }, ads: true),
            roi: figure({ $0.ads?.roiHundredths.map(Int64.init) }, { l10n.hundredths(Int($0)) }, ads: true),
            refunds: l10n.money(now.refundAmount),
            dsr: dsr ?? "—",
            reasons: reasons)
    }
}
