import DaiyunCore
import Foundation
import Testing

@Suite("Alert rules")
struct AlertEvaluationTests {
    static let store = ID<Store>(UUID())
    static let day = BusinessDay("2026-11-30")!

    static func rule(_ kind: AlertKind, threshold: Int? = nil, enabled: Bool = true) -> AlertRule {
        var rule = AlertRule.standard(kind, store: store, id: UUID())
        if let threshold { rule.threshold = threshold }
        rule.enabled = enabled
        return rule
    }

    static func figures(_ day: BusinessDay, gmv: Int64, buyers: Int = 10, visitors: Int? = nil, dsr: [Int]? = nil) -> DayFigures {
        DayFigures(
            day: day, sales: SalesFigures(paidOrders: buyers, gmv: Money(fen: gmv), payingBuyers: buyers),
            traffic: visitors.map {
                TrafficDay(
                    storeID: store, day: day, visitors: $0, dsrDescription: dsr?[0], dsrService: dsr?[1], dsrLogistics: dsr?[2])
            })
    }

    static func weeks(_ count: Int, gmv: Int64, buyers: Int = 10, visitors: Int? = nil) -> [DayFigures] {
        (1...4).prefix(count).map { figures(day.advanced(by: -7 * $0), gmv: gmv, buyers: buyers, visitors: visitors) }
    }

    @Test(
        "GMV: a fall of the threshold or more against the same weekday's 4-week mean fires, never on too little data",
        arguments: [
            (70_000, 4, true), (70_001, 4, false), (0, 3, true), (70_000, 2, false),
        ] as [(Int64, Int, Bool)])
    func gmv(_ yesterday: Int64, _ weeks: Int, _ fires: Bool) {
        let inputs = AlertInputs(day: Self.figures(Self.day, gmv: yesterday), sameWeekdays: Self.weeks(weeks, gmv: 100_000))
        let firings = AlertEvaluation.evaluate([Self.rule(.gmvDrop)], inputs)
        #expect(firings.count == (fires ? 1 : 0))
        if fires {
            #expect(firings[0].subject == "store" && firings[0].link == .day(Self.day))
            #expect(firings[0].message.key == "alert_gmv_drop" && firings[0].message.arguments[2] == "¥1000.00")
        }
    }

    @Test("a quiet store (mean GMV under ¥100) and a switched-off rule raise nothing")
    func quiet() {
        let inputs = AlertInputs(day: Self.figures(Self.day, gmv: 0), sameWeekdays: Self.weeks(4, gmv: 9_999))
        #expect(AlertEvaluation.evaluate([Self.rule(.gmvDrop)], inputs).isEmpty)
        let busy = AlertInputs(day: Self.figures(Self.day, gmv: 0), sameWeekdays: Self.weeks(4, gmv: 100_000))
        #expect(AlertEvaluation.evaluate([Self.rule(.gmvDrop, enabled: false)], busy).isEmpty)
    }

    @Test("conversion is judged on the weeks' buyers over their visitors, not on a mean of rates")
    func conversion() {
        // Weeks: 40 buyers over 1,000 visitors (400 bp); yesterday 28 over 1,000 (280 bp): down 30 %.
        let weeks = Self.weeks(4, gmv: 100_000, buyers: 10, visitors: 250)
        let down = AlertInputs(day: Self.figures(Self.day, gmv: 100_000, buyers: 7, visitors: 250), sameWeekdays: weeks)
        #expect(
            AlertEvaluation.evaluate([Self.rule(.conversionDrop)], down).map(\.message.arguments) == [
                ["2026-11-30", "2.80%", "4.00%", "30.0%"]
            ])
        let fine = AlertInputs(day: Self.figures(Self.day, gmv: 100_000, buyers: 8, visitors: 250), sameWeekdays: weeks)
        #expect(AlertEvaluation.evaluate([Self.rule(.conversionDrop)], fine).isEmpty)
        let visitors = AlertInputs(day: Self.figures(Self.day, gmv: 100_000, buyers: 7, visitors: 175), sameWeekdays: weeks)
        #expect(AlertEvaluation.evaluate([Self.rule(.visitorsDrop)], visitors).count == 1)
    }

    @Test("DSR: each dimension down by the threshold against a week before is its own alert")
    func dsr() {
        let before = TrafficDay(
            storeID: Self.store, day: Self.day.advanced(by: -7), visitors: 1, dsrDescription: 48_000, dsrService: 48_000,
            dsrLogistics: 48_000)
        let inputs = AlertInputs(day: Self.figures(Self.day, gmv: 1, visitors: 1, dsr: [47_700, 47_701, 48_500]), weekEarlier: before)
        #expect(AlertEvaluation.evaluate([Self.rule(.dsrDrop)], inputs).map(\.subject) == ["description"])
    }

    @Test("stock cover, bad reviews and the sync each raise alerts about their own subject")
    func subjects() {
        let inputs = AlertInputs(
            day: Self.figures(Self.day, gmv: 0),
            stock: [
                ("A", StockCover(available: 9, soldInPace: 28, warnAt: 0)), ("B", StockCover(available: 14, soldInPace: 28, warnAt: 0)),
                ("C", StockCover(available: 0, soldInPace: 0, warnAt: 0)),
            ], badReviews: [("T1", Date()), ("T2", Date())], sync: .behind, syncLagSeconds: 7_200)
        // A: 9 units at 2 a day is 4.5 days; B lasts exactly 7; C sold nothing, so no pace to judge.
        #expect(AlertEvaluation.evaluate([Self.rule(.lowCover)], inputs).map(\.subject) == ["A"])
        #expect(AlertEvaluation.evaluate([Self.rule(.badReview)], inputs).map(\.subject) == ["T1", "T2"])
        #expect(AlertEvaluation.evaluate([Self.rule(.badReview, threshold: 3)], inputs).isEmpty)
        #expect(AlertEvaluation.evaluate([Self.rule(.syncFailing)], inputs).map(\.message.key) == ["alert_sync_lagging"])
        #expect(AlertEvaluation.evaluate([Self.rule(.syncFailing, threshold: 7_200)], inputs).isEmpty)
        var failing = inputs
        failing.sync = .failing
        #expect(AlertEvaluation.evaluate([Self.rule(.syncFailing)], failing).map(\.message.key) == ["alert_sync_failing"])
    }

    @Test("a threshold outside its kind's range is refused, naming the field")
    func thresholds() throws {
        #expect(try AlertRule.threshold("2500", for: .gmvDrop) == 2_500)
        #expect(throws: ValidationError(field: "threshold", rule: .between(min: 1, max: 90))) {
            try AlertRule.threshold("0", for: .lowCover)
        }
        #expect(throws: ValidationError.self) { try AlertRule.threshold("x", for: .dsrDrop) }
    }

    @Test("a big promotion's day is left out of the same weekday's mean: 双11 does not make an ordinary Wednesday a drop")
    func promotionLeftOut() {
        let wednesday = BusinessDay("2026-12-02")!
        let weeks = (1...4).map { week in
            Self.figures(
                wednesday.advanced(by: -7 * week), gmv: wednesday.advanced(by: -7 * week) == BusinessDay("2026-11-11")! ? 900_000 : 100_000)
        }
        let inputs = AlertInputs(day: Self.figures(wednesday, gmv: 95_000), sameWeekdays: weeks)
        #expect(AlertEvaluation.evaluate([Self.rule(.gmvDrop)], inputs).isEmpty, "¥950 against ¥1,000 on the three ordinary weeks")
        let two = AlertInputs(day: Self.figures(wednesday, gmv: 10_000), sameWeekdays: Array(weeks.prefix(3)))
        #expect(
            AlertEvaluation.evaluate([Self.rule(.gmvDrop)], two).isEmpty, "two ordinary weeks left once 双11 is out: too little to judge")
    }

    @Test(
        "ROI below target: every one of the last N days spent enough with an ROI under target, or nothing",
        arguments: [
            // each day's (cost fen, gmv fen), yesterday first; threshold 3, target 3.00, at least ¥50.00 a day
            ([(10_000, 29_900), (10_000, 20_000), (5_000, 14_000)], true),
            ([(10_000, 29_900), (10_000, 30_000), (5_000, 14_000)], false),  // ROI 3.00 on one day is on target
            ([(10_000, 29_900), (10_000, 20_000), (4_999, 0)], false),  // too little spend to judge on one day
            ([(10_000, 29_900), (10_000, 20_000)], false),  // one day without a report
        ] as [([(Int64, Int64)], Bool)])
    func roiBelowTarget(_ days: [(Int64, Int64)], _ fires: Bool) {
        let campaign = CampaignDays(
            product: .ztc, campaignID: "C1", campaignName: "核心词", targetROI: 300,
            days: Dictionary(
                uniqueKeysWithValues: days.enumerated().map { index, day in
                    (Self.day.advanced(by: -index), AdFigures(clicks: 100, cost: Money(fen: day.0), orders: 1, gmv: Money(fen: day.1)))
                }))
        let firings = AlertEvaluation.evaluate(
            [Self.rule(.roiBelowTarget)], AlertInputs(day: DayFigures(day: Self.day), campaigns: [campaign]))
        #expect(firings.count == (fires ? 1 : 0))
        if fires {
            #expect(firings[0].subject == "ztc:C1" && firings[0].link == .campaign("ztc:C1"))
            #expect(firings[0].message.arguments == ["核心词", "3", "2.55", "3.00"], "63,900 / 25,000 over the three days")
        }
    }

    @Test("a subscription lets through the severities from its level up, and none at none")
    func subscriptionLevels() {
        let shown = AlertSubscription.allCases.map { level in AlertSeverity.allCases.filter(level.shows).map(\.rawValue) }
        #expect(shown == [["critical", "warning", "info"], ["critical", "warning"], ["critical"], []])
    }
}
