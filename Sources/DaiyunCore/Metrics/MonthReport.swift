/// A month's figures for one store (the set `daiyun report month` prints and later reports build
/// on): the year month by month, the month's top merchant codes, its days, refunds by month and
/// the month's repurchase. Money in fen, rates in basis points, days and months in Asia/Shanghai.
public struct MonthReport: Sendable, Equatable, Codable {
    /// One month of the year: orders and buyers of every order paid in it, whatever its status now.
    public struct Month: Sendable, Equatable, Codable {
        public var month: BusinessMonth
        public var orders: Int
        public var buyers: Int
        public var gmvFen: Int64
        /// GMV / buyers, half up; 0 without buyers.
        public var aovFen: Int64

        public init(month: BusinessMonth, orders: Int, buyers: Int, gmvFen: Int64) {
            self.month = month
            self.orders = orders
            self.buyers = buyers
            self.gmvFen = gmvFen
            aovFen = SalesFigures(paidOrders: orders, gmv: Money(fen: gmvFen), payingBuyers: buyers).aov?.fen ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case month, orders, buyers
            case gmvFen = "gmv_fen"
            case aovFen = "aov_fen"
        }
    }

    /// A merchant code's line payment and units in the month.
    public struct TopSKU: Sendable, Equatable, Codable {
        public var rank: Int
        public var sku: String
        public var salesFen: Int64
        public var qty: Int

        public init(rank: Int, sku: String, salesFen: Int64, qty: Int) {
            self.rank = rank
            self.sku = sku
            self.salesFen = salesFen
            self.qty = qty
        }

        enum CodingKeys: String, CodingKey {
            case rank, sku, qty
            case salesFen = "sales_fen"
        }
    }

    /// One day of the month.
    public struct Day: Sendable, Equatable, Codable {
        public var day: BusinessDay
        public var orders: Int
        public var buyers: Int
        public var gmvFen: Int64

        public init(day: BusinessDay, orders: Int, buyers: Int, gmvFen: Int64) {
            self.day = day
            self.orders = orders
            self.buyers = buyers
            self.gmvFen = gmvFen
        }

        enum CodingKeys: String, CodingKey {
            case day, orders, buyers
            case gmvFen = "gmv_fen"
        }
    }

    /// Refunds completed in a month, by completion time.
    public struct MonthRefunds: Sendable, Equatable, Codable {
        public var month: BusinessMonth
        public var refunds: Int
        public var amountFen: Int64

        public init(month: BusinessMonth, refunds: Int, amountFen: Int64) {
            self.month = month
            self.refunds = refunds
            self.amountFen = amountFen
        }

        enum CodingKeys: String, CodingKey {
            case month, refunds
            case amountFen = "amount_fen"
        }
    }

    /// Buyers of the month, those of them with a paid order in the store before the month, and
    /// their share (floored).
    public struct Repurchase: Sendable, Equatable, Codable {
        public var buyers: Int
        public var repeatBuyers: Int
        public var rateBP: Int

        public init(buyers: Int, repeatBuyers: Int) {
            self.buyers = buyers
            self.repeatBuyers = repeatBuyers
            rateBP = buyers > 0 ? repeatBuyers * 10_000 / buyers : 0
        }

        enum CodingKeys: String, CodingKey {
            case buyers
            case repeatBuyers = "repeat_buyers"
            case rateBP = "rate_bp"
        }
    }

    public var monthly: [Month]
    public var topSKUs: [TopSKU]
    public var daily: [Day]
    public var refunds: [MonthRefunds]
    public var repurchase: Repurchase

    public init(monthly: [Month], topSKUs: [TopSKU], daily: [Day], refunds: [MonthRefunds], repurchase: Repurchase) {
        self.monthly = monthly
        self.topSKUs = topSKUs
        self.daily = daily
        self.refunds = refunds
        self.repurchase = repurchase
    }

    /// How many merchant codes the ranking keeps.
    public static let topCount = 20

    /// The top merchant codes by line payment, ties by merchant code, ranked from 1.
    public static func ranking(_ sales: [(sku: String, salesFen: Int64, qty: Int)]) -> [TopSKU] {
        sales.sorted { ($1.salesFen, $0.sku) < ($0.salesFen, $1.sku) }.prefix(topCount).enumerated().map {
            TopSKU(rank: $0.offset + 1, sku: $0.element.sku, salesFen: $0.element.salesFen, qty: $0.element.qty)
        }
    }

    enum CodingKeys: String, CodingKey {
        case monthly, daily, refunds, repurchase
        case topSKUs = "top_skus"
    }
}
