/// A share of a month: the days of it a fee or a commission is charged for (a contract starting
/// or ending within the month, or a version in force on part of it), by which the monthly fee,
/// the tier bounds, the minimum and the cap are scaled.
public struct MonthShare: Sendable, Equatable, Codable {
    public var days: Int
    public var monthDays: Int

    public init(days: Int, of monthDays: Int) {
        precondition(monthDays > 0 && (0...monthDays).contains(days), "a share of a month is some of its days")
        self.days = days
        self.monthDays = monthDays
    }

    public static let whole = MonthShare(days: 1, of: 1)

    public var isWhole: Bool { days == monthDays }

    /// The monthly amount for these days, to the fen, half up.
    public func scale(_ amount: Money) -> Money {
        isWhole ? amount : Money(fen: Fen.divideHalfUp(amount.fen * Int64(days), by: Int64(monthDays)))
    }
}

/// Rounding of fen arithmetic, half away from zero (as a person does it on paper).
public enum Fen {
    public static func divideHalfUp(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0, "a positive divisor")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return quotient + (numerator < 0 ? -1 : 1)
    }

    /// `amount × rateBP / 10,000`, to the fen, half up.
    public static func rate(_ amount: Money, _ rateBP: Int) -> Money {
        Money(fen: divideHalfUp(amount.fen * Int64(rateBP), by: 10_000))
    }
}

/// A commission charged on a base, with its arithmetic: the part of the base each tier took, at
/// its rate; then the minimum and the cap (all scaled by the month's share).
public struct CommissionCharge: Sendable, Equatable, Codable {
    /// A tier's part: `portion × rateBP` = `amount`; `from` and `upTo` are the scaled bounds.
    public struct TierPart: Sendable, Equatable, Codable {
        public var tier: Int
        public var from: Money
        public var upTo: Money?
        public var portion: Money
        public var rateBP: Int
        public var amount: Money
    }

    public var base: Money
    public var mode: TierMode
    public var parts: [TierPart]
    /// The sum of the parts, before the minimum and the cap.
    public var calculated: Money
    public var minimum: Money?
    public var cap: Money?
    public var amount: Money

    /// Which limit set the amount, if one did.
    public var limit: Limit? {
        if let minimum, amount == minimum, calculated < minimum { return .minimum }
        if let cap, amount == cap, calculated > cap { return .cap }
        return nil
    }

    /// A limit that set the amount.
    public enum Limit: String, Sendable, Codable {
        case minimum, cap
    }
}

extension Commission {
    /// The commission on `base` for `share` of a month. Whole-amount: the tier the base falls in
    /// (a base exactly on a bound is in the tier that starts there) charges all of it; marginal:
    /// each tier charges the part of the base within its bounds. A base of zero or less charges
    /// nothing, and then the minimum applies.
    public func charge(on base: Money, share: MonthShare = .whole) -> CommissionCharge {
        let bounds = tiers.map { (from: share.scale($0.from), upTo: $0.upTo.map(share.scale)) }
        var parts: [CommissionCharge.TierPart] = []
        if base > .zero {
            for (index, tier) in tiers.enumerated() {
                let (from, upTo) = bounds[index]
                let reaches = base >= from && (upTo.map { base < $0 } ?? true)
                switch mode {
                case .whole where reaches:
                    parts.append(
                        .init(
                            tier: index + 1, from: from, upTo: upTo, portion: base, rateBP: tier.rateBP, amount: Fen.rate(base, tier.rateBP)
                        ))
                case .marginal where base > from:
                    let portion = min(base, upTo ?? base) - from
                    parts.append(
                        .init(
                            tier: index + 1, from: from, upTo: upTo, portion: portion, rateBP: tier.rateBP,
                            amount: Fen.rate(portion, tier.rateBP)))
                default:
                    continue
                }
            }
        }
        let calculated = parts.reduce(Money.zero) { $0 + $1.amount }
        let (minimum, cap) = (self.minimum.map(share.scale), self.cap.map(share.scale))
        var amount = calculated
        if let minimum, amount < minimum { amount = minimum }
        if let cap, amount > cap { amount = cap }
        return CommissionCharge(base: base, mode: mode, parts: parts, calculated: calculated, minimum: minimum, cap: cap, amount: amount)
    }
}
