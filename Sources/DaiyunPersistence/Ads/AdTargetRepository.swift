import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A campaign's own ROI target, for the audit log and the API.
public struct CampaignTarget: Sendable, Equatable, Codable {
    public var product: AdProduct
    public var campaignID: String
    public var roiHundredths: Int

    public init(product: AdProduct, campaignID: String, roiHundredths: Int) {
        self.product = product
        self.campaignID = campaignID
        self.roiHundredths = roiHundredths
    }
}

/// Stores' ROI targets: the store's with its attribution (the standard one until someone sets
/// it), and the campaigns' own; every change audited in the client's chain.
public struct AdTargetRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func targets(of store: ID<Store>) async throws -> AdTargets {
        var targets = AdTargets()
        for row in try await database.sql().raw(
            "SELECT product, campaign_id, roi_hundredths, attribution, window_days FROM ad_targets WHERE store_id = \(bind: store.rawValue)"
        ).all() {
            let roi = Int(try row.decode(column: "roi_hundredths", as: Int64.self))
            let campaign = try row.decode(column: "campaign_id", as: String.self)
            if campaign.isEmpty {
                targets.store = AdTarget(
                    roiHundredths: roi,
                    model: AttributionModel(rawValue: try row.decode(column: "attribution", as: String.self)) ?? .lastClick,
                    windowDays: Int(try row.decode(column: "window_days", as: Int64.self)))
            } else if let product = AdProduct(rawValue: try row.decode(column: "product", as: String.self)) {
                targets.campaigns[AdTargets.key(product: product, campaignID: campaign)] = roi
            }
        }
        return targets
    }

    /// Sets the store's target and the campaigns' own (a campaign left out follows the store's), audited.
    public func set(
        _ target: AdTarget, campaigns: [CampaignTarget], store: Store, by context: WriteContext
    ) async throws -> AdTargets {
        let before = try await targets(of: store.id)
        let after = AdTargets(
            store: target,
            campaigns: Dictionary(
                campaigns.map { (AdTargets.key(product: $0.product, campaignID: $0.campaignID), $0.roiHundredths) },
                uniquingKeysWith: { _, last in last }))
        guard after != before else { return before }
        return try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            try await tx.sql().raw("DELETE FROM ad_targets WHERE store_id = \(bind: store.id.rawValue)").run()
            let rows = [("", "", target.roiHundredths)] + campaigns.map { ($0.product.rawValue, $0.campaignID, $0.roiHundredths) }
            try await tx.insert(
                rows.map { product, campaign, roi in
                    [
                        SQLBind(context.ids.random()), SQLBind(store.id.rawValue), SQLBind(product), SQLBind(campaign), SQLBind(Int64(roi)),
                        SQLBind(target.model.rawValue), SQLBind(Int64(target.windowDays)), SQLBind(context.now),
                    ]
                }, into: "ad_targets",
                columns: ["id", "store_id", "product", "campaign_id", "roi_hundredths", "attribution", "window_days", "updated_at"],
                onConflict: ["store_id", "product", "campaign_id"], set: [("roi_hundredths", SQLExcludedColumn("roi_hundredths"))])
            return (
                after,
                [
                    AuditRecord(
                        action: "ad_target.update", entityType: "store", entityID: store.id.rawValue.uuidString.lowercased(),
                        before: Audited(before), after: Audited(after))
                ]
            )
        }
    }

    /// How targets read in the audit log: the store's, then each campaign's.
    struct Audited: Encodable {
        var roi: Int
        var attribution: String
        var windowDays: Int
        var campaigns: [String: Int]

        init(_ targets: AdTargets) {
            roi = targets.store.roiHundredths
            attribution = targets.store.model.rawValue
            windowDays = targets.store.windowDays
            campaigns = targets.campaigns
        }
    }
}
