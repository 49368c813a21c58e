import DaiyunChannels
import DaiyunCore
import Foundation

extension SandboxMethods {
    /// The unified ad report of the days asked for, at most 90 days back and through yesterday,
    /// from the shop's own report export (the same rows its `ads.csv` serves), under the
    /// attribution model and window (1, 3, 7, 15 or 30 days) asked for.
    func adReport(_ level: TOPAdReportLevel) async throws -> [String: Any] {
        func day(_ name: String) throws -> BusinessDay {
            guard let day = BusinessDay(try required(name)) else { throw SandboxFailure.invalid(name, "\(name)格式错误，应为yyyy-MM-dd") }
            return day
        }
        let (first, last) = (try day("start_time"), try day("end_time"))
        guard let model = AttributionModel(rawValue: try required("effect_type")) else {
            throw SandboxFailure.invalid("effect_type", "effect_type只能是zhai或mta")
        }
        guard let window = Int(try required("effect")), AdReportRow.windows.contains(window) else {
            throw SandboxFailure.invalid("effect", "effect只能是1、3、7、15或30")
        }
        let today = BusinessDay(containing: now)
        guard first <= last, last < today, first >= today.advanced(by: -90) else {
            throw SandboxFailure.invalid("start_time", "查询日期须在最近90天内、昨天及以前，且开始不晚于结束")
        }
        let paging = try paging(defaultSize: 20, maxSize: TOPAdReportQueries.pageSize)
        let rows = await shop.adRows(from: first, through: last).filter { row in
            let levelMatches =
                switch level {
                case .campaign: row.isCampaignTotal
                case .bidword: !row.keyword.isEmpty
                case .crowd: !row.crowd.isEmpty
                }
            return levelMatches && row.model == model && row.windowDays == window
        }
        return listResult(rows, paging, key: "results", element: "report_result_top_dto", render: SandboxJSON.adRow)
    }
}

extension SandboxJSON {
    static func adRow(_ row: AdReportRow) -> [String: Any] {
        var json: [String: Any] = [
            "thedate": row.day.description, "biz_code": TOPAdReportQueries.bizCode(row.product), "campaign_id": row.campaignID,
            "campaign_title": row.campaignName, "impression": row.impressions, "click": row.clicks,
            "cost_in_yuan_str": row.cost.yuanString, "direct_transaction_in_yuan_str": row.directGMV.yuanString,
            "indirect_transaction_in_yuan_str": row.indirectGMV.yuanString, "direct_transaction_shipping": row.directOrders,
            "indirect_transaction_shipping": row.indirectOrders, "cart_total": row.cartAdds, "fav_total": row.favorites,
        ]
        if !row.keyword.isEmpty { json["bidword_str"] = row.keyword }
        if !row.crowd.isEmpty { json["crowd_name"] = row.crowd }
        if let budget = row.dailyBudget { json["campaign_budget"] = budget.fen }
        if let minute = row.budgetExhaustedMinute { json["budget_out_time"] = ShanghaiTime.clock(minute: minute) + ":00" }
        return json
    }
}
