import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A campaign's figures over some days, under one attribution.
public struct CampaignFigures: Sendable, Equatable {
    public var product: AdProduct
    public var campaignID: String
    public var campaignName: String
    public var model: AttributionModel
    public var windowDays: Int
    public var figures: AdFigures
}

/// Stores' ad report rows: written from an import (a later report of a row replaces it) and
/// read added up per store, day or campaign, each sum under one attribution model and window.
/// Totals add up the campaigns' own rows; the breakdowns (units, keywords, crowds, creatives)
/// are read apart, since they split the same spend again.
public struct AdReportRepository: Sendable {
    static let table = "ad_report_rows"
    static let key = [
        "store_id", "day", "product", "campaign_id", "ad_group", "keyword", "crowd", "creative", "attribution", "window_days",
    ]
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Writes the rows; call it inside a transaction.
    public func apply(_ rows: [AdReportRow], store: Store, source: UUID, by context: WriteContext) async throws -> UpsertCounts {
        precondition(rows.allSatisfy { $0.storeID == store.id }, "a row of another store")
        guard let first = rows.map(\.day).min(), let last = rows.map(\.day).max() else { return UpsertCounts() }
        var kept: [String: [Int64?]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT * FROM ad_report_rows WHERE store_id = \(bind: store.id.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
            """
        ).all() {
            let key = try Self.key(of: row)
            kept[key] = try Self.numberColumns.map {
                try row.decode(column: $0, as: Int64?.self)
            }
        }
        var counts = UpsertCounts()
        var values: [[SQLBind]] = []
        for row in rows {
            let numbers = Self.numbers(row)
            let key = AdReportKey.key(row)
            if let old = kept[key] {
                if old == numbers {
                    counts.unchanged += 1
                    continue
                }
                counts.updated += 1
            } else {
                counts.inserted += 1
            }
            values.append(
                [
                    SQLBind(context.ids.random()), SQLBind(store.id.rawValue), SQLBind(row.day.description), SQLBind(row.product.rawValue),
                    SQLBind(row.campaignID), SQLBind(row.adGroup), SQLBind(row.keyword), SQLBind(row.crowd), SQLBind(row.creative),
                    SQLBind(row.model.rawValue), SQLBind(Int64(row.windowDays)), SQLBind(row.campaignName),
                ] + numbers.map { SQLBind($0) } + [SQLBind(source), SQLBind(context.now)])
        }
        let replaced = ["campaign_name"] + Self.numberColumns + ["source_record_id", "updated_at"]
        try await database.insert(
            values, into: Self.table, columns: ["id"] + Self.key + replaced, onConflict: Self.key,
            set: replaced.map { ($0, SQLExcludedColumn($0)) })
        return counts
    }

    /// Each store's ad figures over the days, under the attribution its ROI target names
    /// (`AdTarget.standard` until someone sets it).
    public func figures(of stores: [ID<Store>], from first: BusinessDay, through last: BusinessDay) async throws -> [ID<Store>: AdFigures] {
        guard !stores.isEmpty else { return [:] }
        var figures: [ID<Store>: AdFigures] = [:]
        for row in try await database.sql().raw(
            """
            SELECT store_id, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.storeAttribution) AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY store_id
            """
        ).all() {
            figures[ID(try row.decode(column: "store_id", as: UUID.self))] = try Self.figures(row)
        }
        return figures
    }

    /// A store's ad figures day by day, under the attribution its ROI target names.
    public func days(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [BusinessDay: AdFigures] {
        var days: [BusinessDay: AdFigures] = [:]
        for row in try await database.sql().raw(
            """
            SELECT day, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.storeAttribution) AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY day
            """
        ).all() {
            if let day = BusinessDay(try row.decode(column: "day", as: String.self)) { days[day] = try Self.figures(row) }
        }
        return days
    }

    /// A store's campaigns over the days, each under each attribution it was reported with, by spend.
    public func campaigns(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [CampaignFigures] {
        try await database.sql().raw(
            """
            SELECT product, campaign_id, MAX(campaign_name) AS campaign_name, attribution, window_days, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY product, campaign_id, attribution, window_days
            ORDER BY cost_fen DESC, campaign_id, attribution, window_days
            """
        ).all().compactMap { row in
            guard let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)),
                let model = AttributionModel(rawValue: try row.decode(column: "attribution", as: String.self))
            else { return nil }
            return CampaignFigures(
                product: product, campaignID: try row.decode(column: "campaign_id", as: String.self),
                campaignName: try row.decode(column: "campaign_name", as: String.self), model: model,
                windowDays: Int(try row.decode(column: "window_days", as: Int64.self)), figures: try Self.figures(row))
        }
    }

    static let sums = """
        CAST(SUM(impressions) AS BIGINT) AS impressions, CAST(SUM(clicks) AS BIGINT) AS clicks, CAST(SUM(cost_fen) AS BIGINT) AS cost_fen,
        CAST(SUM(direct_orders + indirect_orders) AS BIGINT) AS orders, CAST(SUM(direct_gmv_fen + indirect_gmv_fen) AS BIGINT) AS gmv_fen,
        CAST(SUM(cart_adds) AS BIGINT) AS cart_adds
        """

    /// The rows under the attribution of the row's store's target.
    static let storeAttribution = """
        attribution = COALESCE((SELECT t.attribution FROM ad_targets t WHERE t.store_id = ad_report_rows.store_id AND t.campaign_id = ''),
            '\(AdTarget.standard.model.rawValue)')
        AND window_days = COALESCE((SELECT t.window_days FROM ad_targets t WHERE t.store_id = ad_report_rows.store_id AND t.campaign_id = ''),
            \(AdTarget.standard.windowDays))
        """

    /// The rows of campaigns as a whole, which totals add up.
    static let campaignTotal = "ad_group = '' AND keyword = '' AND crowd = '' AND creative = ''"

    static func figures(_ row: any SQLRow) throws -> AdFigures {
        AdFigures(
            impressions: try row.decode(column: "impressions", as: Int.self), clicks: try row.decode(column: "clicks", as: Int.self),
            cost: Money(fen: try row.decode(column: "cost_fen", as: Int64.self)), orders: try row.decode(column: "orders", as: Int.self),
            gmv: Money(fen: try row.decode(column: "gmv_fen", as: Int64.self)), cartAdds: try row.decode(column: "cart_adds", as: Int.self))
    }

    static func key(of row: any SQLRow) throws -> String {
        [
            try row.decode(column: "day", as: String.self), try row.decode(column: "product", as: String.self),
            try row.decode(column: "campaign_id", as: String.self), try row.decode(column: "ad_group", as: String.self),
            try row.decode(column: "keyword", as: String.self), try row.decode(column: "crowd", as: String.self),
            try row.decode(column: "creative", as: String.self), try row.decode(column: "attribution", as: String.self),
            "\(try row.decode(column: "window_days", as: Int64.self))",
        ].joined(separator: "\u{1F}")
    }

    static let numberColumns = M0033_CreateAdReportRows.counts + M0033_CreateAdReportRows.optional + M0034_CreateAdTargets.budgetColumns

    /// The figures in `numberColumns` order.
    static func numbers(_ row: AdReportRow) -> [Int64?] {
        [
            Int64(row.impressions), Int64(row.clicks), row.cost.fen, Int64(row.directOrders), Int64(row.indirectOrders), row.directGMV.fen,
            row.indirectGMV.fen, Int64(row.cartAdds), Int64(row.favorites), row.preSaleGMV?.fen, row.deposit?.fen, row.balance?.fen,
            row.dailyBudget?.fen, row.budgetExhaustedMinute.map(Int64.init),
        ]
    }
}
