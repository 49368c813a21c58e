import DaiyunCore
import Foundation
import SQLKit

/// A keyword's (crowd's, unit's, creative's) figures in one campaign over some days.
public struct BreakdownFigures: Sendable, Equatable {
    public var product: AdProduct
    public var campaignID: String
    public var campaignName: String
    public var value: String
    public var figures: AdFigures
}

/// A stored report row and the file it came from.
public struct StoredAdRow: Sendable, Equatable {
    public var row: AdReportRow
    public var sourceID: UUID
}

extension AdReportRepository {
    /// A store's breakdown rows over the days added up per campaign and value, under one attribution, by spend.
    public func breakdown(
        _ breakdown: AdBreakdown, store: ID<Store>, from first: BusinessDay, through last: BusinessDay, model: AttributionModel,
        window: Int
    ) async throws -> [BreakdownFigures] {
        let column = breakdown.rawValue
        return try await database.sql().raw(
            """
            SELECT product, campaign_id, MAX(campaign_name) AS campaign_name, \(unsafeRaw: column) AS value, \(unsafeRaw: Self.sums)
            FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND attribution = \(bind: model.rawValue) AND window_days = \(bind: Int64(window)) AND \(unsafeRaw: column) <> ''
            GROUP BY product, campaign_id, \(unsafeRaw: column)
            ORDER BY cost_fen DESC, campaign_id, value
            """
        ).all().compactMap { row in
            guard let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)) else { return nil }
            return BreakdownFigures(
                product: product, campaignID: try row.decode(column: "campaign_id", as: String.self),
                campaignName: try row.decode(column: "campaign_name", as: String.self),
                value: try row.decode(column: "value", as: String.self),
                figures: try Self.figures(row))
        }
    }

    /// Each campaign's figures day by day, under one attribution, with the ROI targets it is judged against.
    public func campaignDays(
        store: ID<Store>, from first: BusinessDay, through last: BusinessDay, targets: AdTargets
    ) async throws -> [CampaignDays] {
        var campaigns: [String: CampaignDays] = [:]
        for row in try await database.sql().raw(
            """
            SELECT product, campaign_id, MAX(campaign_name) AS campaign_name, day, \(unsafeRaw: Self.sums) FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND attribution = \(bind: targets.store.model.rawValue) AND window_days = \(bind: Int64(targets.store.windowDays))
                AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY product, campaign_id, day
            """
        ).all() {
            guard let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)),
                let day = BusinessDay(try row.decode(column: "day", as: String.self))
            else { continue }
            let id = try row.decode(column: "campaign_id", as: String.self)
            let key = AdTargets.key(product: product, campaignID: id)
            let name = try row.decode(column: "campaign_name", as: String.self)
            campaigns[
                key,
                default: CampaignDays(product: product, campaignID: id, campaignName: name, targetROI: targets.roi(product, id), days: [:])
            ]
            .days[day] = try Self.figures(row)
        }
        return campaigns.values.sorted { ($0.product.rawValue, $0.campaignID) < ($1.product.rawValue, $1.campaignID) }
    }

    /// Each campaign's day budgets over the days, where its report gave them, by `AdTargets.key`.
    public func budgetDays(store: ID<Store>, from first: BusinessDay, through last: BusinessDay) async throws -> [String: [AdBudgetDay]] {
        var days: [String: [AdBudgetDay]] = [:]
        for row in try await database.sql().raw(
            """
            SELECT product, campaign_id, day, MAX(daily_budget_fen) AS budget, MIN(budget_out_minute) AS out_minute FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description)
                AND daily_budget_fen IS NOT NULL AND \(unsafeRaw: Self.campaignTotal)
            GROUP BY product, campaign_id, day
            ORDER BY day
            """
        ).all() {
            guard let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)),
                let day = BusinessDay(try row.decode(column: "day", as: String.self))
            else { continue }
            let key = AdTargets.key(product: product, campaignID: try row.decode(column: "campaign_id", as: String.self))
            days[key, default: []].append(
                AdBudgetDay(
                    day: day, budget: Money(fen: try row.decode(column: "budget", as: Int64.self)),
                    exhaustedMinute: try row.decode(column: "out_minute", as: Int64?.self).map { Int($0) }))
        }
        return days
    }

    /// The stored rows of a campaign (or of every campaign) over the days, with their files: what
    /// a figure on the ads page adds up. At most `limit`, by day.
    public func rows(
        store: ID<Store>, from first: BusinessDay, through last: BusinessDay, campaignID: String?, limit: Int = 1_000
    ) async throws -> [StoredAdRow] {
        let campaign: SQLQueryString = campaignID.map { "AND campaign_id = \(bind: $0)" } ?? ""
        return try await database.sql().raw(
            """
            SELECT * FROM ad_report_rows
            WHERE store_id = \(bind: store.rawValue) AND day >= \(bind: first.description) AND day <= \(bind: last.description) \(campaign)
            ORDER BY day DESC, product, campaign_id, ad_group, keyword, crowd, creative, attribution, window_days
            LIMIT \(unsafeRaw: String(limit))
            """
        ).all().compactMap { row in
            guard let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)),
                let model = AttributionModel(rawValue: try row.decode(column: "attribution", as: String.self)),
                let day = BusinessDay(try row.decode(column: "day", as: String.self))
            else { return nil }
            func count(_ column: String) throws -> Int { Int(try row.decode(column: column, as: Int64.self)) }
            func money(_ column: String) throws -> Money { Money(fen: try row.decode(column: column, as: Int64.self)) }
            func optional(_ column: String) throws -> Money? { try row.decode(column: column, as: Int64?.self).map { Money(fen: $0) } }
            let ad = AdReportRow(
                storeID: store, day: day, product: product, campaignID: try row.decode(column: "campaign_id", as: String.self),
                campaignName: try row.decode(column: "campaign_name", as: String.self),
                adGroup: try row.decode(column: "ad_group", as: String.self), keyword: try row.decode(column: "keyword", as: String.self),
                crowd: try row.decode(column: "crowd", as: String.self), creative: try row.decode(column: "creative", as: String.self),
                model: model, windowDays: try count("window_days"), impressions: try count("impressions"), clicks: try count("clicks"),
                cost: try money("cost_fen"), directOrders: try count("direct_orders"), indirectOrders: try count("indirect_orders"),
                directGMV: try money("direct_gmv_fen"), indirectGMV: try money("indirect_gmv_fen"), cartAdds: try count("cart_adds"),
                favorites: try count("favorites"), preSaleGMV: try optional("pre_sale_gmv_fen"), deposit: try optional("deposit_fen"),
                balance: try optional("balance_fen"), dailyBudget: try optional("daily_budget_fen"),
                budgetExhaustedMinute: try row.decode(column: "budget_out_minute", as: Int64?.self).map { Int($0) })
            return StoredAdRow(row: ad, sourceID: try row.decode(column: "source_record_id", as: UUID.self))
        }
    }
}
