import DaiyunChannels
import DaiyunCore
import Vapor

/// The store dashboard and the agency overview, with their tables as files. Read only: anyone who
/// may see a store sees its dashboard, a brand viewer their own stores'.
struct DashboardsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "dashboard", use: dashboard)
        routes.get("stores", ":storeID", "dashboard.csv") { try await file($0, format: try $0.queryCSVFormat()) }
        routes.get("stores", ":storeID", "dashboard.xlsx") { try await file($0, format: .xlsx) }
        routes.get("overview", use: overview)
        routes.get("overview.csv") { try await overviewFile($0, format: try $0.queryCSVFormat()) }
        routes.get("overview.xlsx") { try await overviewFile($0, format: .xlsx) }
    }

    func dashboard(req: Request) async throws -> Response {
        let (board, clientName) = try await load(req)
        return try await Page.render(StoreDashboardPage(board, clientName: clientName, Page.localizer(for: req)), for: req)
    }

    func file(_ req: Request, format: SpreadsheetFormat) async throws -> Response {
        let table = try req.queryChoice("table", among: ["days", "skus"]) ?? "days"
        let (board, _) = try await load(req)
        let l10n = Page.localizer(for: req)
        let content = table == "days" ? DashboardTables.days(board, l10n) : DashboardTables.skus(board, l10n)
        return Download.attachment(
            try format.file(content, sheetName: l10n[table == "days" ? "dashboard_days" : "dashboard_skus_" + board.ranking.rawValue]),
            filename: "\(table)-\(board.store.shopID)-\(board.period.first)-\(board.period.last).\(format.fileExtension)",
            contentType: Download.mediaType(of: format))
    }

    func overview(req: Request) async throws -> Response {
        let overview = try await req.loadOverview()
        return try await Page.render(OverviewPage(overview, Page.localizer(for: req)), for: req)
    }

    func overviewFile(_ req: Request, format: SpreadsheetFormat) async throws -> Response {
        let overview = try await req.loadOverview()
        let l10n = Page.localizer(for: req)
        return Download.attachment(
            try format.file(DashboardTables.overview(overview, l10n), sheetName: l10n["overview_title"]),
            filename: "overview-\(overview.period.rawValue)-\(BusinessDay(containing: req.now)).\(format.fileExtension)",
            contentType: Download.mediaType(of: format))
    }

    private func load(_ req: Request) async throws -> (StoreDashboard, String) {
        let store = try await req.store()
        let period = try DashboardPeriod(req)
        let board = try await StoreDashboard.load(store: store, period: period, ranking: try req.skuRanking(), at: req.now, on: req.db)
        return (board, try await req.tenancy.client(store.clientID)?.name ?? "")
    }
}

extension Request {
    /// What the `sku_sort` query parameter ranks the dashboard's SKUs by (by sales when absent).
    func skuRanking() throws -> SKURanking {
        try queryChoice("sku_sort", among: SKURanking.allCases.map(\.rawValue)).flatMap(SKURanking.init) ?? .sales
    }

    /// The overview of every store the user may see, over the `period` the query names.
    func loadOverview() async throws -> Overview {
        let period = try queryChoice("period", among: OverviewPeriod.allCases.map(\.rawValue)).flatMap(OverviewPeriod.init) ?? .last7Days
        let visibility = AccessPolicy.visibility(of: try principal())
        return try await Overview.load(
            stores: try await tenancy.stores(visibleTo: visibility), clients: try await tenancy.clients(visibleTo: visibility),
            period: period, at: now, on: db)
    }
}
