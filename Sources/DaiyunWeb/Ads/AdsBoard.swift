import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// A store's ads at one moment: its ROI targets and the attribution they name, the period's
/// campaigns, keywords and crowds under that attribution, and the suggestions judged over the
/// last `AdSuggestionRules.days` whole days (whatever the period shown).
struct AdsBoard: Sendable {
    var store: Store
    var period: DashboardPeriod
    var now: Date
    var targets: AdTargets
    var totals: AdFigures
    var campaigns: [CampaignFigures]
    var keywords: [BreakdownFigures]
    var crowds: [BreakdownFigures]
    /// The days the suggestions judge.
    var judged: DashboardPeriod
    var suggestions: [AdSuggestion]

    static func load(store: Store, period: DashboardPeriod, at now: Date, on db: any Database) async throws -> AdsBoard {
        let reports = AdReportRepository(database: db)
        let targets = try await AdTargetRepository(database: db).targets(of: store.id)
        let (model, window) = (targets.store.model, targets.store.windowDays)
        func campaigns(_ period: DashboardPeriod) async throws -> [CampaignFigures] {
            try await reports.campaigns(store: store.id, from: period.first, through: period.last).filter {
                $0.model == model && $0.windowDays == window
            }
        }
        let judged = DashboardPeriod.recent(AdSuggestionRules.days, before: BusinessDay(containing: now))
        let budgets = try await reports.budgetDays(store: store.id, from: judged.first, through: judged.last)
        let judgedKeywords = try await reports.breakdown(
            .keyword, store: store.id, from: judged.first, through: judged.last, model: model, window: window)
        let judgedCrowds = try await reports.breakdown(
            .crowd, store: store.id, from: judged.first, through: judged.last, model: model, window: window)
        let lines =
            try await campaigns(judged).map { c in
                let key = AdTargets.key(product: c.product, campaignID: c.campaignID)
                return AdLine(
                    product: c.product, campaignID: c.campaignID, campaignName: c.campaignName, figures: c.figures,
                    targetROI: targets.roi(c.product, c.campaignID), budgetDays: budgets[key] ?? [])
            }
            + judgedKeywords.map { k in
                AdLine(
                    product: k.product, campaignID: k.campaignID, campaignName: k.campaignName, keyword: k.value, figures: k.figures,
                    targetROI: targets.roi(k.product, k.campaignID))
            }
            + judgedCrowds.map { c in
                AdLine(
                    product: c.product, campaignID: c.campaignID, campaignName: c.campaignName, crowd: c.value, figures: c.figures,
                    targetROI: targets.roi(c.product, c.campaignID))
            }
        let shown = try await campaigns(period)
        return AdsBoard(
            store: store, period: period, now: now, targets: targets, totals: shown.map(\.figures).reduce(AdFigures(), +),
            campaigns: shown,
            keywords: try await reports.breakdown(
                .keyword, store: store.id, from: period.first, through: period.last, model: model, window: window),
            crowds: try await reports.breakdown(
                .crowd, store: store.id, from: period.first, through: period.last, model: model, window: window),
            judged: judged, suggestions: AdSuggestionRules.suggestions(lines))
    }
}
