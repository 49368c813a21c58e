import DaiyunCore
import Foundation

/// A store's 直通车 and 万相台 report export for simulated days, consistent with its sales: two
/// keyword campaigns and one smart campaign spending about a tenth of the day's GMV at a click
/// price near ¥1.5, their attributed GMV a share of the day's, each row under last click and
/// multi-touch over 15 days. Seeded per day, like `TrafficSimulator`.
public enum AdSimulator {
    static let header = "日期,推广产品,计划ID,计划名称,展现量,点击量,花费,直接成交金额,间接成交金额,直接成交笔数,间接成交笔数,总购物车数,归因模型,转化周期"
    static let campaigns: [(product: String, id: String, name: String, share: Double, roi: Double)] = [
        ("直通车", "ZTC-001", "核心词-拉新", 0.45, 3.4), ("直通车", "ZTC-002", "长尾词-转化", 0.2, 4.6), ("万相台", "WXT-001", "货品加速", 0.35, 2.6),
    ]

    /// The export of the days, in order, as UTF-8 CSV.
    public static func csv(_ days: [TrafficSimulator.Sold], seed: UInt64) -> String {
        var lines = [header]
        for sold in days.sorted(by: { $0.day < $1.day }) where sold.gmv.fen > 0 {
            let number = Int(sold.day.start.timeIntervalSince1970 / 86_400)
            var random = SeededRandom(seed: seed &* 7_919 &+ UInt64(number))
            let budget = Double(sold.gmv.fen) * (0.08 + 0.04 * random.unit())
            let aov = Double(sold.gmv.fen) / Double(max(sold.payingBuyers, 1))
            for campaign in campaigns {
                let cost = Int64(budget * campaign.share)
                let clicks = max(1, Int(Double(cost) / (120 + 60 * random.unit())))
                let impressions = clicks * (25 + Int(random.unit() * 20))
                let gmv = Double(cost) * campaign.roi * (0.7 + 0.6 * random.unit())
                let orders = Int(gmv / max(aov, 1))
                for (model, uplift) in [("末次点击", 1.0), ("多触点", 1.25)] {
                    let direct = Int64(gmv * uplift * 0.7)
                    let indirect = Int64(gmv * uplift) - direct
                    let fields = [
                        sold.day.description, campaign.product, campaign.id, campaign.name, "\(impressions)", "\(clicks)",
                        Money(fen: cost).yuanString,
                        Money(fen: direct).yuanString, Money(fen: indirect).yuanString, "\(Int(Double(orders) * uplift * 0.7))",
                        "\(Int(Double(orders) * uplift * 0.3))", "\(clicks / 8)", model, "15",
                    ]
                    lines.append(fields.joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
