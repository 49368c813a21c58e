/// The paid-traffic products of Taobao and Tmall a report row comes from.
public enum AdProduct: String, Sendable, CaseIterable, Codable {
    /// 直通车: keyword bidding.
    case ztc
    /// 引力魔方: display.
    case ylmf
    /// 万相台: smart campaigns.
    case wxt
}

/// How the report attributes orders to clicks: the last click (`zhai`) or several touches (`mta`).
public enum AttributionModel: String, Sendable, CaseIterable, Codable {
    case lastClick = "zhai"
    case multiTouch = "mta"
}

/// One row of an ad report: a day of a campaign (and, when the report breaks it down, of an ad
/// group, keyword, crowd or creative), with its counts and money, and the attribution model and
/// window its orders are counted under: an ROI without them means nothing.
public struct AdReportRow: Sendable, Equatable, Codable {
    public var storeID: ID<Store>
    public var day: BusinessDay
    public var product: AdProduct
    public var campaignID: String
    public var campaignName: String
    /// 单元, 关键词, 人群, 创意: empty when the report is not broken down by it.
    public var adGroup: String
    public var keyword: String
    public var crowd: String
    public var creative: String
    public var model: AttributionModel
    /// 1, 3, 7, 15 or 30 days.
    public var windowDays: Int
    public var impressions: Int
    public var clicks: Int
    public var cost: Money
    public var directOrders: Int
    public var indirectOrders: Int
    public var directGMV: Money
    public var indirectGMV: Money
    public var cartAdds: Int
    public var favorites: Int
    /// 预售成交金额, 特权订金金额, 尾款金额, when the report gives them.
    public var preSaleGMV: Money?
    public var deposit: Money?
    public var balance: Money?
    /// 日限额, and the minute of the day it ran out (撞线时间), on a campaign's row when the report gives them.
    public var dailyBudget: Money?
    public var budgetExhaustedMinute: Int?

    public static let windows = [1, 3, 7, 15, 30]

    public init(
        storeID: ID<Store>, day: BusinessDay, product: AdProduct, campaignID: String, campaignName: String, adGroup: String = "",
        keyword: String = "", crowd: String = "", creative: String = "", model: AttributionModel, windowDays: Int, impressions: Int,
        clicks: Int, cost: Money, directOrders: Int = 0, indirectOrders: Int = 0, directGMV: Money = .zero, indirectGMV: Money = .zero,
        cartAdds: Int = 0, favorites: Int = 0, preSaleGMV: Money? = nil, deposit: Money? = nil, balance: Money? = nil,
        dailyBudget: Money? = nil, budgetExhaustedMinute: Int? = nil
    ) {
        self.storeID = storeID
        self.day = day
        self.product = product
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.adGroup = adGroup
        self.keyword = keyword
        self.crowd = crowd
        self.creative = creative
        self.model = model
        self.windowDays = windowDays
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.directOrders = directOrders
        self.indirectOrders = indirectOrders
        self.directGMV = directGMV
        self.indirectGMV = indirectGMV
        self.cartAdds = cartAdds
        self.favorites = favorites
        self.preSaleGMV = preSaleGMV
        self.deposit = deposit
        self.balance = balance
        self.dailyBudget = dailyBudget
        self.budgetExhaustedMinute = budgetExhaustedMinute
    }

    /// A row of the campaign as a whole, not broken down by unit, keyword, crowd or creative:
    /// the rows a store's and a campaign's totals add up (the breakdowns would count them twice).
    public var isCampaignTotal: Bool { adGroup.isEmpty && keyword.isEmpty && crowd.isEmpty && creative.isEmpty }
}

/// Ad counts added up over rows (a campaign's days, a store's period), and the figures derived
/// from them, in one place: never a mean of rates.
public struct AdFigures: Sendable, Equatable, Codable {
    public var impressions = 0
    public var clicks = 0
    public var cost = Money.zero
    public var orders = 0
    public var gmv = Money.zero
    public var cartAdds = 0

    public init(impressions: Int = 0, clicks: Int = 0, cost: Money = .zero, orders: Int = 0, gmv: Money = .zero, cartAdds: Int = 0) {
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.orders = orders
        self.gmv = gmv
        self.cartAdds = cartAdds
    }

    public init(_ row: AdReportRow) {
        self.init(
            impressions: row.impressions, clicks: row.clicks, cost: row.cost, orders: row.directOrders + row.indirectOrders,
            gmv: row.directGMV + row.indirectGMV, cartAdds: row.cartAdds)
    }

    public static func + (a: AdFigures, b: AdFigures) -> AdFigures {
        AdFigures(
            impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, cost: a.cost + b.cost, orders: a.orders + b.orders,
            gmv: a.gmv + b.gmv, cartAdds: a.cartAdds + b.cartAdds)
    }

    /// 点击率: clicks / impressions, in basis points.
    public var ctrBP: Int? { Rate.basisPoints(clicks, of: impressions) }
    /// 点击转化率: attributed orders / clicks, in basis points.
    public var cvrBP: Int? { Rate.basisPoints(orders, of: clicks) }
    /// 平均点击花费: cost / clicks, to the fen (half up).
    public var cpc: Money? { Self.share(cost, over: clicks, times: 1) }
    /// 千次展现花费: cost per thousand impressions, to the fen (half up).
    public var cpm: Money? { Self.share(cost, over: impressions, times: 1_000) }
    /// 加购成本: cost / cart adds.
    public var cartCost: Money? { Self.share(cost, over: cartAdds, times: 1) }
    /// 投入产出比: attributed GMV / cost, in hundredths (3.25 = 325), floored; nil without spend.
    public var roiHundredths: Int? {
        guard cost.fen > 0 else { return nil }
        return Int(gmv.fen * 100 / cost.fen)
    }

    static func share(_ amount: Money, over count: Int, times: Int64) -> Money? {
        guard count > 0 else { return nil }
        let n = Int64(count)
        return Money(fen: (amount.fen * times * 2 + n) / (n * 2))
    }
}
