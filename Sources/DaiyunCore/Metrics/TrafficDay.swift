/// A store's traffic on one Asia/Shanghai day, as the channel's analytics (生意参谋) report it:
/// visitors and what they did, and the three DSR scores. Figures that come from orders (GMV,
/// paying buyers, AOV) are Daiyun's own; the export's 支付金额 is kept beside them only to show
/// the difference.
public struct TrafficDay: Sendable, Equatable, Codable {
    public var storeID: ID<Store>
    public var day: BusinessDay
    /// 访客数 (UV).
    public var visitors: Int
    /// 浏览量 (PV).
    public var pageViews: Int?
    public var payingBuyers: Int?
    public var orderBuyers: Int?
    /// 加购人数.
    public var cartBuyers: Int?
    /// 商品收藏人数.
    public var favoriteBuyers: Int?
    /// 跳失率, in basis points (12.34 % = 1234).
    public var bounceRateBP: Int?
    /// 平均停留时长, seconds.
    public var averageStaySeconds: Int?
    public var newVisitors: Int?
    public var returningVisitors: Int?
    /// DSR 描述相符 / 服务态度 / 物流服务, in ten-thousandths of a point (4.8123 = 48123).
    public var dsrDescription: Int?
    public var dsrService: Int?
    public var dsrLogistics: Int?
    /// The export's own 支付金额, kept to compare with Daiyun's GMV from the orders.
    public var reportedPayment: Money?

    public init(
        storeID: ID<Store>, day: BusinessDay, visitors: Int, pageViews: Int? = nil, payingBuyers: Int? = nil, orderBuyers: Int? = nil,
        cartBuyers: Int? = nil, favoriteBuyers: Int? = nil, bounceRateBP: Int? = nil, averageStaySeconds: Int? = nil,
        newVisitors: Int? = nil, returningVisitors: Int? = nil, dsrDescription: Int? = nil, dsrService: Int? = nil,
        dsrLogistics: Int? = nil, reportedPayment: Money? = nil
    ) {
        self.storeID = storeID
        self.day = day
        self.visitors = visitors
        self.pageViews = pageViews
        self.payingBuyers = payingBuyers
        self.orderBuyers = orderBuyers
        self.cartBuyers = cartBuyers
        self.favoriteBuyers = favoriteBuyers
        self.bounceRateBP = bounceRateBP
        self.averageStaySeconds = averageStaySeconds
        self.newVisitors = newVisitors
        self.returningVisitors = returningVisitors
        self.dsrDescription = dsrDescription
        self.dsrService = dsrService
        self.dsrLogistics = dsrLogistics
        self.reportedPayment = reportedPayment
    }
}
