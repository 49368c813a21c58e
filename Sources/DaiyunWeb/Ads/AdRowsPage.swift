import DaiyunCore
import DaiyunPersistence
import Foundation

/// The ad report rows a figure on the ads page adds up: a campaign's (or every campaign's) rows
/// over the period, every attribution and breakdown apart, each with the file it came from.
struct AdRowsPage: PageContent {
    static let template = "ads/rows"
    static let strings: [StringTable] = [.ads, .dashboards]
    var title: String
    var store: StoreRow
    var adsPath: String
    var periodLine: String
    var rows: [Row]
    var truncated: Bool

    struct Row: Encodable {
        var day: String
        var product: String
        var campaign: String
        var breakdown: String
        var attribution: String
        var impressions, clicks, cost, orders, gmv, budget, exhausted: String
        var sourcePath: String
    }

    init(store: Store, clientName: String, period: DashboardPeriod, campaign: String?, rows: [StoredAdRow], limit: Int, _ l10n: Localizer) {
        title = l10n.format("ads_rows_title", store.name)
        self.store = StoreRow(store, clientName: clientName, l10n)
        adsPath = SiteURL.ads(store.id, period).path
        let (first, last) = (period.first.description, period.last.description)
        periodLine = campaign.map { l10n.format("ads_rows_line", first, last, $0) } ?? l10n.format("ads_rows_line_all", first, last)
        truncated = rows.count >= limit
        self.rows = rows.map { stored in
            let r = stored.row
            let parts: [(String, String)] = [
                (l10n["ads_unit"], r.adGroup), (l10n["ads_keyword"], r.keyword), (l10n["ads_crowd"], r.crowd),
                (l10n["ads_creative"], r.creative),
            ]
            let f = AdFigures(r)
            return Row(
                day: r.day.description, product: l10n["ad_product_" + r.product.rawValue],
                campaign: r.campaignName.isEmpty ? r.campaignID : "\(r.campaignName) (\(r.campaignID))",
                breakdown: parts.filter { !$0.1.isEmpty }.map { "\($0.0)：\($0.1)" }.joined(separator: " · "),
                attribution: l10n.format("ad_attribution", l10n["ad_model_" + r.model.rawValue], l10n.count(r.windowDays)),
                impressions: l10n.count(f.impressions), clicks: l10n.count(f.clicks), cost: l10n.money(f.cost),
                orders: l10n.count(f.orders),
                gmv: l10n.money(f.gmv), budget: r.dailyBudget.map(l10n.money) ?? "—",
                exhausted: r.budgetExhaustedMinute.map(ShanghaiTime.clock(minute:)) ?? "—",
                sourcePath: SiteURL.sourceRecord(stored.sourceID).path)
        }
    }
}
