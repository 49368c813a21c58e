import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1/stores/{id}/ads`: a store's ad figures over a period under the attribution its ROI
/// target names, the campaigns, keywords and crowds, the suggestions with their reasons, and
/// the targets. Money in fen, rates in basis points, ROI in hundredths.
struct AdsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "ads", use: ads)
        routes.put("stores", ":storeID", "ads", "targets", use: setTargets)
    }

    /// Figures as the API writes them, derived ones included.
    struct Figures: Encodable {
        var impressions, clicks, orders, cartAdds: Int
        var costFen, gmvFen: Int64
        var ctrBp, cvrBp, roiHundredths: Int?
        var cpcFen, cpmFen, cartCostFen: Int64?

        init(_ f: AdFigures) {
            (impressions, clicks, orders, cartAdds, costFen, gmvFen) = (
                f.impressions, f.clicks, f.orders, f.cartAdds, f.cost.fen, f.gmv.fen
            )
            (ctrBp, cvrBp, roiHundredths) = (f.ctrBP, f.cvrBP, f.roiHundredths)
            (cpcFen, cpmFen, cartCostFen) = (f.cpc?.fen, f.cpm?.fen, f.cartCost?.fen)
        }
    }

    struct Line: Encodable {
        var product: AdProduct
        var campaignId: String
        var campaignName: String
        var value: String?
        var targetRoiHundredths: Int
        var figures: Figures
    }

    struct Suggestion: Encodable {
        var action: AdSuggestion.Action
        var product: AdProduct
        var campaignId: String
        var keyword: String
        var crowd: String
        var suggestedFen: Int64?
        var reason: String
        var reasonKey: String
        var reasonArguments: [String]
        var figures: Figures
    }

    struct Targets: Encodable {
        var roiHundredths: Int
        var attribution: AttributionModel
        var windowDays: Int
        var campaigns: [CampaignTarget]

        init(_ targets: AdTargets) {
            roiHundredths = targets.store.roiHundredths
            attribution = targets.store.model
            windowDays = targets.store.windowDays
            campaigns = targets.campaigns.sorted { $0.key < $1.key }.compactMap { key, roi in
                try? AdsController.campaignTarget(key: key, roi: AdTarget.text(roi), field: "roi")
            }
        }
    }

    func ads(req: Request) async throws -> Response {
        struct Answer: Encodable {
            var storeId: ID<Store>
            var from: BusinessDay
            var until: BusinessDay
            var targets: Targets
            var totals: Figures
            var campaigns: [Line]
            var keywords: [Line]
            var crowds: [Line]
            var suggestionsFrom: BusinessDay
            var suggestionsUntil: BusinessDay
            var suggestions: [Suggestion]
        }
        let store = try await req.store()
        let board = try await AdsBoard.load(store: store, period: try DashboardPeriod(req), at: req.now, on: req.db)
        let targets = board.targets
        func line(_ b: BreakdownFigures) -> Line {
            Line(
                product: b.product, campaignId: b.campaignID, campaignName: b.campaignName, value: b.value,
                targetRoiHundredths: targets.roi(b.product, b.campaignID), figures: Figures(b.figures))
        }
        return try APIResponse.json(
            Answer(
                storeId: store.id, from: board.period.first, until: board.period.last, targets: Targets(targets),
                totals: Figures(board.totals),
                campaigns: board.campaigns.map {
                    Line(
                        product: $0.product, campaignId: $0.campaignID, campaignName: $0.campaignName, value: nil,
                        targetRoiHundredths: targets.roi($0.product, $0.campaignID), figures: Figures($0.figures))
                },
                keywords: board.keywords.map(line), crowds: board.crowds.map(line), suggestionsFrom: board.judged.first,
                suggestionsUntil: board.judged.last,
                suggestions: board.suggestions.map {
                    Suggestion(
                        action: $0.action, product: $0.line.product, campaignId: $0.line.campaignID, keyword: $0.line.keyword,
                        crowd: $0.line.crowd, suggestedFen: $0.suggested?.fen, reason: $0.reason.english, reasonKey: $0.reason.key,
                        reasonArguments: $0.reason.arguments, figures: Figures($0.line.figures))
                }))
    }

    func setTargets(req: Request) async throws -> Response {
        struct Input: Decodable {
            var roiHundredths: Int
            var attribution: String
            var windowDays: Int
            var campaigns: [Campaign]?

            struct Campaign: Decodable {
                var product: String
                var campaignId: String
                var roiHundredths: Int
                enum CodingKeys: String, CodingKey {
                    case product
                    case campaignId = "campaign_id"
                    case roiHundredths = "roi_hundredths"
                }
            }
            enum CodingKeys: String, CodingKey {
                case attribution, campaigns
                case roiHundredths = "roi_hundredths"
                case windowDays = "window_days"
            }
        }
        let store = try await req.store(for: .manageAds)
        let input = try req.content.decode(Input.self)
        func roi(_ value: Int, field: String) throws -> Int {
            guard AdTarget.roiRange.contains(value) else {
                throw ValidationError(field: field, rule: .between(min: AdTarget.roiRange.lowerBound, max: AdTarget.roiRange.upperBound))
            }
            return value
        }
        let campaigns = input.campaigns ?? []
        guard campaigns.count <= AdsController.maximumCampaigns else {
            throw ValidationError(field: "campaigns", rule: .tooManyLines(max: AdsController.maximumCampaigns))
        }
        let target = AdTarget(
            roiHundredths: try roi(input.roiHundredths, field: "roi_hundredths"),
            model: try TextRules.choice(input.attribution, field: "attribution", as: AttributionModel.self),
            windowDays: try AdTarget.window(String(input.windowDays)))
        let set = try await AdTargetRepository(database: req.db).set(
            target,
            campaigns: try campaigns.map { c in
                guard let product = AdProduct(rawValue: c.product) else {
                    throw ValidationError(field: "product", rule: .oneOf(AdProduct.allCases.map(\.rawValue)))
                }
                guard !c.campaignId.isEmpty, c.campaignId.count <= 120 else {
                    throw ValidationError(field: "campaign_id", rule: .tooLong(max: 120))
                }
                return CampaignTarget(
                    product: product, campaignID: c.campaignId, roiHundredths: try roi(c.roiHundredths, field: "roi_hundredths"))
            }, store: store, by: try req.writeContext())
        return try APIResponse.json(Targets(set))
    }
}
