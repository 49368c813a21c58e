import Foundation

/// What an alert rule watches in a store.
public enum AlertKind: String, Sendable, CaseIterable, Codable {
    /// Yesterday's GMV against the mean of the same weekday over the 4 weeks before.
    case gmvDrop = "gmv_drop"
    /// Yesterday's conversion against the same weekdays' (their buyers over their visitors).
    case conversionDrop = "conversion_drop"
    /// Yesterday's visitors against the same weekdays' mean.
    case visitorsDrop = "visitors_drop"
    /// A SKU whose stock lasts fewer days than the threshold at its recent pace.
    case lowCover = "low_cover"
    /// A DSR dimension down against a week earlier.
    case dsrDrop = "dsr_drop"
    /// A bad review synced and not yet answered.
    case badReview = "bad_review"
    /// The channel sync failing, or behind by more than the threshold.
    case syncFailing = "sync_failing"
    /// A campaign's ROI below its target on each of the last threshold days it spent.
    case roiBelowTarget = "roi_below_target"

    /// The threshold a new rule starts with: a fall in basis points for the drops, days of cover,
    /// ten-thousandths of a DSR point, a count of reviews, seconds of sync lag, days of ROI below target.
    public var defaultThreshold: Int {
        switch self {
        case .gmvDrop, .conversionDrop, .visitorsDrop: 3_000
        case .lowCover: 7
        case .dsrDrop: 300
        case .badReview: 1
        case .syncFailing: 3_600
        case .roiBelowTarget: 3
        }
    }

    public var defaultSeverity: AlertSeverity {
        switch self {
        case .gmvDrop, .syncFailing: .critical
        case .conversionDrop, .visitorsDrop, .lowCover, .dsrDrop, .badReview, .roiBelowTarget: .warning
        }
    }

    /// The threshold's allowed values (a rule outside them is refused).
    public var thresholdRange: ClosedRange<Int> {
        switch self {
        case .gmvDrop, .conversionDrop, .visitorsDrop: 500...9_000
        case .lowCover: 1...90
        case .dsrDrop: 10...5_000
        case .badReview: 1...100
        case .syncFailing: 300...604_800
        case .roiBelowTarget: 1...30
        }
    }
}

/// How urgent an alert is.
public enum AlertSeverity: String, Sendable, CaseIterable, Codable, Comparable {
    case critical, warning, info

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A store's rule: what it watches, from what threshold, how urgent, and whether it is on. Every
/// store has one of each kind, made with the defaults the first time its alerts are evaluated.
public struct AlertRule: Sendable, Equatable, Codable {
    public var id: UUID
    public var storeID: ID<Store>
    public var kind: AlertKind
    public var threshold: Int
    public var severity: AlertSeverity
    public var enabled: Bool

    public init(id: UUID, storeID: ID<Store>, kind: AlertKind, threshold: Int, severity: AlertSeverity, enabled: Bool = true) {
        self.id = id
        self.storeID = storeID
        self.kind = kind
        self.threshold = threshold
        self.severity = severity
        self.enabled = enabled
    }

    /// The rule a store starts with for `kind`.
    public static func standard(_ kind: AlertKind, store: ID<Store>, id: UUID) -> AlertRule {
        AlertRule(id: id, storeID: store, kind: kind, threshold: kind.defaultThreshold, severity: kind.defaultSeverity)
    }

    /// A threshold typed by a person, checked against the kind's range.
    public static func threshold(_ text: String, for kind: AlertKind) throws -> Int {
        try InputBounds.parse(text, in: kind.thresholdRange, field: "threshold")
    }
}
