import DaiyunCore
import Foundation
import Testing

@Suite("Ad suggestions")
struct AdSuggestionTests {
    static func line(
        keyword: String = "", crowd: String = "", clicks: Int, cost: Int64, orders: Int, gmv: Int64, target: Int = 300,
        budgets: [(Int64, Int?)] = []
    ) -> AdLine {
        AdLine(
            product: .ztc, campaignID: "ZTC-1", campaignName: "核心词", keyword: keyword, crowd: crowd,
            figures: AdFigures(impressions: clicks * 30, clicks: clicks, cost: Money(fen: cost), orders: orders, gmv: Money(fen: gmv)),
            targetROI: target,
            budgetDays: budgets.enumerated().map { index, budget in
                AdBudgetDay(day: BusinessDay("2026-11-0\(index + 1)")!, budget: Money(fen: budget.0), exhaustedMinute: budget.1)
            })
    }

    @Test(
        "each rule fires on enough data and says nothing on too little",
        arguments: [
            // pause: ¥200 and 30 clicks without an order
            (line(keyword: "面霜", clicks: 30, cost: 20_000, orders: 0, gmv: 0), [AdSuggestion.Action.pause], nil),
            (line(keyword: "面霜", clicks: 29, cost: 50_000, orders: 0, gmv: 0), [], nil),  // too few clicks
            (line(keyword: "面霜", clicks: 300, cost: 19_999, orders: 0, gmv: 0), [], nil),  // too little spend
            (line(clicks: 300, cost: 30_000, orders: 0, gmv: 0), [.pause], nil),  // a whole campaign
            // lower a bid: ROI 1.50 against 3.00 is 50 % of the target, below 60 %: cut 30 % at most
            (line(keyword: "面霜", clicks: 100, cost: 20_000, orders: 2, gmv: 30_000), [.lowerBid], 140),
            // ROI 1.80 is exactly 60 % of 3.00: not far below
            (line(keyword: "面霜", clicks: 100, cost: 20_000, orders: 2, gmv: 36_000), [], nil),
            // ROI 1.79: cut by 100 % − 59.66 % = 40.33 %, capped at 30 %: ¥2.00 → ¥1.40
            (line(keyword: "面霜", clicks: 100, cost: 20_000, orders: 2, gmv: 35_800), [.lowerBid], 140),
            // against a target of 2.50, ROI 1.40 is 56 %: cut 44 % → capped 30 %
            (line(keyword: "面霜", clicks: 200, cost: 20_000, orders: 2, gmv: 28_000, target: 250), [.lowerBid], 70),
            // ROI 1.75 against 2.50 is 70 %: nothing
            (line(keyword: "面霜", clicks: 200, cost: 20_000, orders: 2, gmv: 35_000, target: 250), [], nil),
            (line(keyword: "面霜", clicks: 99, cost: 20_000, orders: 1, gmv: 1_000), [], nil),  // too few clicks to judge
            (line(clicks: 500, cost: 20_000, orders: 2, gmv: 1_000), [], nil),  // bids are per keyword, not per campaign
            // a crowd's bid or premium, on the same rules: ROI 1.50 against 3.00, ¥2.00 a click cut 30 %
            (line(crowd: "店铺老客", clicks: 100, cost: 20_000, orders: 2, gmv: 30_000), [.lowerBid], 140),
            (line(crowd: "店铺老客", clicks: 99, cost: 20_000, orders: 2, gmv: 1_000), [], nil),  // too few clicks to judge
            (line(crowd: "店铺老客", clicks: 30, cost: 20_000, orders: 0, gmv: 0), [.pause], nil),
            // a crowd's budget is its campaign's
            (
                line(
                    crowd: "店铺老客", clicks: 400, cost: 50_000, orders: 9, gmv: 180_000,
                    budgets: [(10_000, 900), (10_000, 1_000), (10_000, 1_000)]), [], nil
            ),
            // raise a budget: ROI 3.60 is 120 % of 3.00, budget out before 18:00 on 3 of the days
            (
                line(
                    clicks: 400, cost: 50_000, orders: 9, gmv: 180_000,
                    budgets: [(10_000, 900), (10_000, 1_000), (10_000, 1_079), (10_000, nil)]),
                [.raiseBudget], 12_000
            ),
            (
                line(clicks: 400, cost: 50_000, orders: 9, gmv: 180_000, budgets: [(10_000, 900), (10_000, 1_000), (10_000, 1_080)]),
                [], nil
            ),  // the third ran out at 18:00, not before
            (
                line(clicks: 400, cost: 50_000, orders: 9, gmv: 179_999, budgets: [(10_000, 900), (10_000, 1_000), (10_000, 1_000)]),
                [], nil
            ),  // ROI 3.59, below 120 %
            (
                line(clicks: 99, cost: 50_000, orders: 9, gmv: 180_000, budgets: [(10_000, 900), (10_000, 1_000), (10_000, 1_000)]),
                [], nil
            ),  // too few clicks
            (line(clicks: 400, cost: 50_000, orders: 9, gmv: 180_000), [], nil),  // no budget reported
        ] as [(AdLine, [AdSuggestion.Action], Int64?)])
    func rules(_ line: AdLine, _ actions: [AdSuggestion.Action], _ suggested: Int64?) {
        let found = AdSuggestionRules.suggestions([line])
        #expect(found.map(\.action) == actions)
        #expect(found.first?.suggested?.fen == suggested)
    }

    @Test("the reason carries the figures behind the suggestion")
    func reason() {
        let lower = AdSuggestionRules.suggestions([Self.line(keyword: "面霜", clicks: 120, cost: 24_000, orders: 2, gmv: 36_000)])
        #expect(lower.first?.reason.key == "ad_reason_lower_bid")
        #expect(lower.first?.reason.arguments == ["7", "1.50", "3.00", "120", "¥240.00", "¥2.00", "¥1.40"])
        let crowd = AdSuggestionRules.suggestions([Self.line(crowd: "店铺老客", clicks: 120, cost: 24_000, orders: 2, gmv: 36_000)])
        #expect(crowd.first?.reason.key == "ad_reason_lower_crowd_bid")
        #expect(crowd.first?.reason.arguments == ["7", "1.50", "3.00", "120", "¥240.00", "30%", "¥2.00", "¥1.40"])
        let raise = AdSuggestionRules.suggestions([
            Self.line(clicks: 400, cost: 50_000, orders: 9, gmv: 200_000, budgets: [(12_345, 600), (12_345, 660), (12_345, 720)])
        ])
        #expect(raise.first?.reason.arguments == ["4.00", "3.00", "3", "7", "11:00", "¥123.45", "¥148.14"])
    }

    @Test("pauses come first, then by spend")
    func order() {
        let found = AdSuggestionRules.suggestions([
            Self.line(keyword: "a", clicks: 100, cost: 20_000, orders: 1, gmv: 100),
            Self.line(keyword: "b", clicks: 100, cost: 90_000, orders: 1, gmv: 100),
            Self.line(keyword: "c", clicks: 40, cost: 20_000, orders: 0, gmv: 0),
        ])
        #expect(found.map(\.line.keyword) == ["c", "b", "a"])
    }

    @Test(
        "an ROI target is typed with at most two decimals, from 0.01 to 1000",
        arguments: [("3", 300), ("3.2", 320), ("3.25", 325), (" 0.01 ", 1), ("1000", 100_000)] as [(String, Int)])
    func roiTyped(_ text: String, _ hundredths: Int) throws {
        #expect(try AdTarget.roi(text) == hundredths)
    }

    @Test(
        "an ROI target that is not one is refused, naming the field",
        arguments: ["", "0", "0.00", "3.255", "+3", "-1", "1000.01", "3,2", "abc", ".5", "3."])
    func roiRefused(_ text: String) {
        #expect(throws: ValidationError(field: "roi_target", rule: .ratio(min: "0.01", max: "1000"))) { try AdTarget.roi(text) }
    }
}
