/// What makes an ad report row one row: its day, product, campaign, breakdown and attribution.
public enum AdReportKey {
    public static func key(_ row: AdReportRow) -> String {
        [
            row.day.description, row.product.rawValue, row.campaignID, row.adGroup, row.keyword, row.crowd, row.creative,
            row.model.rawValue,
            "\(row.windowDays)",
        ].joined(separator: "\u{1F}")
    }
}
