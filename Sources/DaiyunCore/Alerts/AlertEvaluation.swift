import Foundation

/// What a store's alerts are judged on at one moment, loaded from the rollups, traffic days,
/// stock, reviews and sync cursor: the last whole day with the same weekday of the 4 weeks
/// before, the DSR a week earlier, the SKUs with their cover, the open bad reviews, the sync.
public struct AlertInputs: Sendable {
    /// The day judged (yesterday, the last whole day) and its figures.
    public var day: DayFigures
    /// The same weekday in each of the 4 weeks before, those the store has figures for.
    public var sameWeekdays: [DayFigures]
    /// The traffic day a week before `day`, for the DSR.
    public var weekEarlier: TrafficDay?
    public var stock: [(outerID: String, cover: StockCover)]
    /// Bad reviews without a reply: the order, and when.
    public var badReviews: [(tid: String, at: Date)]
    public var sync: SyncHealth
    /// How far behind the orders are (nil: never synced).
    public var syncLagSeconds: Int?
    /// Each campaign's days up to `day`, under the store's attribution, with its ROI target.
    public var campaigns: [CampaignDays]

    public init(
        day: DayFigures, sameWeekdays: [DayFigures] = [], weekEarlier: TrafficDay? = nil,
        stock: [(outerID: String, cover: StockCover)] = [],
        badReviews: [(tid: String, at: Date)] = [], sync: SyncHealth = .notSyncing, syncLagSeconds: Int? = nil,
        campaigns: [CampaignDays] = []
    ) {
        self.day = day
        self.sameWeekdays = sameWeekdays
        self.weekEarlier = weekEarlier
        self.stock = stock
        self.badReviews = badReviews
        self.sync = sync
        self.syncLagSeconds = syncLagSeconds
        self.campaigns = campaigns
    }
}

/// A campaign's recent days of ad figures, and the ROI it is judged against.
public struct CampaignDays: Sendable, Equatable {
    public var product: AdProduct
    public var campaignID: String
    public var campaignName: String
    public var targetROI: Int
    public var days: [BusinessDay: AdFigures]

    public init(product: AdProduct, campaignID: String, campaignName: String, targetROI: Int, days: [BusinessDay: AdFigures]) {
        self.product = product
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.targetROI = targetROI
        self.days = days
    }
}

/// What an alert points at, to link it to the rows behind it.
public enum AlertLink: Sendable, Equatable {
    case day(BusinessDay)
    case sku(String)
    case order(String)
    case sync
    /// A campaign, by `AdTargets.key`.
    case campaign(String)

    /// Stored as a kind and a reference.
    public var stored: (kind: String, ref: String) {
        switch self {
        case .day(let day): ("day", day.description)
        case .sku(let outer): ("sku", outer)
        case .order(let tid): ("order", tid)
        case .sync: ("sync", "")
        case .campaign(let key): ("campaign", key)
        }
    }

    public init?(kind: String, ref: String) {
        switch kind {
        case "day":
            guard let day = BusinessDay(ref) else { return nil }
            self = .day(day)
        case "sku": self = .sku(ref)
        case "order": self = .order(ref)
        case "sync": self = .sync
        case "campaign": self = .campaign(ref)
        default: return nil
        }
    }
}

/// A rule that fired: about what (`subject`, one alert per rule and subject), with the numbers
/// that fired it in its message and the rows behind it in its link.
public struct AlertFiring: Sendable, Equatable {
    public var rule: AlertRule
    public var subject: String
    public var message: Message
    public var link: AlertLink

    public init(rule: AlertRule, subject: String, message: Message, link: AlertLink) {
        self.rule = rule
        self.subject = subject
        self.message = message
        self.link = link
    }
}

/// Judges a store's rules on its inputs, in one place. A drop needs 3 of the 4 same weekdays
/// with figures (big promotion days left out), and a mean worth judging (GMV ¥100, 100
/// visitors), so that a new store or a quiet one raises nothing on too little data.
public enum AlertEvaluation {
    public static let minimumWeeks = 3
    public static let minimumGMV = Money(fen: 10_000)
    public static let minimumVisitors = 100
    /// A day's spend worth judging a campaign's ROI on.
    public static let minimumAdSpend = Money(fen: 5_000)

    public static func evaluate(_ rules: [AlertRule], _ inputs: AlertInputs) -> [AlertFiring] {
        rules.filter(\.enabled).flatMap { rule in firings(rule, inputs) }
    }

    static func firings(_ rule: AlertRule, _ inputs: AlertInputs) -> [AlertFiring] {
        let day = inputs.day.day
        // A store-wide drop is one alert while it lasts, its message the latest day's numbers.
        let store = "store"
        let subject = day.description
        // A big promotion's day is no baseline for an ordinary one: it is left out of the mean.
        let weeks = inputs.sameWeekdays.filter { PromotionCalendar.days(from: $0.day, through: $0.day).isEmpty }
        func drop(from before: Int64, to now: Int64) -> Int? {
            guard let change = Rate.change(from: before, to: now), change <= -rule.threshold else { return nil }
            return -change
        }
        func percent(_ bp: Int) -> String { String(format: "%d.%d%%", bp / 100, (bp % 100) / 10) }
        switch rule.kind {
        case .gmvDrop:
            guard weeks.count >= minimumWeeks else { return [] }
            let mean = weeks.map(\.sales.gmv.fen).reduce(0, +) / Int64(weeks.count)
            guard mean >= minimumGMV.fen, let fall = drop(from: mean, to: inputs.day.sales.gmv.fen) else { return [] }
            let (now, before) = (inputs.day.sales.gmv.description, Money(fen: mean).description)
            return [
                AlertFiring(
                    rule: rule, subject: store,
                    message: Message(
                        "alert_gmv_drop", [subject, now, before, percent(fall)],
                        english: "GMV on \(subject) was \(now), \(percent(fall)) below the same weekday's 4-week mean \(before)"),
                    link: .day(day))
            ]
        case .visitorsDrop:
            let known = weeks.compactMap(\.traffic?.visitors)
            guard known.count >= minimumWeeks, let visitors = inputs.day.traffic?.visitors else { return [] }
            let mean = known.reduce(0, +) / known.count
            guard mean >= minimumVisitors, let fall = drop(from: Int64(mean), to: Int64(visitors)) else { return [] }
            return [
                AlertFiring(
                    rule: rule, subject: store,
                    message: Message(
                        "alert_visitors_drop", [subject, "\(visitors)", "\(mean)", percent(fall)],
                        english: "Visitors on \(subject) were \(visitors), \(percent(fall)) below the same weekday's 4-week mean \(mean)"),
                    link: .day(day))
            ]
        case .conversionDrop:
            let withTraffic = weeks.filter { $0.traffic != nil }
            guard withTraffic.count >= minimumWeeks, let now = inputs.day.conversionBP else { return [] }
            let visitors = withTraffic.compactMap(\.traffic?.visitors).reduce(0, +)
            guard visitors >= minimumVisitors * minimumWeeks,
                let before = Rate.basisPoints(withTraffic.map(\.sales.payingBuyers).reduce(0, +), of: visitors),
                let fall = drop(from: Int64(before), to: Int64(now))
            else { return [] }
            return [
                AlertFiring(
                    rule: rule, subject: store,
                    message: Message(
                        "alert_conversion_drop", [subject, percent100(now), percent100(before), percent(fall)],
                        english:
                            "Conversion on \(subject) was \(percent100(now)), \(percent(fall)) below the same weekdays' \(percent100(before))"
                    ),
                    link: .day(day))
            ]
        case .dsrDrop:
            guard let now = inputs.day.traffic, let before = inputs.weekEarlier else { return [] }
            let dimensions: [(String, Int?, Int?)] = [
                ("description", now.dsrDescription, before.dsrDescription), ("service", now.dsrService, before.dsrService),
                ("logistics", now.dsrLogistics, before.dsrLogistics),
            ]
            return dimensions.compactMap { name, score, earlier in
                guard let score, let earlier, earlier - score >= rule.threshold else { return nil }
                return AlertFiring(
                    rule: rule, subject: name,
                    message: Message(
                        "alert_dsr_drop_\(name)", [subject, scoreText(score), scoreText(earlier)],
                        english: "DSR \(name) on \(subject) was \(scoreText(score)), down from \(scoreText(earlier)) a week before"),
                    link: .day(day))
            }
        case .lowCover:
            return inputs.stock.compactMap { sku in
                guard let tenths = sku.cover.daysOfCoverTenths, tenths < rule.threshold * 10 else { return nil }
                let days = "\(tenths / 10).\(tenths % 10)"
                return AlertFiring(
                    rule: rule, subject: sku.outerID,
                    message: Message(
                        "alert_low_cover", [sku.outerID, "\(sku.cover.available)", days],
                        english: "\(sku.outerID): \(sku.cover.available) available, \(days) days at the recent pace"),
                    link: .sku(sku.outerID))
            }
        case .badReview:
            guard inputs.badReviews.count >= rule.threshold else { return [] }
            return inputs.badReviews.map { review in
                AlertFiring(
                    rule: rule, subject: review.tid,
                    message: Message("alert_bad_review", [review.tid], english: "A bad review of order \(review.tid) waits for a reply"),
                    link: .order(review.tid))
            }
        case .roiBelowTarget:
            return roiBelowTarget(rule, inputs)
        case .syncFailing:
            if inputs.sync == .failing {
                return [
                    AlertFiring(
                        rule: rule, subject: "sync", message: Message("alert_sync_failing", english: "The channel sync is failing"),
                        link: .sync)
                ]
            }
            guard let lag = inputs.syncLagSeconds, lag > rule.threshold else { return [] }
            let minutes = "\(lag / 60)"
            return [
                AlertFiring(
                    rule: rule, subject: "sync",
                    message: Message("alert_sync_lagging", [minutes], english: "The orders are \(minutes) minutes behind the channel"),
                    link: .sync)
            ]
        }
    }

    /// A campaign fires when each of the last `threshold` days through the judged day spent at
    /// least `minimumAdSpend` with an ROI below target.
    static func roiBelowTarget(_ rule: AlertRule, _ inputs: AlertInputs) -> [AlertFiring] {
        let days = (0..<rule.threshold).map { inputs.day.day.advanced(by: -$0) }
        return inputs.campaigns.compactMap { campaign in
            let figures = days.compactMap { campaign.days[$0] }
            guard figures.count == days.count,
                figures.allSatisfy({ $0.cost >= minimumAdSpend && ($0.roiHundredths ?? 0) < campaign.targetROI })
            else { return nil }
            let roi = figures.reduce(AdFigures(), +).roiHundredths ?? 0
            let key = AdTargets.key(product: campaign.product, campaignID: campaign.campaignID)
            let name = campaign.campaignName.isEmpty ? campaign.campaignID : campaign.campaignName
            let (roiText, target, count) = (AdTarget.text(roi), AdTarget.text(campaign.targetROI), "\(days.count)")
            return AlertFiring(
                rule: rule, subject: key,
                message: Message(
                    "alert_roi_below_target", [name, count, roiText, target],
                    english: "\(name): ROI below target on each of the last \(count) days, \(roiText) against \(target)"),
                link: .campaign(key))
        }
    }

    static func percent100(_ bp: Int) -> String { String(format: "%d.%02d%%", bp / 100, bp % 100) }
    static func scoreText(_ score: Int) -> String { String(format: "%d.%04d", score / 10_000, score % 10_000) }
}
