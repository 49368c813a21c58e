import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Vapor

/// A store's ads page, its tables as files, the report rows behind a figure, and the ROI targets.
/// Everyone who may see the store reads them; its managers and promoters set the targets.
struct AdsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "ads", use: page)
        routes.get("stores", ":storeID", "ads.csv") { try await file($0, format: try $0.queryCSVFormat()) }
        routes.get("stores", ":storeID", "ads.xlsx") { try await file($0, format: .xlsx) }
        routes.get("stores", ":storeID", "ads", "rows", use: rows)
        routes.post("stores", ":storeID", "ads", "targets", use: setTargets)
    }

    func page(req: Request) async throws -> Response {
        let store = try await req.store()
        let sorts = try AdsPage.sortParameters.mapValues { try AdSort(req, $0) }
        let board = try await AdsBoard.load(store: store, period: try DashboardPeriod(req), at: req.now, on: req.db)
        let page = AdsPage(
            board, clientName: try await req.tenancy.client(store.clientID)?.name ?? "", sorts: sorts,
            canEdit: AccessPolicy.decide(try req.principal(), .manageAds, in: store.scope) == .allow, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func file(_ req: Request, format: SpreadsheetFormat) async throws -> Response {
        let table = try req.queryChoice("table", among: AdsTables.names) ?? "campaigns"
        let store = try await req.store()
        let board = try await AdsBoard.load(store: store, period: try DashboardPeriod(req), at: req.now, on: req.db)
        let l10n = Page.localizer(for: req)
        return Download.attachment(
            try format.file(AdsTables.table(table, board, l10n), sheetName: l10n["ads_table_" + table]),
            filename: "ads-\(table)-\(store.shopID)-\(board.period.first)-\(board.period.last).\(format.fileExtension)",
            contentType: Download.mediaType(of: format))
    }

    func rows(req: Request) async throws -> Response {
        let store = try await req.store()
        let period = try DashboardPeriod(req)
        let campaign = try req.query.get(String?.self, at: "campaign").flatMap { $0.isEmpty ? nil : $0 }
        let limit = 1_000
        let rows = try await AdReportRepository(database: req.db).rows(
            store: store.id, from: period.first, through: period.last, campaignID: campaign, limit: limit)
        let page = AdRowsPage(
            store: store, clientName: try await req.tenancy.client(store.clientID)?.name ?? "", period: period, campaign: campaign,
            rows: rows, limit: limit, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func setTargets(req: Request) async throws -> Response {
        let store = try await req.store(for: .manageAds)
        let path = SiteURL.ads(store.id, nil)
        return try await Page.formAction(req, failurePath: path) {
            var campaigns: [CampaignTarget] = []
            for index in 0..<AdsController.maximumCampaigns {
                guard let key = req.optionalFormField("campaign-\(index)") else { break }
                guard let roi = req.optionalFormField("campaign-roi-\(index)") else { continue }
                campaigns.append(try Self.campaignTarget(key: key, roi: roi, field: "campaign-roi-\(index)"))
            }
            _ = try await AdTargetRepository(database: req.db).set(
                try Self.target(
                    roi: req.formField("roi_target"), model: req.formField("attribution"), window: req.formField("window_days")),
                campaigns: campaigns, store: store, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    /// The most campaigns one form or request sets.
    static let maximumCampaigns = 500

    static func target(roi: String, model: String, window: String) throws -> AdTarget {
        AdTarget(
            roiHundredths: try AdTarget.roi(roi), model: try TextRules.choice(model, field: "attribution", as: AttributionModel.self),
            windowDays: try AdTarget.window(window))
    }

    /// A campaign named by its `AdTargets.key` (`ztc:ZTC-001`) with its own ROI.
    static func campaignTarget(key: String, roi: String, field: String) throws -> CampaignTarget {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let product = AdProduct(rawValue: parts[0]), !parts[1].isEmpty, parts[1].count <= 120 else {
            throw ValidationError(field: "campaign", rule: .unknownReference)
        }
        return CampaignTarget(product: product, campaignID: parts[1], roiHundredths: try AdTarget.roi(roi, field: field))
    }
}
