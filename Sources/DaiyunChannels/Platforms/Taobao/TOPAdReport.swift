import DaiyunCore
import Foundation

/// The unified ad report (`taobao.universalbp.report.query.*`): one method per level (the
/// campaign as a whole, its keywords, its crowds), days from `start_time` through `end_time`,
/// under one attribution model (`effect_type`: `zhai`, `mta`) and window (`effect`: 1, 3, 7, 15
/// or 30 days), paged with `page_no`, `page_size` ≤ 100 and `use_has_next`. Rows carry the
/// fields of the report DTO (`thedate`, `campaign_id`, `bidword_str`, `crowd_name`, `impression`,
/// `click`, `cost_in_yuan_str`, `direct_transaction_in_yuan_str`, …, `campaign_budget` in fen).
public enum TOPAdReportLevel: String, Sendable, CaseIterable {
    case campaign, bidword, crowd

    public var method: String { "taobao.universalbp.report.query.\(rawValue)" }
}

public enum TOPAdReportQueries {
    public static let pageSize = 100

    /// The business parameters of one level's query.
    public static func parameters(from first: BusinessDay, through last: BusinessDay, model: AttributionModel, window: Int)
        -> [String: String]
    {
        ["start_time": first.description, "end_time": last.description, "effect_type": model.rawValue, "effect": String(window)]
    }

    /// The product a row's `biz_code` names.
    public static func product(bizCode: String) -> AdProduct? {
        switch bizCode {
        case "onebpSearch": .ztc
        case "onebpDisplay": .ylmf
        case "onebpSite": .wxt
        default: nil
        }
    }

    public static func bizCode(_ product: AdProduct) -> String {
        switch product {
        case .ztc: "onebpSearch"
        case .ylmf: "onebpDisplay"
        case .wxt: "onebpSite"
        }
    }
}

/// One row of the report.
struct TOPAdReportRow: Decodable, Sendable {
    var thedate: String
    var biz_code: String
    var campaign_id: FlexibleText
    var campaign_title: String?
    var adgroup_title: String?
    var bidword_str: String?
    var crowd_name: String?
    var creative_title: String?
    var impression: Int?
    var click: Int?
    var cost_in_yuan_str: String?
    var direct_transaction_in_yuan_str: String?
    var indirect_transaction_in_yuan_str: String?
    var direct_transaction_shipping: Int?
    var indirect_transaction_shipping: Int?
    var cart_total: Int?
    var fav_total: Int?
    var epre_pay_amt_in_yuan_str: String?
    var hfh_dj_amt_in_yuan_str: String?
    var hfh_ys_amt_in_yuan_str: String?
    var campaign_budget: Int64?
    /// 撞线时间, `HH:mm:ss`, when the day budget ran out.
    var budget_out_time: String?
}

/// A page of one level's report.
public struct TOPAdReportPage: Decodable, Sendable {
    var has_next: Bool?
    var results: WrappedList<TOPAdReportRow>?

    public var hasNext: Bool { has_next ?? false }

    /// The page's rows, counted under the attribution the query asked for.
    public func rows(store: ID<Store>, model: AttributionModel, window: Int) throws -> [AdReportRow] {
        try (results?.elements ?? []).map { row in
            let record = "ad report row of \(row.campaign_id.text) on \(row.thedate)"
            func fail(_ field: String, _ reason: String) -> ChannelDataError {
                ChannelDataError(record: record, field: field, reason: reason)
            }
            guard let day = BusinessDay(row.thedate) else { throw fail("thedate", "not a day: \(row.thedate)") }
            guard let product = TOPAdReportQueries.product(bizCode: row.biz_code) else {
                throw fail("biz_code", "unknown product \(row.biz_code)")
            }
            func money(_ text: String?, _ field: String) throws -> Money? {
                guard let text, !text.isEmpty else { return nil }
                guard let amount = try? Money(yuan: text) else { throw fail(field, "not an amount in yuan: \(text)") }
                return amount
            }
            var exhausted: Int?
            if let out = row.budget_out_time, !out.isEmpty {
                guard let minute = AdReportExport.minute(out) else { throw fail("budget_out_time", "not a time of day: \(out)") }
                exhausted = minute
            }
            return AdReportRow(
                storeID: store, day: day, product: product, campaignID: row.campaign_id.text, campaignName: row.campaign_title ?? "",
                adGroup: row.adgroup_title ?? "", keyword: row.bidword_str ?? "", crowd: row.crowd_name ?? "",
                creative: row.creative_title ?? "", model: model, windowDays: window, impressions: row.impression ?? 0,
                clicks: row.click ?? 0, cost: try money(row.cost_in_yuan_str, "cost_in_yuan_str") ?? .zero,
                directOrders: row.direct_transaction_shipping ?? 0, indirectOrders: row.indirect_transaction_shipping ?? 0,
                directGMV: try money(row.direct_transaction_in_yuan_str, "direct_transaction_in_yuan_str") ?? .zero,
                indirectGMV: try money(row.indirect_transaction_in_yuan_str, "indirect_transaction_in_yuan_str") ?? .zero,
                cartAdds: row.cart_total ?? 0, favorites: row.fav_total ?? 0,
                preSaleGMV: try money(row.epre_pay_amt_in_yuan_str, "epre_pay_amt_in_yuan_str"),
                deposit: try money(row.hfh_dj_amt_in_yuan_str, "hfh_dj_amt_in_yuan_str"),
                balance: try money(row.hfh_ys_amt_in_yuan_str, "hfh_ys_amt_in_yuan_str"),
                dailyBudget: row.campaign_budget.map { Money(fen: $0) }, budgetExhaustedMinute: exhausted)
        }
    }
}
