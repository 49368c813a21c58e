import DaiyunCore
import Foundation

/// The 直通车 / 引力魔方 / 万相台 report export (CSV or XLSX, §5.3), one row per day and campaign (or
/// finer: unit, keyword, crowd, creative), read by header name. Every row needs its attribution
/// model (末次点击 / zhai, 多触点 / mta) and window (1, 3, 7, 15 or 30 days): a row without them is
/// an error, not a guess. Counts and amounts as the traffic export reads them.
public enum AdReportExport {
    static let required = [["日期", "时间"], ["推广产品", "产品"], ["计划ID"], ["展现量"], ["点击量"], ["花费"], ["归因模型"], ["转化周期", "归因周期"]]

    public static func parse(_ data: Data, store: ID<Store>) throws -> ParsedFile<AdReportRow> {
        let table = try ExportTable(data)
        try table.require(required)
        let c = (
            day: table.column("日期", "时间"), product: table.column("推广产品", "产品"), campaignID: table.column("计划ID"),
            campaign: table.column("计划名称"), adGroup: table.column("单元", "推广单元"), keyword: table.column("关键词"),
            crowd: table.column("人群"), creative: table.column("创意"), impressions: table.column("展现量"), clicks: table.column("点击量"),
            cost: table.column("花费"), directGMV: table.column("直接成交金额"), indirectGMV: table.column("间接成交金额"),
            directOrders: table.column("直接成交笔数"), indirectOrders: table.column("间接成交笔数"),
            cart: table.column("总购物车数", "购物车数"), favorites: table.column("总收藏数", "收藏数"), preSale: table.column("预售成交金额"),
            deposit: table.column("特权订金金额"), balance: table.column("尾款金额"), budget: table.column("日限额", "日预算"),
            exhausted: table.column("撞线时间", "预算撞线时间"), model: table.column("归因模型"),
            window: table.column("转化周期", "归因周期")
        )
        var firstLine: [String: Int] = [:]
        return table.parse { row in
            let dayText = try row.required(c.day)
            guard let day = TrafficExport.day(dayText) else {
                throw row.error(
                    c.day.name, Message("row_not_day", [String(dayText.prefix(30))], english: "is not a day: \(dayText.prefix(30))"))
            }
            let productText = try row.required(c.product)
            guard let product = Self.product(productText) else {
                throw row.error(
                    c.product.name,
                    Message(
                        "row_not_ad_product", [String(productText.prefix(30))],
                        english: "is not 直通车, 引力魔方 or 万相台: \(productText.prefix(30))"))
            }
            let modelText = try row.required(c.model)
            guard let model = Self.model(modelText) else {
                throw row.error(
                    c.model.name,
                    Message(
                        "row_not_attribution", [String(modelText.prefix(30))],
                        english: "is not an attribution model (末次点击 or 多触点): \(modelText.prefix(30))"))
            }
            let windowText = try row.required(c.window)
            guard let window = Int(windowText.replacingOccurrences(of: "天", with: "")), AdReportRow.windows.contains(window) else {
                throw row.error(
                    c.window.name,
                    Message(
                        "row_not_window", [String(windowText.prefix(30))],
                        english: "is not 1, 3, 7, 15 or 30 days: \(windowText.prefix(30))"))
            }
            func count(_ column: ExportColumn) throws -> Int? {
                try TrafficExport.read(row, column, { Message("row_not_count", [$0], english: "is not a count: \($0)") }) {
                    Int($0.replacingOccurrences(of: ",", with: "")).flatMap { InputBounds.stockLevel.contains($0) ? $0 : nil }
                }
            }
            func money(_ column: ExportColumn) throws -> Money? {
                try TrafficExport.read(row, column, { Message("row_not_amount", [$0], english: "is not an amount in yuan: \($0)") }) {
                    try? Money(yuan: $0.replacingOccurrences(of: ",", with: ""))
                }
            }
            let ad = AdReportRow(
                storeID: store, day: day, product: product, campaignID: try row.required(c.campaignID),
                campaignName: try row.optional(c.campaign) ?? "", adGroup: try row.optional(c.adGroup) ?? "",
                keyword: try row.optional(c.keyword) ?? "", crowd: try row.optional(c.crowd) ?? "",
                creative: try row.optional(c.creative) ?? "",
                model: model, windowDays: window, impressions: try count(c.impressions) ?? 0, clicks: try count(c.clicks) ?? 0,
                cost: try money(c.cost) ?? .zero, directOrders: try count(c.directOrders) ?? 0,
                indirectOrders: try count(c.indirectOrders) ?? 0,
                directGMV: try money(c.directGMV) ?? .zero, indirectGMV: try money(c.indirectGMV) ?? .zero,
                cartAdds: try count(c.cart) ?? 0,
                favorites: try count(c.favorites) ?? 0, preSaleGMV: try money(c.preSale), deposit: try money(c.deposit),
                balance: try money(c.balance), dailyBudget: try money(c.budget),
                budgetExhaustedMinute: try TrafficExport.read(
                    row, c.exhausted, { Message("row_not_time_of_day", [$0], english: "is not a time of day such as 15:30: \($0)") },
                    Self.minute))
            let key = AdReportKey.key(ad)
            if let first = firstLine[key] {
                throw row.error(
                    c.campaignID.name,
                    Message("row_duplicate_ad", ["\(first)"], english: "the same day, campaign and breakdown as line \(first)"))
            }
            firstLine[key] = row.line
            return ad
        }
    }

    /// `15:30`, `15:30:00`, `2026-11-01 15:30:00`, or Excel's fraction of a day (`0.6458`) → minutes after midnight.
    static func minute(_ text: String) -> Int? {
        if let fraction = Double(text), (0..<1).contains(fraction) { return min(1_439, Int((fraction * 1_440).rounded())) }
        let clock = text.split(separator: " ").last.map(String.init) ?? text
        let parts = clock.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    static func product(_ text: String) -> AdProduct? {
        switch text.lowercased() {
        case "直通车", "ztc": .ztc
        case "引力魔方", "ylmf": .ylmf
        case "万相台", "万相台无界", "wxt": .wxt
        default: nil
        }
    }

    static func model(_ text: String) -> AttributionModel? {
        switch text.lowercased() {
        case "末次点击", "末次点击归因", "zhai", "last click", "last_click": .lastClick
        case "多触点", "多触点归因", "mta", "multi-touch": .multiTouch
        default: nil
        }
    }
}
