import Foundation

/// What a commission is charged on (DESIGN §3): GMV, net sales (GMV − refunds), or confirmed
/// receipts (the payment of orders finished in the month, less their refunds).
public enum CommissionBase: String, Sendable, Codable, CaseIterable {
    case gmv
    case netSales = "net_sales"
    case confirmedReceipts = "confirmed_receipts"
}

/// How tier rates apply: whole-amount (全额累进: the rate of the tier the base reaches applies to
/// all of it) or marginal (超额累进: each part of the base at its own tier's rate).
public enum TierMode: String, Sendable, Codable, CaseIterable {
    case whole, marginal
}

/// A tier of a commission: the base from `from` (included) up to `upTo` (excluded; nil for the
/// last, open tier) at `rateBP` basis points.
public struct CommissionTier: Sendable, Equatable, Codable {
    public var from: Money
    public var upTo: Money?
    public var rateBP: Int

    public init(from: Money, upTo: Money?, rateBP: Int) {
        self.from = from
        self.upTo = upTo
        self.rateBP = rateBP
    }
}

/// A commission: its base, its tiers (a flat rate is one tier from zero), and a monthly minimum
/// and cap on the amount.
public struct Commission: Sendable, Equatable, Codable {
    public var base: CommissionBase
    public var mode: TierMode
    public var tiers: [CommissionTier]
    public var minimum: Money?
    public var cap: Money?

    public init(base: CommissionBase, mode: TierMode = .whole, tiers: [CommissionTier], minimum: Money? = nil, cap: Money? = nil) {
        self.base = base
        self.mode = mode
        self.tiers = tiers
        self.minimum = minimum
        self.cap = cap
    }

    /// A flat rate on the base.
    public static func flat(_ rateBP: Int, on base: CommissionBase, minimum: Money? = nil, cap: Money? = nil) -> Commission {
        Commission(base: base, tiers: [CommissionTier(from: .zero, upTo: nil, rateBP: rateBP)], minimum: minimum, cap: cap)
    }

    /// Refuses what cannot be computed: no tier, a first tier not from zero, tiers that overlap
    /// or leave a gap, an open tier before the last or a closed last one, a rate outside
    /// 0–100 %, a negative minimum, or a cap below the minimum.
    public func validate(field: String = "commission") throws {
        guard !tiers.isEmpty else { throw ValidationError(field: "\(field).tiers", rule: .required) }
        for (index, tier) in tiers.enumerated() {
            let name = "\(field).tiers[\(index)]"
            guard (0...10_000).contains(tier.rateBP) else { throw ValidationError(field: "\(name).rate", rule: .percent) }
            let expectedFrom = index == 0 ? Money.zero : tiers[index - 1].upTo
            guard tier.from == expectedFrom else {
                throw ValidationError(field: "\(name).from", rule: index == 0 ? .tiersStartAtZero : .tiersJoin)
            }
            if index == tiers.count - 1 {
                guard tier.upTo == nil else { throw ValidationError(field: "\(name).up_to", rule: .lastTierOpen) }
            } else {
                guard let upTo = tier.upTo else { throw ValidationError(field: "\(name).up_to", rule: .lastTierOpen) }
                guard upTo > tier.from else { throw ValidationError(field: "\(name).up_to", rule: .tiersJoin) }
            }
        }
        if let minimum, minimum < .zero { throw ValidationError(field: "\(field).minimum", rule: .notNegative) }
        if let cap, cap < (minimum ?? .zero) { throw ValidationError(field: "\(field).cap", rule: .capBelowMinimum) }
    }
}

/// Whether the stores' ad spend is billed to the brand on the statement (passed through) or paid
/// out of the agency's fee (included).
public enum AdSpendHandling: String, Sendable, Codable, CaseIterable {
    case passedThrough = "passed_through"
    case included
}

/// A contract's fee model: a fixed monthly service fee (zero for none), a commission (nil for
/// none), or both; and how the ad spend is handled.
public struct FeeModel: Sendable, Equatable, Codable {
    public var monthlyFee: Money
    public var commission: Commission?
    public var adSpend: AdSpendHandling

    public init(monthlyFee: Money = .zero, commission: Commission? = nil, adSpend: AdSpendHandling = .passedThrough) {
        self.monthlyFee = monthlyFee
        self.commission = commission
        self.adSpend = adSpend
    }

    /// Refuses a negative fee, a model charging nothing at all, and a commission that cannot be
    /// computed.
    public func validate() throws {
        guard monthlyFee >= .zero else { throw ValidationError(field: "monthly_fee", rule: .notNegative) }
        guard monthlyFee > .zero || commission != nil else { throw ValidationError(field: "monthly_fee", rule: .feeOrCommission) }
        try commission?.validate()
    }
}
