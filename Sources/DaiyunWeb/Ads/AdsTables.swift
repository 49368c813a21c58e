import DaiyunChannels
import DaiyunCore
import DaiyunPersistence

/// The ads page's tables as files (CSV with BOM, or XLSX), headed in the reader's language, with
/// the counts and amounts as numbers and the derived rates as the page writes them.
enum AdsTables {
    static let names = ["campaigns", "keywords", "crowds", "suggestions"]

    static func table(_ name: String, _ board: AdsBoard, _ l10n: Localizer) -> SpreadsheetTable {
        switch name {
        case "keywords": breakdown(board.keywords, name: l10n["ads_keyword"], board, l10n)
        case "crowds": breakdown(board.crowds, name: l10n["ads_crowd"], board, l10n)
        case "suggestions": suggestions(board, l10n)
        default:
            SpreadsheetTable(
                header: [l10n["fig_campaign"], l10n["ads_campaign_id"], l10n["fig_ad_product"], l10n["ads_target"]] + figureHeader(l10n),
                rows: board.campaigns.map { c in
                    [
                        .text(c.campaignName), .text(c.campaignID), .text(l10n["ad_product_" + c.product.rawValue]),
                        .text(l10n.hundredths(board.targets.roi(c.product, c.campaignID))),
                    ] + figureCells(c.figures, l10n)
                })
        }
    }

    static func breakdown(_ lines: [BreakdownFigures], name: String, _ board: AdsBoard, _ l10n: Localizer) -> SpreadsheetTable {
        SpreadsheetTable(
            header: [name, l10n["fig_campaign"], l10n["ads_campaign_id"], l10n["fig_ad_product"], l10n["ads_target"]]
                + figureHeader(l10n),
            rows: lines.map { b in
                [
                    .text(b.value), .text(b.campaignName), .text(b.campaignID), .text(l10n["ad_product_" + b.product.rawValue]),
                    .text(l10n.hundredths(board.targets.roi(b.product, b.campaignID))),
                ] + figureCells(b.figures, l10n)
            })
    }

    static func suggestions(_ board: AdsBoard, _ l10n: Localizer) -> SpreadsheetTable {
        SpreadsheetTable(
            header: [
                l10n["ads_action"], l10n["fig_campaign"], l10n["ads_keyword"], l10n["ads_crowd"], l10n["ads_suggested"], l10n["ads_reason"],
            ],
            rows: board.suggestions.map { s in
                [
                    .text(l10n["ad_action_" + s.action.rawValue]), .text(s.line.campaignName), .text(s.line.keyword), .text(s.line.crowd),
                    s.suggested.map(SpreadsheetTable.Cell.money) ?? .text(""), .text(l10n.say(s.reason)),
                ]
            })
    }

    static func figureHeader(_ l10n: Localizer) -> [String] { AdColumn.allCases.map { l10n[$0.label] } }

    static func figureCells(_ f: AdFigures, _ l10n: Localizer) -> [SpreadsheetTable.Cell] {
        AdColumn.allCases.map { column in
            switch column {
            case .impressions, .clicks, .orders: .integer(column.value(f) ?? 0)
            case .cost, .gmv: .money(Money(fen: column.value(f) ?? 0))
            case .cpc, .cartCost: column.value(f).map { .money(Money(fen: $0)) } ?? .text("")
            case .ctr, .cvr, .roi: .text(column.value(f) == nil ? "" : column.text(f, l10n))
            }
        }
    }
}
