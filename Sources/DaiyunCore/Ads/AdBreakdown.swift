/// What a report row can be broken down by below its campaign.
public enum AdBreakdown: String, Sendable, CaseIterable, Codable {
    case adGroup = "ad_group"
    case keyword
    case crowd
    case creative
}
