import Foundation

/// A campaign's, one keyword's or one crowd's ad figures over the judged days under the store's
/// attribution, with the ROI it is judged against and, for a campaign, each day's budget.
public struct AdLine: Sendable, Equatable {
    public var product: AdProduct
    public var campaignID: String
    public var campaignName: String
    /// The keyword (关键词) the line is, or the crowd (人群); both empty for the campaign as a whole.
    public var keyword: String
    public var crowd: String
    public var figures: AdFigures
    public var targetROI: Int
    public var budgetDays: [AdBudgetDay]

    public init(
        product: AdProduct, campaignID: String, campaignName: String, keyword: String = "", crowd: String = "", figures: AdFigures,
        targetROI: Int, budgetDays: [AdBudgetDay] = []
    ) {
        self.product = product
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.keyword = keyword
        self.crowd = crowd
        self.figures = figures
        self.targetROI = targetROI
        self.budgetDays = budgetDays
    }

    /// Whether the line is the campaign as a whole (not one of its keywords or crowds).
    public var isCampaign: Bool { keyword.isEmpty && crowd.isEmpty }
}

/// A campaign's day budget (日限额) and the minute of the day it ran out (撞线时间), when it did.
public struct AdBudgetDay: Sendable, Equatable {
    public var day: BusinessDay
    public var budget: Money
    /// Minutes after midnight, Asia/Shanghai; nil when the budget lasted the day.
    public var exhaustedMinute: Int?

    public init(day: BusinessDay, budget: Money, exhaustedMinute: Int? = nil) {
        self.day = day
        self.budget = budget
        self.exhaustedMinute = exhaustedMinute
    }
}

/// Something to change in a campaign or keyword, with the figures behind it in its reason.
public struct AdSuggestion: Sendable, Equatable {
    /// What to change.
    public enum Action: String, Sendable, CaseIterable, Codable {
        /// Spend with no order: stop it.
        case pause
        /// A keyword's or a crowd's ROI far below target: bid less, to `suggested` a click.
        case lowerBid = "lower_bid"
        /// ROI above target and the budget gone before evening: a day budget of `suggested`.
        case raiseBudget = "raise_budget"
    }

    public var action: Action
    public var line: AdLine
    /// The bid or the budget suggested, for lower a bid and raise a budget.
    public var suggested: Money?
    public var reason: Message
}

/// The suggestion rules, in one place, judged over the last `days` days. Each needs enough data
/// to judge (clicks, spend, days of budget) and says nothing below it.
public enum AdSuggestionRules {
    public static let days = 7
    /// Clicks a line needs before its ROI is judged.
    public static let minimumClicks = 100
    /// ROI below this share of the target is far below it (basis points of the target).
    public static let farBelowBP = 6_000
    /// A bid is lowered by at most this share at a time.
    public static let maximumCutBP = 3_000
    /// Spend with no order from which a pause is suggested, and the clicks it needs.
    public static let pauseSpend = Money(fen: 20_000)
    public static let pauseClicks = 30
    /// ROI from this share of the target is above it.
    public static let aboveBP = 12_000
    /// A budget gone before this minute (18:00) ran out before evening, on this many of the days.
    public static let eveningMinute = 18 * 60
    public static let exhaustedDays = 3
    /// A budget is raised by this share.
    public static let raiseBP = 2_000

    /// The suggestions for the lines, pauses first.
    public static func suggestions(_ lines: [AdLine]) -> [AdSuggestion] {
        let all = lines.compactMap(pause) + lines.compactMap(lowerBid) + lines.compactMap(raiseBudget)
        return all.sorted { ($0.action.order, $1.line.figures.cost) < ($1.action.order, $0.line.figures.cost) }
    }

    static func pause(_ line: AdLine) -> AdSuggestion? {
        let f = line.figures
        guard f.orders == 0, f.cost >= pauseSpend, f.clicks >= pauseClicks else { return nil }
        let (cost, clicks, days) = (f.cost.description, "\(f.clicks)", "\(Self.days)")
        return AdSuggestion(
            action: .pause, line: line, suggested: nil,
            reason: Message(
                "ad_reason_pause", [days, cost, clicks],
                english: "\(cost) spent over \(days) days on \(clicks) clicks without an order"))
    }

    static func lowerBid(_ line: AdLine) -> AdSuggestion? {
        let f = line.figures
        guard !line.isCampaign, f.orders > 0, f.clicks >= minimumClicks, let roi = f.roiHundredths, let cpc = f.cpc,
            line.targetROI > 0, roi * 10_000 < line.targetROI * farBelowBP
        else { return nil }
        let cutBP = min(maximumCutBP, 10_000 - roi * 10_000 / line.targetROI)
        let bid = Money(fen: max(1, (cpc.fen * Int64(10_000 - cutBP) + 5_000) / 10_000))
        let (roiText, target) = (AdTarget.text(roi), AdTarget.text(line.targetROI))
        if !line.crowd.isEmpty {
            // A crowd is bid as a premium on the keywords (直通车) or as its own bid (引力魔方): cut either by the share.
            let cut = "\(cutBP / 100)%"
            return AdSuggestion(
                action: .lowerBid, line: line, suggested: bid,
                reason: Message(
                    "ad_reason_lower_crowd_bid",
                    ["\(Self.days)", roiText, target, "\(f.clicks)", f.cost.description, cut, cpc.description, bid.description],
                    english:
                        "ROI \(roiText) over \(Self.days) days against a target of \(target), on \(f.clicks) clicks and \(f.cost) spent; "
                        + "the crowd's bid or premium cut by \(cut), the click cost \(cpc) to about \(bid)"))
        }
        return AdSuggestion(
            action: .lowerBid, line: line, suggested: bid,
            reason: Message(
                "ad_reason_lower_bid",
                ["\(Self.days)", roiText, target, "\(f.clicks)", f.cost.description, cpc.description, bid.description],
                english:
                    "ROI \(roiText) over \(Self.days) days against a target of \(target), on \(f.clicks) clicks and \(f.cost) spent; "
                    + "the click cost \(cpc) lowered to \(bid)"))
    }

    static func raiseBudget(_ line: AdLine) -> AdSuggestion? {
        let f = line.figures
        let early = line.budgetDays.filter { ($0.exhaustedMinute ?? .max) < eveningMinute }
        guard line.isCampaign, early.count >= exhaustedDays, f.clicks >= minimumClicks, let roi = f.roiHundredths,
            roi * 10_000 >= line.targetROI * aboveBP, let latest = line.budgetDays.max(by: { $0.day < $1.day })
        else { return nil }
        let budget = Money(fen: (latest.budget.fen * Int64(10_000 + raiseBP) + 5_000) / 10_000)
        let minutes = early.compactMap(\.exhaustedMinute)
        let mean = minutes.reduce(0, +) / minutes.count
        let (roiText, target, at) = (AdTarget.text(roi), AdTarget.text(line.targetROI), ShanghaiTime.clock(minute: mean))
        return AdSuggestion(
            action: .raiseBudget, line: line, suggested: budget,
            reason: Message(
                "ad_reason_raise_budget",
                [roiText, target, "\(early.count)", "\(Self.days)", at, latest.budget.description, budget.description],
                english:
                    "ROI \(roiText) against a target of \(target), and the budget ran out before 18:00 on \(early.count) of \(Self.days) days "
                    + "(at \(at) on average); the day budget \(latest.budget) raised to \(budget)"))
    }
}

extension AdSuggestion.Action {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
