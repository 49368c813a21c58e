import Fluent
import SQLKit

/// The ROI targets ads are judged against: the store's (campaign empty), with the attribution
/// model and window its figures are counted under, and a campaign's own ROI where it differs.
/// Report rows keep the campaign's day budget (日限额) and the minute it ran out (撞线时间).
struct M0034_CreateAdTargets: AsyncMigration {
    var name: String { "0034_create_ad_targets" }

    static let budgetColumns = ["daily_budget_fen", "budget_out_minute"]

    func prepare(on database: any Database) async throws {
        try await database.schema("ad_targets")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("product", .string, .required)
            .field("campaign_id", .string, .required)
            .field("roi_hundredths", .int64, .required)
            .field("attribution", .string, .required)
            .field("window_days", .int64, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "store_id", "product", "campaign_id")
            .create()
        let sql = database as! any SQLDatabase
        for column in Self.budgetColumns {
            try await sql.raw("ALTER TABLE ad_report_rows ADD COLUMN \(unsafeRaw: column) BIGINT").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in Self.budgetColumns {
            try await sql.raw("ALTER TABLE ad_report_rows DROP COLUMN \(unsafeRaw: column)").run()
        }
        try await database.schema("ad_targets").delete()
    }
}
