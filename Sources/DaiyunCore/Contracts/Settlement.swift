/// A store's day as the commission bases read it, from the rollups: GMV, refunds completed, and
/// confirmed receipts (the payment of orders finished that day, less their refunds).
public struct DayBase: Sendable, Equatable, Codable {
    public var gmv: Money
    public var refunds: Money
    public var receipts: Money

    public init(gmv: Money = .zero, refunds: Money = .zero, receipts: Money = .zero) {
        self.gmv = gmv
        self.refunds = refunds
        self.receipts = receipts
    }

    /// The day's amount of the base (net sales: GMV − refunds, DESIGN §3).
    public func value(_ base: CommissionBase) -> Money {
        switch base {
        case .gmv: gmv
        case .netSales: gmv - refunds
        case .confirmedReceipts: receipts
        }
    }
}

/// What a month's statement is computed from, read from the rollups: each store's days, its
/// month figures for the KPIs and its ad spend; each KPI's misses in a row before the month
/// (by its position in the terms); the adjustments carried from months already final.
public struct SettlementInputs: Sendable, Equatable {
    public var days: [ID<Store>: [BusinessDay: DayBase]]
    public var months: [ID<Store>: StoreMonthFigures]
    public var adSpend: [ID<Store>: Money]
    public var missesBefore: [Int: Int]
    public var adjustments: [StatementAdjustment]

    public init(
        days: [ID<Store>: [BusinessDay: DayBase]] = [:], months: [ID<Store>: StoreMonthFigures] = [:],
        adSpend: [ID<Store>: Money] = [:], missesBefore: [Int: Int] = [:], adjustments: [StatementAdjustment] = []
    ) {
        self.days = days
        self.months = months
        self.adSpend = adSpend
        self.missesBefore = missesBefore
        self.adjustments = adjustments
    }
}

/// A correction carried into a statement: a final month recomputed later (a refund after it
/// closed, a late import) differs by `amount`; `reason` says what changed.
public struct StatementAdjustment: Sendable, Equatable, Codable {
    public var month: BusinessMonth
    public var amount: Money
    public var reason: String

    public init(month: BusinessMonth, amount: Money, reason: String) {
        self.month = month
        self.amount = amount
        self.reason = reason
    }
}

/// A KPI judged on a month: its target and the actual, what followed, and how many months in a
/// row it has now been missed.
public struct KPIResult: Sendable, Equatable, Codable {
    /// How the month went for the KPI.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case met, missed
        /// No data for the metric this month: judged neither way.
        case noData = "no_data"
        /// Before the KPI's first target.
        case notYet = "not_yet"
    }

    public var index: Int
    public var metric: KPIMetric
    public var target: Int64?
    public var actual: Int64?
    public var outcome: Outcome
    public var missesInRow: Int
    public var feeRefund: Money
    public var bonus: Money
    public var warning: Bool
    public var mayTerminate: Bool
    /// The ramp's next step, if any.
    public var next: KPITarget?
}

/// A line of a statement; `amount` is what it adds to the total (negative for a refund of fee).
public struct StatementLine: Sendable, Equatable, Codable {
    /// What the line is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case fee, commission
        case kpiRefund = "kpi_refund"
        case kpiBonus = "kpi_bonus"
        case adSpend = "ad_spend"
        case adjustment
    }

    /// A store's part of a commission base.
    public struct StoreBase: Sendable, Equatable, Codable {
        public var store: ID<Store>
        public var base: Money
    }

    public var kind: Kind
    public var amount: Money
    /// The segment of the month the line is for (fee, commission), or the month (the others).
    public var first: BusinessDay
    public var last: BusinessDay
    public var version: Int?
    public var stores: [StoreBase]
    /// Fee: the monthly fee and the share of the month charged.
    public var monthlyFee: Money?
    public var share: MonthShare?
    public var commissionBase: CommissionBase?
    public var commission: CommissionCharge?
    public var kpi: KPIResult?
    public var adjustment: StatementAdjustment?
}

/// A contract's month computed from the data: its lines, the KPI results and the total, in fen.
public struct StatementFigures: Sendable, Equatable, Codable {
    public var contractID: ID<Contract>
    public var month: BusinessMonth
    public var lines: [StatementLine]
    public var kpis: [KPIResult]
    public var total: Money
}

/// Computes statements, in one place: for each run of days under one version, the fixed fee for
/// its share of the month and the commission on the base of those days (tier bounds, minimum and
/// cap scaled by the same share); the KPIs of the version in force on the month's last covered
/// day, judged on the month of its stores (a miss refunds part of the month's fixed fee, a beat
/// earns the bonus); the ad spend of the covered stores when passed through; the adjustments
/// carried. A month the contract does not cover has no lines.
public enum Settlement {
    public static func statement(of contract: Contract, month: BusinessMonth, inputs: SettlementInputs) -> StatementFigures {
        var lines: [StatementLine] = []
        let segments = contract.segments(of: month)
        let versions = Dictionary(uniqueKeysWithValues: contract.versions.map { ($0.number, $0) })
        for segment in segments {
            guard let terms = versions[segment.version]?.terms else { continue }
            let fee = terms.fee
            if fee.monthlyFee > .zero {
                lines.append(
                    StatementLine(
                        kind: .fee, amount: segment.share.scale(fee.monthlyFee), first: segment.first, last: segment.last,
                        version: segment.version, stores: [], monthlyFee: fee.monthlyFee, share: segment.share))
            }
            if let commission = fee.commission {
                let bases = terms.stores.map { store in
                    StatementLine.StoreBase(
                        store: store,
                        base: segment.first.days(until: segment.last.advanced(by: 1)).reduce(Money.zero) {
                            $0 + (inputs.days[store]?[$1]?.value(commission.base) ?? .zero)
                        })
                }
                let charge = commission.charge(on: bases.reduce(Money.zero) { $0 + $1.base }, share: segment.share)
                lines.append(
                    StatementLine(
                        kind: .commission, amount: charge.amount, first: segment.first, last: segment.last, version: segment.version,
                        stores: bases, share: segment.share, commissionBase: commission.base, commission: charge))
            }
        }
        let (first, last) = (month.firstDay, month.next.firstDay.advanced(by: -1))
        var results: [KPIResult] = []
        if let closing = segments.last, let terms = versions[closing.version]?.terms {
            let monthFee = lines.filter { $0.kind == .fee }.reduce(Money.zero) { $0 + $1.amount }
            let figures = terms.stores.compactMap { inputs.months[$0] }
            for (index, kpi) in terms.kpis.enumerated() {
                let result = judge(
                    kpi, index: index, month: month, figures: figures, monthFee: monthFee, missesBefore: inputs.missesBefore[index] ?? 0)
                results.append(result)
                if result.feeRefund > .zero {
                    lines.append(
                        StatementLine(kind: .kpiRefund, amount: .zero - result.feeRefund, first: first, last: last, stores: [], kpi: result)
                    )
                }
                if result.bonus > .zero {
                    lines.append(StatementLine(kind: .kpiBonus, amount: result.bonus, first: first, last: last, stores: [], kpi: result))
                }
            }
            if terms.fee.adSpend == .passedThrough {
                let spend = terms.stores.map { StatementLine.StoreBase(store: $0, base: inputs.adSpend[$0] ?? .zero) }
                let total = spend.reduce(Money.zero) { $0 + $1.base }
                if total != .zero {
                    lines.append(StatementLine(kind: .adSpend, amount: total, first: first, last: last, stores: spend))
                }
            }
        }
        let figures = StatementFigures(
            contractID: contract.id, month: month, lines: lines, kpis: results, total: lines.reduce(Money.zero) { $0 + $1.amount })
        return figures.carrying(inputs.adjustments)
    }

    /// What a final month owes now that it computes to `recomputed` (a refund completed in it
    /// reached Daiyun later, a late import): the difference of the month's own lines, less what
    /// later months carried already (`carried`), carried into the next statement; nil when
    /// nothing is owed.
    public static func adjustment(final: StatementFigures, recomputed: StatementFigures, carried: Money = .zero, reason: String)
        -> StatementAdjustment?
    {
        let difference = recomputed.ownTotal - final.ownTotal - carried
        guard difference != .zero else { return nil }
        return StatementAdjustment(month: final.month, amount: difference, reason: reason)
    }

    /// A KPI on the month: met when the actual reaches the target; a miss refunds its share of
    /// the month's fixed fee and counts toward the misses in a row; a month without data or
    /// before the first target neither counts nor breaks the row.
    static func judge(
        _ kpi: KPI, index: Int, month: BusinessMonth, figures: [StoreMonthFigures], monthFee: Money, missesBefore: Int
    ) -> KPIResult {
        let target = kpi.target(in: month)
        let actual = kpi.metric.actual(figures)
        var result = KPIResult(
            index: index, metric: kpi.metric, target: target, actual: actual, outcome: .notYet, missesInRow: missesBefore,
            feeRefund: .zero, bonus: .zero, warning: false, mayTerminate: false, next: kpi.nextTarget(after: month))
        guard let target else { return result }
        guard let actual else {
            result.outcome = .noData
            return result
        }
        if actual >= target {
            result.outcome = .met
            result.missesInRow = 0
        } else {
            result.outcome = .missed
            result.missesInRow = missesBefore + 1
            result.feeRefund = Fen.rate(monthFee, kpi.missRefundBP)
            result.warning = kpi.warnOnMiss
            result.mayTerminate = kpi.terminateAfterMisses.map { result.missesInRow >= $0 } ?? false
        }
        if let bonus = kpi.bonus, let bonusAt = kpi.bonusAt, actual >= bonusAt { result.bonus = bonus }
        return result
    }
}

extension StatementFigures {
    /// The total without the adjustments carried into it: what the month itself comes to.
    public var ownTotal: Money { lines.filter { $0.kind != .adjustment }.reduce(Money.zero) { $0 + $1.amount } }

    /// The figures with the adjustments added as the last lines, and in the total.
    public func carrying(_ adjustments: [StatementAdjustment]) -> StatementFigures {
        var figures = self
        let (first, last) = (month.firstDay, month.next.firstDay.advanced(by: -1))
        for adjustment in adjustments where adjustment.amount != .zero {
            figures.lines.append(
                StatementLine(kind: .adjustment, amount: adjustment.amount, first: first, last: last, stores: [], adjustment: adjustment))
            figures.total = figures.total + adjustment.amount
        }
        return figures
    }
}
