import DaiyunCore
import Foundation
import Testing

@Suite("Contract and settlement rules")
struct ContractRulesTests {
    static let storeA = ID<Store>(UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!)
    static let storeB = ID<Store>(UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!)

    /// ¥0–1,000,000 at 2 %, ¥1,000,000–3,000,000 at 3 %, above at 4 %.
    static func tiered(_ mode: TierMode, minimum: Int64? = nil, cap: Int64? = nil) -> Commission {
        Commission(
            base: .netSales, mode: mode,
            tiers: [
                CommissionTier(from: .zero, upTo: Money(fen: 100_000_000), rateBP: 200),
                CommissionTier(from: Money(fen: 100_000_000), upTo: Money(fen: 300_000_000), rateBP: 300),
                CommissionTier(from: Money(fen: 300_000_000), upTo: nil, rateBP: 400),
            ], minimum: minimum.map(Money.init(fen:)), cap: cap.map(Money.init(fen:)))
    }

    @Test(
        "tiers charge whole-amount or marginal, a base on a bound falls in the tier starting there, and zero or less charges nothing",
        arguments: [
            // base, whole, marginal, tiers charged (whole, marginal)
            (99_999_999, 2_000_000, 2_000_000, [1], [1]),
            (100_000_000, 3_000_000, 2_000_000, [2], [1]),
            (100_000_001, 3_000_000, 2_000_000, [2], [1, 2]),
            (200_000_000, 6_000_000, 5_000_000, [2], [1, 2]),
            (300_000_000, 12_000_000, 8_000_000, [3], [1, 2]),
            (500_000_000, 20_000_000, 16_000_000, [3], [1, 2, 3]),
            (1, 0, 0, [1], [1]),
            (0, 0, 0, [], []),
            (-5_000_000, 0, 0, [], []),
        ] as [(Int64, Int64, Int64, [Int], [Int])])
    func tiers(_ base: Int64, _ whole: Int64, _ marginal: Int64, _ wholeTiers: [Int], _ marginalTiers: [Int]) {
        let w = Self.tiered(.whole).charge(on: Money(fen: base))
        let m = Self.tiered(.marginal).charge(on: Money(fen: base))
        #expect(w.amount.fen == whole && w.parts.map(\.tier) == wholeTiers)
        #expect(m.amount.fen == marginal && m.parts.map(\.tier) == marginalTiers)
        #expect(m.parts.reduce(Money.zero) { $0 + $1.portion } == (base > 0 ? Money(fen: base) : .zero), "the parts add up to the base")
    }

    @Test(
        "the minimum lifts and the cap limits the amount, scaled with the month's share like the tier bounds",
        arguments: [
            // base, mode, share days of month days, amount, limit
            (0, TierMode.whole, 30, 30, 500_000, CommissionCharge.Limit.minimum),
            (-5_000_000, .marginal, 30, 30, 500_000, .minimum),
            (20_000_000, .whole, 30, 30, 500_000, .minimum),
            (30_000_000, .whole, 30, 30, 600_000, nil),
            (500_000_000, .whole, 30, 30, 15_000_000, .cap),
            (500_000_000, .marginal, 30, 30, 15_000_000, .cap),
            (280_000_000, .marginal, 30, 30, 7_400_000, nil),
            // half of November: bounds ¥500,000 and ¥1,500,000, minimum ¥2,500, cap ¥75,000
            (60_000_000, .whole, 15, 30, 1_800_000, nil),
            (60_000_000, .marginal, 15, 30, 1_300_000, nil),
            (5_000_000, .whole, 15, 30, 250_000, .minimum),
            (300_000_000, .whole, 15, 30, 7_500_000, .cap),
            // 10 days of a 31-day month: the minimum is ¥1,612.90
            (0, .whole, 10, 31, 161_290, .minimum),
        ] as [(Int64, TierMode, Int, Int, Int64, CommissionCharge.Limit?)])
    func limits(_ base: Int64, _ mode: TierMode, _ days: Int, _ monthDays: Int, _ amount: Int64, _ limit: CommissionCharge.Limit?) {
        let charge = Self.tiered(mode, minimum: 500_000, cap: 15_000_000).charge(
            on: Money(fen: base), share: MonthShare(days: days, of: monthDays))
        #expect(charge.amount.fen == amount && charge.limit == limit)
    }

    @Test("a monthly amount is scaled to the fen, half up, and a share of the whole month leaves it as it is")
    func shares() {
        #expect(MonthShare(days: 15, of: 30).scale(Money(fen: 3_000_000)).fen == 1_500_000)
        #expect(MonthShare(days: 10, of: 31).scale(Money(fen: 3_000_000)).fen == 967_742)
        #expect(MonthShare(days: 1, of: 3).scale(Money(fen: 100)).fen == 33)
        #expect(MonthShare(days: 2, of: 3).scale(Money(fen: 100)).fen == 67)
        #expect(MonthShare(days: 31, of: 31).scale(Money(fen: 1)).fen == 1)
        #expect(
            Fen.rate(Money(fen: -150), 100).fen == -2 && Fen.rate(Money(fen: 150), 100).fen == 2 && Fen.rate(Money(fen: 149), 100).fen == 1)
    }

    static func contract(start: String = "2026-11-01", end: String? = nil, _ versions: [(String, ContractTerms)]) -> Contract {
        Contract(
            id: ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!), clientID: ID(UUID()), name: "华洋 2026",
            start: BusinessDay(start)!, end: end.flatMap(BusinessDay.init), noticeDays: 30,
            versions: versions.enumerated().map {
                ContractVersion(number: $0.offset + 1, effectiveFrom: BusinessDay($0.element.0)!, terms: $0.element.1)
            })
    }

    static func terms(fee: Int64, rateBP: Int, stores: [ID<Store>] = [storeA], kpis: [KPI] = []) -> ContractTerms {
        ContractTerms(stores: stores, fee: FeeModel(monthlyFee: Money(fen: fee), commission: .flat(rateBP, on: .netSales)), kpis: kpis)
    }

    /// ¥10,000 GMV a day through November and December, with a ¥1,000 refund on the 5th and the 25th.
    static var november: [BusinessDay: DayBase] {
        var days: [BusinessDay: DayBase] = [:]
        for day in BusinessDay("2026-11-01")!.days(until: BusinessDay("2027-01-01")!) {
            days[day] = DayBase(gmv: Money(fen: 1_000_000), refunds: Money(fen: [5, 25].contains(day.day) ? 100_000 : 0))
        }
        return days
    }

    @Test(
        "an amendment mid-month: each run of days is charged under its own version, fee and commission alike, and the ad spend passes through"
    )
    func amendment() {
        let contract = Self.contract([
            ("2026-11-01", Self.terms(fee: 3_000_000, rateBP: 200)), ("2026-11-21", Self.terms(fee: 4_000_000, rateBP: 300)),
        ])
        let statement = Settlement.statement(
            of: contract, month: BusinessMonth("2026-11")!,
            inputs: SettlementInputs(days: [Self.storeA: Self.november], adSpend: [Self.storeA: Money(fen: 250_000)]))
        let summary = statement.lines.map { "\($0.kind.rawValue) \($0.first)…\($0.last) v\($0.version ?? 0) \($0.amount.fen)" }
        #expect(
            summary == [
                "fee 2026-11-01…2026-11-20 v1 2000000", "commission 2026-11-01…2026-11-20 v1 398000",
                "fee 2026-11-21…2026-11-30 v2 1333333", "commission 2026-11-21…2026-11-30 v2 297000",
                "ad_spend 2026-11-01…2026-11-30 v0 250000",
            ])
        #expect(statement.lines[1].stores.map(\.base.fen) == [19_900_000] && statement.lines[3].commission?.base.fen == 9_900_000)
        #expect(statement.total.fen == 4_278_333)
    }

    @Test(
        "the months to settle are those of the term that have ended",
        arguments: [
            ("2026-10-31", nil, []), ("2026-11-01", nil, ["2026-10"]), ("2027-01-15", nil, ["2026-10", "2026-11", "2026-12"]),
            ("2027-01-15", "2026-11-10", ["2026-10", "2026-11"]),
        ] as [(String, String?, [String])])
    func settleableMonths(_ today: String, _ end: String?, _ months: [String]) {
        let contract = Self.contract(start: "2026-10-15", end: end, [("2026-10-15", Self.terms(fee: 3_000_000, rateBP: 200))])
        #expect(contract.settleableMonths(today: BusinessDay(today)!).map(\.description) == months)
    }

    @Test(
        "a term starting and ending within months charges those days only; months outside it have no lines",
        arguments: [
            ("2026-10", [("2026-10-15", "2026-10-31", 17, 31)]), ("2026-11", [("2026-11-01", "2026-11-10", 10, 30)]), ("2026-12", []),
            ("2026-09", []),
        ] as [(String, [(String, String, Int, Int)])])
    func partialMonths(_ month: String, _ segments: [(String, String, Int, Int)]) {
        let contract = Self.contract(start: "2026-10-15", end: "2026-11-10", [("2026-10-15", Self.terms(fee: 3_000_000, rateBP: 200))])
        let found = contract.segments(of: BusinessMonth(month)!)
        #expect(
            found.map { "\($0.first) \($0.last) \($0.share.days)/\($0.share.monthDays)" }
                == segments.map { "\($0.0) \($0.1) \($0.2)/\($0.3)" })
        let statement = Settlement.statement(
            of: contract, month: BusinessMonth(month)!, inputs: SettlementInputs(days: [Self.storeA: Self.november]))
        #expect(statement.lines.isEmpty == segments.isEmpty)
        if month == "2026-11" {
            // ¥30,000 × 10/30, and 2 % of the ten days' ¥99,000 net sales
            #expect(statement.lines.map(\.amount.fen) == [1_000_000, 198_000])
        }
    }

    @Test(
        "a refund completed in the month after the sale lowers that month's base; one imported after the month was final is carried as an adjustment"
    )
    func refundAfterTheMonth() {
        let contract = Self.contract([
            ("2026-11-01", ContractTerms(stores: [Self.storeA], fee: FeeModel(commission: .flat(1_000, on: .netSales))))
        ])
        var days: [BusinessDay: DayBase] = [BusinessDay("2026-11-10")!: DayBase(gmv: Money(fen: 10_000_000))]
        days[BusinessDay("2026-12-03")!] = DayBase(gmv: Money(fen: 30_000_000), refunds: Money(fen: 2_000_000))
        let final = Settlement.statement(
            of: contract, month: BusinessMonth("2026-11")!, inputs: SettlementInputs(days: [Self.storeA: days]))
        let december = Settlement.statement(
            of: contract, month: BusinessMonth("2026-12")!, inputs: SettlementInputs(days: [Self.storeA: days]))
        #expect(final.total.fen == 1_000_000 && december.total.fen == 2_800_000)

        // A refund of ¥500 completed on 28 November reaches Daiyun in December.
        days[BusinessDay("2026-11-28")!] = DayBase(refunds: Money(fen: 50_000))
        let recomputed = Settlement.statement(
            of: contract, month: BusinessMonth("2026-11")!, inputs: SettlementInputs(days: [Self.storeA: days]))
        let adjustment = Settlement.adjustment(final: final, recomputed: recomputed, reason: "refund after close")
        #expect(
            adjustment == StatementAdjustment(month: BusinessMonth("2026-11")!, amount: Money(fen: -5_000), reason: "refund after close"))
        #expect(Settlement.adjustment(final: final, recomputed: final, reason: "none") == nil)
        let carried = Settlement.statement(
            of: contract, month: BusinessMonth("2026-12")!, inputs: SettlementInputs(days: [Self.storeA: days], adjustments: [adjustment!]))
        #expect(carried.lines.last?.kind == .adjustment && carried.total.fen == 2_795_000)
    }

    static let ramp = KPI(
        metric: .gmv,
        targets: [
            KPITarget(from: BusinessMonth("2026-09")!, value: 50_000_000), KPITarget(from: BusinessMonth("2026-11")!, value: 100_000_000),
        ],
        missRefundBP: 1_000, warnOnMiss: true, terminateAfterMisses: 2, bonus: Money(fen: 1_000_000), bonusAt: 120_000_000)

    @Test(
        "a KPI ramps by month; a miss refunds its share of the month's fee and counts in a row, a beat earns the bonus",
        arguments: [
            // month, GMV, misses before, outcome, refund, bonus, misses in a row, may terminate
            ("2026-08", 10_000_000, 0, KPIResult.Outcome.notYet, 0, 0, 0, false),
            ("2026-10", 60_000_000, 1, .met, 0, 0, 0, false),
            ("2026-11", 80_000_000, 0, .missed, 300_000, 0, 1, false),
            ("2026-11", 80_000_000, 1, .missed, 300_000, 0, 2, true),
            ("2026-11", 100_000_000, 3, .met, 0, 0, 0, false),
            ("2026-12", 130_000_000, 0, .met, 0, 1_000_000, 0, false),
        ] as [(String, Int64, Int, KPIResult.Outcome, Int64, Int64, Int, Bool)])
    func kpiRamp(
        _ month: String, _ gmv: Int64, _ before: Int, _ outcome: KPIResult.Outcome, _ refund: Int64, _ bonus: Int64, _ inRow: Int,
        _ terminate: Bool
    ) {
        let contract = Self.contract(start: "2026-08-01", [("2026-08-01", Self.terms(fee: 3_000_000, rateBP: 0, kpis: [Self.ramp]))])
        let statement = Settlement.statement(
            of: contract, month: BusinessMonth(month)!,
            inputs: SettlementInputs(
                months: [Self.storeA: StoreMonthFigures(gmv: Money(fen: gmv), refunds: .zero, payingBuyers: 10)], missesBefore: [0: before])
        )
        let result = statement.kpis[0]
        #expect(result.outcome == outcome && result.feeRefund.fen == refund && result.bonus.fen == bonus)
        #expect(result.missesInRow == inRow && result.mayTerminate == terminate && result.warning == (outcome == .missed))
        #expect(statement.lines.contains { $0.kind == .kpiRefund && $0.amount.fen == -refund } == (refund > 0))
        #expect(result.next == ["2026-08": Self.ramp.targets[0], "2026-10": Self.ramp.targets[1]][month], "the ramp's next step")
    }

    @Test(
        "KPI actuals: ROI under the named attribution only, conversion over the stores with traffic, the lowest store's DSR, no data judged neither way"
    )
    func kpiActuals() {
        let lastClick = StoreMonthFigures.Attribution(model: .lastClick, windowDays: 15)
        let multiTouch = StoreMonthFigures.Attribution(model: .multiTouch, windowDays: 7)
        let a = StoreMonthFigures(
            gmv: Money(fen: 100), refunds: .zero, payingBuyers: 100, visitors: 4_000, dsr: [.service: 48_100],
            ads: [
                lastClick: AdFigures(cost: Money(fen: 100_000), gmv: Money(fen: 400_000)),
                multiTouch: AdFigures(cost: Money(fen: 100_000), gmv: Money(fen: 250_000)),
            ])
        let b = StoreMonthFigures(gmv: Money(fen: 50), refunds: Money(fen: 20), payingBuyers: 7, dsr: [.service: 47_900])
        #expect(KPIMetric.adROI(.multiTouch, windowDays: 7).actual([a, b]) == 250)
        #expect(KPIMetric.adROI(.lastClick, windowDays: 15).actual([a, b]) == 400)
        #expect(KPIMetric.adROI(.lastClick, windowDays: 30).actual([a, b]) == nil)
        #expect(KPIMetric.conversion.actual([a, b]) == 250)
        #expect(KPIMetric.dsr(.service).actual([a, b]) == 47_900 && KPIMetric.dsr(.logistics).actual([a, b]) == nil)
        #expect(KPIMetric.netSales.actual([a, b]) == 130 && KPIMetric.gmv.actual([a, b]) == 150)
        #expect(
            [KPIMetric.gmv, .netSales, .dsr(.logistics), .adROI(.multiTouch, windowDays: 7), .conversion, .responseRate].map(\.code) == [
                "gmv", "net_sales", "dsr_logistics", "ad_roi_mta_7", "conversion", "response_rate",
            ])
        let metrics: [KPIMetric] = [.gmv, .netSales, .dsr(.service), .adROI(.lastClick, windowDays: 15), .conversion, .responseRate]
        #expect(metrics.map { KPIMetric(code: $0.code) } == metrics, "each code names its metric again")
        #expect(["dsr_taste", "ad_roi_zhai", "ad_roi_zhai_07", "ad_roi_cpc_7", "roi"].compactMap(KPIMetric.init(code:)).isEmpty)

        let dsr = KPI(metric: .dsr(.logistics), targets: [KPITarget(from: BusinessMonth("2026-11")!, value: 48_000)], missRefundBP: 500)
        let contract = Self.contract([("2026-11-01", Self.terms(fee: 3_000_000, rateBP: 0, kpis: [dsr]))])
        let statement = Settlement.statement(
            of: contract, month: BusinessMonth("2026-11")!, inputs: SettlementInputs(months: [Self.storeA: a], missesBefore: [0: 2]))
        #expect(statement.kpis[0].outcome == .noData && statement.kpis[0].missesInRow == 2 && statement.total.fen == 3_000_000)
    }

    static func commission(_ tiers: [(Int64, Int64?, Int)], minimum: Int64? = nil, cap: Int64? = nil) -> FeeModel {
        FeeModel(
            commission: Commission(
                base: .gmv, tiers: tiers.map { CommissionTier(from: Money(fen: $0.0), upTo: $0.1.map(Money.init(fen:)), rateBP: $0.2) },
                minimum: minimum.map(Money.init(fen:)), cap: cap.map(Money.init(fen:))))
    }

    @Test(
        "terms that cannot be computed are refused, naming the field and the rule",
        arguments: [
            (
                commission([(0, 100, 200), (150, nil, 300)]), [KPI](), [Channel.tmall], "commission.tiers[1].from",
                ValidationError.Rule.tiersJoin
            ),
            (commission([(0, 100, 200), (80, nil, 300)]), [], [.tmall], "commission.tiers[1].from", .tiersJoin),
            (commission([(10, nil, 200)]), [], [.tmall], "commission.tiers[0].from", .tiersStartAtZero),
            (commission([(0, 100, 200)]), [], [.tmall], "commission.tiers[0].up_to", .lastTierOpen),
            (commission([(0, nil, 200), (100, nil, 300)]), [], [.tmall], "commission.tiers[0].up_to", .lastTierOpen),
            (commission([(0, 0, 200), (0, nil, 300)]), [], [.tmall], "commission.tiers[0].up_to", .tiersJoin),
            (commission([(0, nil, 10_001)]), [], [.tmall], "commission.tiers[0].rate", .percent),
            (commission([]), [], [.tmall], "commission.tiers", .required),
            (commission([(0, nil, 200)], minimum: 500, cap: 400), [], [.tmall], "commission.cap", .capBelowMinimum),
            (commission([(0, nil, 200)], minimum: -1), [], [.tmall], "commission.minimum", .notNegative),
            (FeeModel(), [], [.tmall], "monthly_fee", .feeOrCommission),
            (
                FeeModel(monthlyFee: Money(fen: 100)),
                [KPI(metric: .responseRate, targets: [KPITarget(from: BusinessMonth("2026-11")!, value: 9_000)])], [.tmall],
                "kpis[0].metric", .noDataSource
            ),
            (
                FeeModel(monthlyFee: Money(fen: 100)),
                [KPI(metric: .dsr(.service), targets: [KPITarget(from: BusinessMonth("2026-11")!, value: 48_000)])],
                [.jd, .pdd], "kpis[0].metric", .noDataSource
            ),
            (
                FeeModel(monthlyFee: Money(fen: 100)),
                [
                    KPI(
                        metric: .gmv,
                        targets: [
                            KPITarget(from: BusinessMonth("2026-11")!, value: 1), KPITarget(from: BusinessMonth("2026-10")!, value: 2),
                        ])
                ], [.jd],
                "kpis[0].targets[1].from", .versionOrder
            ),
            (FeeModel(monthlyFee: Money(fen: 100)), [KPI(metric: .gmv, targets: [])], [.jd], "kpis[0].targets", .required),
        ] as [(FeeModel, [KPI], [Channel], String, ValidationError.Rule)])
    func refused(_ fee: FeeModel, _ kpis: [KPI], _ channels: [Channel], _ field: String, _ rule: ValidationError.Rule) {
        let stores = channels.indices.map { _ in ID<Store>(UUID()) }
        #expect(throws: ValidationError(field: field, rule: rule)) {
            try ContractTerms(stores: stores, fee: fee, kpis: kpis).validate(channels: channels)
        }
    }

    @Test("a good contract passes, and its versions must rise from its start within its term")
    func versions() throws {
        try Self.terms(fee: 3_000_000, rateBP: 200, kpis: [Self.ramp]).validate(channels: [.tmall])
        try Self.tiered(.marginal, minimum: 1, cap: 1).validate()
        let good = Self.contract(
            end: "2027-10-31", [("2026-11-01", Self.terms(fee: 1, rateBP: 1)), ("2027-03-01", Self.terms(fee: 2, rateBP: 1))])
        try good.validateTerm()
        for (versions, field) in [
            ([("2026-11-02", Self.terms(fee: 1, rateBP: 1))], "versions[0].effective_from"),
            ([("2026-11-01", Self.terms(fee: 1, rateBP: 1)), ("2026-11-01", Self.terms(fee: 2, rateBP: 1))], "versions[1].effective_from"),
            ([("2026-11-01", Self.terms(fee: 1, rateBP: 1)), ("2027-11-01", Self.terms(fee: 2, rateBP: 1))], "versions[1].effective_from"),
        ] {
            #expect(throws: ValidationError(field: field, rule: .versionOrder)) {
                try Self.contract(end: "2027-10-31", versions).validateTerm()
            }
        }
        #expect(throws: ValidationError(field: "end", rule: .period(maxDays: 36_500))) {
            try Self.contract(end: "2026-10-31", [("2026-11-01", Self.terms(fee: 1, rateBP: 1))]).validateTerm()
        }
        #expect(good.version(on: BusinessDay("2027-02-28")!)?.number == 1 && good.version(on: BusinessDay("2027-03-01")!)?.number == 2)
        #expect(good.version(on: BusinessDay("2027-11-01")!) == nil && good.version(on: BusinessDay("2026-10-31")!) == nil)
    }

    @Test("a statement moves draft → sent → confirmed or disputed → (revised) sent → … → final, and nothing else")
    func statementStates() {
        let allowed: [String: StatementState] = [
            "draft send": .sent, "sent confirm": .confirmed, "sent dispute": .disputed, "disputed revise": .sent,
            "confirmed finalize": .final,
        ]
        for state in StatementState.allCases {
            for action in StatementAction.allCases {
                #expect(state.after(action) == allowed["\(state.rawValue) \(action.rawValue)"], "\(state) \(action)")
            }
        }
        #expect(StatementAction.allCases.filter(\.isTheBrands) == [.dispute, .confirm])
        #expect(StatementState.allCases.filter(\.isOpen) == [.draft])
        #expect(StatementState.final.after(.revise) == nil, "a final statement never changes")
    }

    @Test("a dispute names a line the statement has and says something")
    func disputes() throws {
        let contract = Self.contract([("2026-11-01", Self.terms(fee: 3_000_000, rateBP: 200))])
        let statement = Settlement.statement(
            of: contract, month: BusinessMonth("2026-11")!, inputs: SettlementInputs(days: [Self.storeA: Self.november]))
        #expect(try StatementDispute(line: 1, comment: "  退款未扣除 ", of: statement).comment == "退款未扣除")
        #expect(throws: ValidationError(field: "line", rule: .between(min: 0, max: 1))) {
            try StatementDispute(line: 2, comment: "x", of: statement)
        }
        #expect(throws: ValidationError(field: "comment", rule: .required)) {
            try StatementDispute(line: 0, comment: " ", of: statement)
        }
    }
}
