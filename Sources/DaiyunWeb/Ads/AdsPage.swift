import DaiyunCore
import DaiyunPersistence
import Foundation

/// A store's ads: the period's spend and ROI against target, the suggestions with the figures
/// behind them, the campaigns, keywords and crowds in sortable tables (each figure links to the
/// report rows it adds up), and the form that sets the ROI targets.
struct AdsPage: PageContent {
    static let template = "ads/ads"
    static let strings: [StringTable] = [.ads, .dashboards]
    var title: String
    var store: StoreRow
    var from: String
    var until: String
    var action: String
    var presets: [StoreDashboardPage.Link]
    var attributionLine: String
    var judgedLine: String
    var tiles: [Tile]
    var suggestions: [Suggestion]
    var tables: [Table]
    var rowsPath: String
    var targets: TargetForm?

    struct Tile: Encodable {
        var label: String
        var value: String
        var below: Bool
    }

    struct Suggestion: Encodable {
        var action: String
        var label: String
        var subject: String
        var campaign: String
        var reason: String
        var suggested: String?
        var path: String
    }

    /// A sortable table of campaigns, keywords or crowds.
    struct Table: Encodable {
        var id: String
        var title: String
        var nameLabel: String
        var hasCampaign: Bool
        var headers: [Header]
        var rows: [Row]
        var downloads: [StoreDashboardPage.Link]
    }

    struct Header: Encodable {
        var label: String
        var path: String
        /// `↓`, `↑`, or empty when the table is not sorted by it.
        var arrow: String
    }

    struct Row: Encodable {
        var anchor: String
        var name: String
        var campaign: String
        var product: String
        var target: String
        var below: Bool
        var path: String
        var cells: [Cell]
    }

    struct Cell: Encodable {
        var label: String
        var value: String
    }

    /// The store's target and attribution, and each campaign's own ROI (empty: the store's).
    struct TargetForm: Encodable {
        var action: String
        var roi: String
        var models: [Option]
        var windows: [Option]
        var campaigns: [CampaignField]
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct CampaignField: Encodable {
        var index: Int
        var key: String
        var name: String
        var value: String
    }

    /// The tables' sort query parameters.
    static let sortParameters = ["campaigns": "campaigns_sort", "keywords": "keywords_sort", "crowds": "crowds_sort"]

    init(_ board: AdsBoard, clientName: String, sorts: [String: AdSort], canEdit: Bool, _ l10n: Localizer) {
        let (store, period, target) = (board.store, board.period, board.targets.store)
        title = l10n.format("ads_title", store.name)
        self.store = StoreRow(store, clientName: clientName, l10n)
        from = period.first.description
        until = period.last.description
        action = SiteURL.ads(store.id, nil).path
        let today = BusinessDay(containing: board.now)
        let sortTexts = sorts.mapValues(\.text).filter { $0.value != AdSort.standard.text }
        presets = [7, 30, 90].map { days in
            let choice = DashboardPeriod.recent(days, before: today)
            return StoreDashboardPage.Link(
                label: l10n["dashboard_preset_\(days)"], path: SiteURL.ads(store.id, choice, sorts: Self.queryNames(sortTexts)).path,
                current: choice == period)
        }
        let attribution = l10n.format("ad_attribution", l10n["ad_model_" + target.model.rawValue], l10n.count(target.windowDays))
        attributionLine = l10n.format("ads_attribution_line", attribution, l10n.hundredths(target.roiHundredths))
        let (judgedFirst, judgedLast) = (board.judged.first.description, board.judged.last.description)
        judgedLine = l10n.format("ads_judged_line", l10n.count(AdSuggestionRules.days), judgedFirst, judgedLast)
        let totals = board.totals
        tiles = [
            Tile(label: l10n["fig_ad_cost"], value: l10n.money(totals.cost), below: false),
            Tile(label: l10n["fig_ad_gmv"], value: l10n.money(totals.gmv), below: false),
            Tile(
                label: l10n["fig_ad_roi"], value: totals.roiHundredths.map(l10n.hundredths) ?? "—",
                below: (totals.roiHundredths ?? .max) < target.roiHundredths),
            Tile(label: l10n["ads_target"], value: l10n.hundredths(target.roiHundredths), below: false),
            Tile(label: l10n["fig_clicks"], value: l10n.count(totals.clicks), below: false),
            Tile(label: l10n["fig_ctr"], value: AdColumn.ctr.text(totals, l10n), below: false),
            Tile(label: l10n["fig_cpc"], value: AdColumn.cpc.text(totals, l10n), below: false),
            Tile(label: l10n["fig_cvr"], value: AdColumn.cvr.text(totals, l10n), below: false),
        ]
        rowsPath = SiteURL.adRows(store.id, period, campaign: nil).path
        suggestions = board.suggestions.map { s in
            let campaign = s.line.campaignName.isEmpty ? s.line.campaignID : s.line.campaignName
            return Suggestion(
                action: s.action.rawValue, label: l10n["ad_action_" + s.action.rawValue],
                subject: s.line.isCampaign
                    ? campaign : s.line.keyword.isEmpty ? l10n.format("ads_crowd_named", s.line.crowd) : s.line.keyword,
                campaign: s.line.isCampaign ? "" : campaign,
                reason: l10n.say(s.reason), suggested: s.suggested.map(l10n.money),
                path: SiteURL.adRows(store.id, board.judged, campaign: s.line.campaignID).path)
        }
        func table(_ id: String, name: String, campaign: Bool, _ rows: [Row]) -> Table {
            let sort = sorts[id] ?? .standard
            let headers = AdColumn.allCases.map { column in
                let next = AdSort(column: column, descending: sort.column == column ? !sort.descending : true)
                var query = sortTexts
                query[id] = next.text
                return Header(
                    label: l10n[column.label], path: SiteURL.ads(store.id, period, sorts: Self.queryNames(query)).path + "#\(id)",
                    arrow: sort.column == column ? (sort.descending ? "↓" : "↑") : "")
            }
            let downloads = [false, true].map { xlsx in
                StoreDashboardPage.Link(
                    label: l10n[xlsx ? "dashboard_download_xlsx" : "dashboard_download_csv"],
                    path: SiteURL.adsFile(store.id, period, table: id, xlsx: xlsx).path)
            }
            return Table(
                id: id, title: l10n["ads_table_" + id], nameLabel: name, hasCampaign: campaign, headers: headers, rows: rows,
                downloads: downloads)
        }
        func cells(_ f: AdFigures) -> [Cell] { AdColumn.allCases.map { Cell(label: l10n[$0.label], value: $0.text(f, l10n)) } }
        let campaigns = (sorts["campaigns"] ?? .standard).sorted(board.campaigns, figures: \.figures, name: \.campaignName)
        let campaignRows = campaigns.map { c in
            let roi = board.targets.roi(c.product, c.campaignID)
            return Row(
                anchor: "campaign-" + Self.anchor(AdTargets.key(product: c.product, campaignID: c.campaignID)),
                name: c.campaignName.isEmpty ? c.campaignID : c.campaignName, campaign: c.campaignID,
                product: l10n["ad_product_" + c.product.rawValue], target: l10n.hundredths(roi),
                below: (c.figures.roiHundredths ?? .max) < roi, path: SiteURL.adRows(store.id, period, campaign: c.campaignID).path,
                cells: cells(c.figures))
        }
        func breakdownRows(_ id: String, _ lines: [BreakdownFigures]) -> [Row] {
            (sorts[id] ?? .standard).sorted(lines, figures: \.figures, name: \.value).map { b in
                let roi = board.targets.roi(b.product, b.campaignID)
                return Row(
                    anchor: "", name: b.value, campaign: b.campaignName.isEmpty ? b.campaignID : b.campaignName,
                    product: l10n["ad_product_" + b.product.rawValue], target: l10n.hundredths(roi),
                    below: (b.figures.roiHundredths ?? .max) < roi, path: SiteURL.adRows(store.id, period, campaign: b.campaignID).path,
                    cells: cells(b.figures))
            }
        }
        tables = [
            table("campaigns", name: l10n["fig_campaign"], campaign: false, campaignRows),
            table("keywords", name: l10n["ads_keyword"], campaign: true, breakdownRows("keywords", board.keywords)),
            table("crowds", name: l10n["ads_crowd"], campaign: true, breakdownRows("crowds", board.crowds)),
        ]
        targets =
            canEdit
            ? TargetForm(
                action: SiteURL.adTargets(store.id).path, roi: l10n.hundredths(target.roiHundredths),
                models: AttributionModel.allCases.map {
                    Option(value: $0.rawValue, label: l10n["ad_model_" + $0.rawValue], selected: $0 == target.model)
                },
                windows: AdReportRow.windows.map {
                    Option(value: "\($0)", label: l10n.format("ads_window_days", l10n.count($0)), selected: $0 == target.windowDays)
                },
                campaigns: campaigns.enumerated().map { index, c in
                    let key = AdTargets.key(product: c.product, campaignID: c.campaignID)
                    return CampaignField(
                        index: index, key: key, name: c.campaignName.isEmpty ? c.campaignID : c.campaignName,
                        value: board.targets.campaigns[key].map(l10n.hundredths) ?? "")
                }) : nil
    }

    /// The query names of the tables' sorts.
    static func queryNames(_ sorts: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: sorts.compactMap { table, text in sortParameters[table].map { ($0, text) } })
    }

    /// A fragment identifier for a campaign key: letters, digits and `-`.
    static func anchor(_ key: String) -> String {
        String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }
}
