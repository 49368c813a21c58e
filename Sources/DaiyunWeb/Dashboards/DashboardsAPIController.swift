import DaiyunCore
import Foundation
import Vapor

/// `/api/v1` dashboards: a store's days and totals over a period against the previous period and
/// last year, and the overview of every store the caller may see. Money in fen, rates in basis
/// points, DSR in ten-thousandths of a point, days in Asia/Shanghai.
struct DashboardsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stores", ":storeID", "dashboard", use: dashboard)
        routes.get("overview", use: overview)
    }

    /// A period's figures as the API writes them.
    struct Totals: Encodable {
        var from: BusinessDay
        var until: BusinessDay
        var paidOrders: Int
        var gmvFen: Int64
        var payingBuyers: Int
        var aovFen: Int64?
        var refunds: Int
        var refundFen: Int64
        var netSalesFen: Int64
        var visitors: Int?
        var conversionBp: Int?
        var dsrDescription: Int?
        var dsrService: Int?
        var dsrLogistics: Int?
        var adCostFen: Int64?
        var adGmvFen: Int64?
        var adRoiHundredths: Int?

        init(_ figures: PeriodFigures, range: DayRange) {
            from = range.firstDay
            until = range.lastDay
            paidOrders = figures.sales.paidOrders
            gmvFen = figures.sales.gmv.fen
            payingBuyers = figures.sales.payingBuyers
            aovFen = figures.sales.aov?.fen
            refunds = figures.refunds
            refundFen = figures.refundAmount.fen
            netSalesFen = figures.netSales.fen
            visitors = figures.visitors
            conversionBp = figures.conversionBP
            dsrDescription = figures.dsr?.dsrDescription
            dsrService = figures.dsr?.dsrService
            dsrLogistics = figures.dsr?.dsrLogistics
            adCostFen = figures.ads?.cost.fen
            adGmvFen = figures.ads?.gmv.fen
            adRoiHundredths = figures.ads?.roiHundredths
        }
    }

    struct Day: Encodable {
        var day: BusinessDay
        var paidOrders: Int
        var gmvFen: Int64
        var payingBuyers: Int
        var newBuyers: Int
        var refunds: Int
        var refundFen: Int64
        var visitors: Int?
        var conversionBp: Int?
        var reportedPaymentFen: Int64?
        var paymentDifferenceFen: Int64?
        var dsrDescription: Int?
        var dsrService: Int?
        var dsrLogistics: Int?
        var trafficSourceRecordId: UUID?
    }

    struct SKU: Encodable {
        var outerSkuId: String
        var units: Int
        var salesFen: Int64
        var refunds: Int
        var refundFen: Int64
        var available: Int?
        var coverDaysTenths: Int?
    }

    func dashboard(req: Request) async throws -> Response {
        struct Answer: Encodable {
            var storeId: ID<Store>
            var period: Totals
            var previous: Totals
            var lastYear: Totals
            var days: [Day]
            var skus: [SKU]
        }
        let store = try await req.store()
        let period = try DashboardPeriod(req)
        let board = try await StoreDashboard.load(store: store, period: period, ranking: try req.skuRanking(), at: req.now, on: req.db)
        return try APIResponse.json(
            Answer(
                storeId: store.id, period: Totals(board.totals, range: period.range),
                previous: Totals(board.previous, range: period.previous.range),
                lastYear: Totals(board.lastYear, range: period.lastYear.range),
                days: board.days.map { d in
                    Day(
                        day: d.day, paidOrders: d.sales.paidOrders, gmvFen: d.sales.gmv.fen, payingBuyers: d.sales.payingBuyers,
                        newBuyers: d.newBuyers, refunds: d.refunds, refundFen: d.refundAmount.fen, visitors: d.traffic?.visitors,
                        conversionBp: d.conversionBP, reportedPaymentFen: d.traffic?.reportedPayment?.fen,
                        paymentDifferenceFen: d.paymentDifference?.fen, dsrDescription: d.traffic?.dsrDescription,
                        dsrService: d.traffic?.dsrService, dsrLogistics: d.traffic?.dsrLogistics,
                        trafficSourceRecordId: board.sources[d.day])
                },
                skus: board.skus.map {
                    SKU(
                        outerSkuId: $0.sales.outerSKUID, units: $0.sales.units, salesFen: $0.sales.sales.fen, refunds: $0.sales.refunds,
                        refundFen: $0.sales.refundAmount.fen,
                        available: $0.stock?.cover.available,
                        coverDaysTenths: $0.stock?.cover.daysOfCoverTenths)
                }))
    }

    func overview(req: Request) async throws -> Response {
        struct Line: Encodable {
            var storeId: ID<Store>
            var storeName: String
            var clientName: String
            var current: Totals
            var comparison: Totals
            var attention: [AttentionReason]
        }
        struct Answer: Encodable {
            var period: OverviewPeriod
            var items: [Line]
        }
        let overview = try await req.loadOverview()
        let (range, comparison) = (overview.period.range(at: req.now), overview.period.comparison(at: req.now))
        return try APIResponse.json(
            Answer(
                period: overview.period,
                items: overview.lines.map {
                    Line(
                        storeId: $0.store.id, storeName: $0.store.name, clientName: $0.clientName,
                        current: Totals($0.current, range: range),
                        comparison: Totals($0.comparison, range: comparison), attention: $0.reasons)
                }))
    }
}
