import Fluent
import SQLKit

/// Ad report rows, one per store, day, product, campaign, breakdown (unit, keyword, crowd,
/// creative; empty when the report does not break down by it) and attribution: a later report of
/// the same row replaces it.
struct M0033_CreateAdReportRows: AsyncMigration {
    var name: String { "0033_create_ad_report_rows" }

    static let counts = [
        "impressions", "clicks", "cost_fen", "direct_orders", "indirect_orders", "direct_gmv_fen", "indirect_gmv_fen", "cart_adds",
        "favorites",
    ]
    static let optional = ["pre_sale_gmv_fen", "deposit_fen", "balance_fen"]

    func prepare(on database: any Database) async throws {
        var schema = database.schema("ad_report_rows")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("day", .string, .required)
            .field("product", .string, .required)
            .field("campaign_id", .string, .required)
            .field("campaign_name", .string, .required)
            .field("ad_group", .string, .required)
            .field("keyword", .string, .required)
            .field("crowd", .string, .required)
            .field("creative", .string, .required)
            .field("attribution", .string, .required)
            .field("window_days", .int64, .required)
        for column in Self.counts { schema = schema.field(.string(column), .int64, .required) }
        for column in Self.optional { schema = schema.field(.string(column), .int64) }
        try await schema
            .field("source_record_id", .uuid, .required, .references("source_records", "id"))
            .field("updated_at", .datetime, .required)
            .unique(
                on: "store_id", "day", "product", "campaign_id", "ad_group", "keyword", "crowd", "creative", "attribution", "window_days"
            )
            .create()
        try await database.sql().raw("CREATE INDEX ad_report_rows_store_day ON ad_report_rows (store_id, day)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ad_report_rows").delete()
    }
}
