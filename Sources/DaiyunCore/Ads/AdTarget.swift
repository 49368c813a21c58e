import Foundation

/// The ROI a store's ads are judged against, and the attribution model and window that ROI is
/// counted under (an ROI target without them means nothing). A campaign may have its own ROI;
/// the attribution is the store's, so that every figure on one page is counted the same way.
public struct AdTarget: Sendable, Equatable, Codable {
    public var roiHundredths: Int
    public var model: AttributionModel
    public var windowDays: Int

    /// What a store starts with: ROI 3.00, last click over 15 days (生意参谋's own).
    public static let standard = AdTarget(roiHundredths: 300, model: .lastClick, windowDays: 15)
    /// 0.01 to 1,000.00.
    public static let roiRange = 1...100_000

    public init(roiHundredths: Int, model: AttributionModel, windowDays: Int) {
        self.roiHundredths = roiHundredths
        self.model = model
        self.windowDays = windowDays
    }

    /// An ROI typed by a person (`3`, `3.2`, `3.25`), in hundredths, within `roiRange`.
    public static func roi(_ text: String, field: String = "roi_target") throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let rule = ValidationError(field: field, rule: .ratio(min: "0.01", max: "1000"))
        guard (1...2).contains(parts.count), let whole = parts.first, (1...4).contains(whole.count),
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int(whole)
        else { throw rule }
        var hundredths = units * 100
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(decimals) else {
                throw rule
            }
            hundredths += decimals.count == 1 ? value * 10 : value
        }
        guard roiRange.contains(hundredths) else { throw rule }
        return hundredths
    }

    /// `3.25`: an ROI in hundredths as the reasons and messages write it.
    public static func text(_ hundredths: Int) -> String {
        (hundredths < 0 ? "-" : "") + String(format: "%d.%02d", abs(hundredths) / 100, abs(hundredths) % 100)
    }

    /// A window typed by a person: one of `AdReportRow.windows`.
    public static func window(_ text: String, field: String = "window_days") throws -> Int {
        guard let days = Int(text.trimmingCharacters(in: .whitespaces)), AdReportRow.windows.contains(days) else {
            throw ValidationError(field: field, rule: .oneOf(AdReportRow.windows.map(String.init)))
        }
        return days
    }
}

/// A store's ROI targets: its own, and the campaigns' that differ from it.
public struct AdTargets: Sendable, Equatable {
    public var store: AdTarget
    /// By `AdTargets.key(product:campaignID:)`.
    public var campaigns: [String: Int]

    public init(store: AdTarget = .standard, campaigns: [String: Int] = [:]) {
        self.store = store
        self.campaigns = campaigns
    }

    /// The ROI a campaign is judged against: its own, or the store's.
    public func roi(_ product: AdProduct, _ campaignID: String) -> Int {
        campaigns[Self.key(product: product, campaignID: campaignID)] ?? store.roiHundredths
    }

    public static func key(product: AdProduct, campaignID: String) -> String { "\(product.rawValue):\(campaignID)" }
}
