/// A dimension of DSR (店铺动态评分).
public enum DSRDimension: String, Sendable, Codable, CaseIterable {
    case description, service, logistics
}

/// What a KPI measures; higher is better for each. Targets and actuals are in the metric's unit:
/// fen (GMV, net sales), ten-thousandths of a point (DSR 4.8 = 48,000), hundredths (ad ROI, under
/// the named attribution model and window), basis points (conversion, 3-minute response rate).
public enum KPIMetric: Sendable, Hashable {
    case gmv
    case netSales
    case dsr(DSRDimension)
    case adROI(AttributionModel, windowDays: Int)
    case conversion
    case responseRate

    /// The metric as a key (`gmv`, `dsr_service`, `ad_roi_zhai_15`): for files, the API and the
    /// interface strings.
    public var code: String {
        switch self {
        case .gmv: "gmv"
        case .netSales: "net_sales"
        case .dsr(let dimension): "dsr_" + dimension.rawValue
        case .adROI(let model, let window): "ad_roi_" + model.rawValue + "_" + String(window)
        case .conversion: "conversion"
        case .responseRate: "response_rate"
        }
    }

    /// Whether a store on the channel has a source for the metric today: orders for GMV and net
    /// sales everywhere; the 生意参谋 export (traffic, DSR) and the Alimama ad reports on Tmall
    /// and Taobao; none yet for the response rate (customer service comes later).
    public func hasSource(on channel: Channel) -> Bool {
        switch self {
        case .gmv, .netSales: true
        case .dsr, .conversion, .adROI: channel == .tmall || channel == .taobao
        case .responseRate: false
        }
    }
}

/// A KPI's target from a month on; several make a ramp (¥500,000 from the first month, ¥1,000,000
/// from the third).
public struct KPITarget: Sendable, Equatable, Codable {
    public var from: BusinessMonth
    public var value: Int64

    public init(from: BusinessMonth, value: Int64) {
        self.from = from
        self.value = value
    }
}

/// A KPI of a contract: its metric, its targets, what follows a miss (a refund of part of the
/// month's fixed fee, a warning, the brand's right to end the contract after so many misses in
/// a row) and what follows a beat (a bonus once the actual reaches `bonusAt`).
public struct KPI: Sendable, Equatable, Codable {
    public var metric: KPIMetric
    public var targets: [KPITarget]
    public var missRefundBP: Int
    public var warnOnMiss: Bool
    public var terminateAfterMisses: Int?
    public var bonus: Money?
    public var bonusAt: Int64?

    public init(
        metric: KPIMetric, targets: [KPITarget], missRefundBP: Int = 0, warnOnMiss: Bool = false, terminateAfterMisses: Int? = nil,
        bonus: Money? = nil, bonusAt: Int64? = nil
    ) {
        self.metric = metric
        self.targets = targets
        self.missRefundBP = missRefundBP
        self.warnOnMiss = warnOnMiss
        self.terminateAfterMisses = terminateAfterMisses
        self.bonus = bonus
        self.bonusAt = bonusAt
    }

    /// The target in force in the month, nil before the first.
    public func target(in month: BusinessMonth) -> Int64? {
        targets.last { $0.from <= month }?.value
    }

    /// The next step of a ramp after the month, if any.
    public func nextTarget(after month: BusinessMonth) -> KPITarget? {
        targets.first { $0.from > month }
    }

    /// Refuses a KPI without targets, with targets out of month order or below zero, a refund
    /// outside 0–100 %, a count of misses below one, a bonus without its threshold or the other
    /// way round, and a metric none of the contract's stores has a source for (the KPI reads the
    /// stores that have one: a Tmall store's DSR beside a JD store).
    public func validate(field: String, channels: [Channel]) throws {
        guard !targets.isEmpty else { throw ValidationError(field: "\(field).targets", rule: .required) }
        for (index, target) in targets.enumerated() {
            guard target.value >= 0 else { throw ValidationError(field: "\(field).targets[\(index)].value", rule: .notNegative) }
            if index > 0, target.from <= targets[index - 1].from {
                throw ValidationError(field: "\(field).targets[\(index)].from", rule: .versionOrder)
            }
        }
        guard (0...10_000).contains(missRefundBP) else { throw ValidationError(field: "\(field).miss_refund", rule: .percent) }
        if let misses = terminateAfterMisses, !(1...120).contains(misses) {
            throw ValidationError(field: "\(field).terminate_after_misses", rule: .between(min: 1, max: 120))
        }
        guard (bonus == nil) == (bonusAt == nil) else { throw ValidationError(field: "\(field).bonus_at", rule: .required) }
        if let bonus, bonus < .zero { throw ValidationError(field: "\(field).bonus", rule: .notNegative) }
        guard channels.contains(where: metric.hasSource) else { throw ValidationError(field: "\(field).metric", rule: .noDataSource) }
    }
}

/// A store's month as the KPIs read it, from the rollups: sales, refunds, paying buyers,
/// visitors (nil without traffic rows), the month's last DSR per dimension, and the ad spend
/// and attributed GMV under each attribution model and window.
public struct StoreMonthFigures: Sendable, Equatable, Codable {
    /// An attribution model and window.
    public struct Attribution: Sendable, Hashable, Codable {
        public var model: AttributionModel
        public var windowDays: Int
        public init(model: AttributionModel, windowDays: Int) {
            self.model = model
            self.windowDays = windowDays
        }
    }

    public var gmv: Money
    public var refunds: Money
    public var payingBuyers: Int
    public var visitors: Int?
    public var dsr: [DSRDimension: Int]
    public var ads: [Attribution: AdFigures]

    public init(
        gmv: Money, refunds: Money, payingBuyers: Int, visitors: Int? = nil, dsr: [DSRDimension: Int] = [:],
        ads: [Attribution: AdFigures] = [:]
    ) {
        self.gmv = gmv
        self.refunds = refunds
        self.payingBuyers = payingBuyers
        self.visitors = visitors
        self.dsr = dsr
        self.ads = ads
    }
}

extension KPIMetric: Codable {
    /// The metric its `code` names, nil for a code that names none.
    public init?(code: String) {
        switch code {
        case "gmv": self = .gmv
        case "net_sales": self = .netSales
        case "conversion": self = .conversion
        case "response_rate": self = .responseRate
        default:
            if code.hasPrefix("dsr_"), let dimension = DSRDimension(rawValue: String(code.dropFirst(4))) {
                self = .dsr(dimension)
                return
            }
            let parts = code.split(separator: "_")
            guard code.hasPrefix("ad_roi_"), parts.count == 4, let model = AttributionModel(rawValue: String(parts[2])),
                let window = Int(parts[3]), String(window) == parts[3]
            else { return nil }
            self = .adROI(model, windowDays: window)
        }
    }

    /// Kept and written as its code.
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let metric = KPIMetric(code: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no KPI metric \(code)"))
        }
        self = metric
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension KPIMetric {
    /// The contract's actual over its stores' months, nil without data: sums for GMV and net
    /// sales; the lowest store's DSR (each store must keep it); ROI as the attributed GMV over
    /// the spend of all stores; conversion as all paying buyers over all visitors, of the stores
    /// with traffic.
    public func actual(_ stores: [StoreMonthFigures]) -> Int64? {
        switch self {
        case .gmv: return stores.reduce(0) { $0 + $1.gmv.fen }
        case .netSales: return stores.reduce(0) { $0 + $1.gmv.fen - $1.refunds.fen }
        case .dsr(let dimension): return stores.compactMap { $0.dsr[dimension] }.min().map(Int64.init)
        case .adROI(let model, let window):
            let attribution = StoreMonthFigures.Attribution(model: model, windowDays: window)
            return stores.compactMap { $0.ads[attribution] }.reduce(AdFigures(), +).roiHundredths.map(Int64.init)
        case .conversion:
            let withTraffic = stores.filter { ($0.visitors ?? 0) > 0 }
            let visitors = withTraffic.reduce(0) { $0 + ($1.visitors ?? 0) }
            return Rate.basisPoints(withTraffic.reduce(0) { $0 + $1.payingBuyers }, of: visitors).map(Int64.init)
        case .responseRate: return nil
        }
    }
}
