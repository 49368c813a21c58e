import DaiyunCore
import Foundation

/// A store's 直通车 and 万相台 report export for simulated days, consistent with its sales: two
/// keyword campaigns and one smart campaign spending about a tenth of the day's GMV at a click
/// price near ¥1.5, their attributed GMV a share of the day's. Each campaign's row is the sum of
/// its keyword (or crowd) rows, every row under last click and multi-touch over 15 days. The
/// keywords differ in ROI (one far below target, one without orders), and the long-tail campaign
/// runs out of budget in the afternoon at a high ROI, so the suggestions have something to say.
/// Seeded per day, like `TrafficSimulator`.
public enum AdSimulator {
    static let header = [
        "日期", "推广产品", "计划ID", "计划名称", "关键词", "人群", "展现量", "点击量", "花费", "直接成交金额", "间接成交金额", "直接成交笔数", "间接成交笔数", "总购物车数", "日限额",
        "撞线时间", "归因模型", "转化周期",
    ].joined(separator: ",")

    /// A keyword or crowd of a campaign: its share of the spend and its ROI against the campaign's.
    struct Part {
        var keyword = ""
        var crowd = ""
        var share: Double
        var roi: Double
    }

    struct Campaign {
        var product: String
        var id: String
        var name: String
        var share: Double
        var roi: Double
        /// Whether its day budget runs out in the afternoon.
        var capped: Bool
        var parts: [Part]
    }

    /// The campaigns, their keywords drawn from the store's product words.
    static func campaigns(_ words: [String]) -> [Campaign] {
        let w = words.isEmpty ? ["热卖"] : words
        func word(_ index: Int) -> String { w[index % w.count] }
        return [
            Campaign(
                product: "直通车", id: "ZTC-001", name: "核心词-拉新", share: 0.45, roi: 4.0, capped: false,
                parts: [
                    Part(keyword: word(0), share: 0.35, roi: 1.2), Part(keyword: "\(word(1))", share: 0.25, roi: 1.0),
                    Part(keyword: "\(word(0)) 推荐", share: 0.2, roi: 0.35), Part(keyword: "\(word(2)) 旗舰店", share: 0.15, roi: 0),
                    Part(keyword: "\(word(1)) 正品", share: 0.05, roi: 1.5),
                ]),
            Campaign(
                product: "直通车", id: "ZTC-002", name: "长尾词-转化", share: 0.2, roi: 4.6, capped: true,
                parts: (0..<3).map { Part(keyword: "\(word($0)) 新款", share: 1.0 / 3, roi: 1.0) }),
            Campaign(
                product: "万相台", id: "WXT-001", name: "货品加速", share: 0.35, roi: 2.6, capped: false,
                parts: [
                    Part(crowd: "智能拉新人群", share: 0.5, roi: 0.8), Part(crowd: "店铺老客", share: 0.3, roi: 1.6),
                    Part(crowd: "竞品人群", share: 0.2, roi: 0.6),
                ]),
        ]
    }

    /// The last word of each title sold (`花漾 玻尿酸保湿面霜` → `玻尿酸保湿面霜`), distinct and
    /// sorted, so that every export of the same store names the same keywords.
    public static func words(of orders: [Order]) -> [String] {
        Set(orders.flatMap { $0.lines.compactMap { $0.title.split(separator: " ").last.map(String.init) } }).sorted()
    }

    /// The export of the days, in order, as UTF-8 CSV.
    public static func csv(_ days: [TrafficSimulator.Sold], seed: UInt64, words: [String] = []) -> String {
        var lines = [header]
        for sold in days.sorted(by: { $0.day < $1.day }) where sold.gmv.fen > 0 {
            let number = Int(sold.day.start.timeIntervalSince1970 / 86_400)
            var random = SeededRandom(seed: seed &* 7_919 &+ UInt64(number))
            let budget = Double(sold.gmv.fen) * (0.08 + 0.04 * random.unit())
            let aov = Double(sold.gmv.fen) / Double(max(sold.payingBuyers, 1))
            for campaign in campaigns(words) {
                let roi = campaign.roi * (0.7 + 0.6 * random.unit())
                let price = 120 + 60 * random.unit()
                let rows = campaign.parts.map { part -> Figures in
                    let cost = Int64(budget * campaign.share * part.share)
                    let clicks = max(1, Int(Double(cost) / price))
                    let gmv = part.roi == 0 ? 0 : Double(cost) * roi * part.roi * (0.8 + 0.4 * random.unit())
                    return Figures(
                        keyword: part.keyword, crowd: part.crowd, impressions: clicks * (25 + Int(random.unit() * 20)), clicks: clicks,
                        cost: cost, gmv: gmv, orders: gmv > 0 ? max(1, Int((gmv / max(aov, 1)).rounded())) : 0)
                }
                let total = rows.reduce(Figures(), +)
                let limit = campaign.capped ? total.cost : (Int64(Double(total.cost) * 1.4) / 1_000 + 1) * 1_000
                let out = campaign.capped ? 14 * 60 + Int(random.unit() * 150) : nil
                let budgetFields = [Money(fen: limit).yuanString, out.map(ShanghaiTime.clock(minute:)) ?? ""]
                for (model, uplift) in [("末次点击", 1.0), ("多触点", 1.25)] {
                    for (window, share) in windowShares {
                        for row in [total] + rows {
                            let direct = Int64(row.gmv * uplift * share * 0.7)
                            let indirect = Int64(row.gmv * uplift * share) - direct
                            let orders = Int((Double(row.orders) * uplift * share).rounded())
                            let directOrders = row.orders > 0 ? max(1, Int((Double(orders) * 0.7).rounded())) : 0
                            let indirectOrders = orders - directOrders
                            let isTotal = row.keyword.isEmpty && row.crowd.isEmpty
                            let fields =
                                [
                                    sold.day.description, campaign.product, campaign.id, campaign.name, row.keyword, row.crowd,
                                    "\(row.impressions)",
                                    "\(row.clicks)", Money(fen: row.cost).yuanString, Money(fen: direct).yuanString,
                                    Money(fen: indirect).yuanString,
                                    "\(directOrders)", "\(indirectOrders)", "\(row.clicks / 8)",
                                ] + (isTotal ? budgetFields : ["", ""]) + [model, "\(window)"]
                            lines.append(fields.joined(separator: ","))
                        }
                    }
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Each attribution window (转化周期, days) and the share of the 15-day window's orders it
    /// counts: a longer window reaches orders placed later after the click.
    static let windowShares: [(Int, Double)] = [(1, 0.62), (3, 0.78), (7, 0.9), (15, 1.0), (30, 1.06)]

    /// One row's counts before attribution.
    struct Figures {
        var keyword = ""
        var crowd = ""
        var impressions = 0
        var clicks = 0
        var cost: Int64 = 0
        var gmv = 0.0
        var orders = 0

        static func + (a: Figures, b: Figures) -> Figures {
            Figures(
                impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, cost: a.cost + b.cost, gmv: a.gmv + b.gmv,
                orders: a.orders + b.orders)
        }
    }
}
