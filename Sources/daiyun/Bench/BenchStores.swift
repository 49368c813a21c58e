import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import DaiyunSimulation
import Fluent
import Foundation
import SQLKit
import Vapor

/// What the dashboards read besides the orders: the bench store's year of 生意参谋 traffic and
/// ad reports (as the demo makes them, from its sales), and more stores of the same agency with
/// copies of its rollups, traffic and ad rows, so that the overview is measured on as many
/// stores as an agency runs.
enum BenchStores {
    /// Adds the store's traffic days and ad report rows for the dataset's days; returns the ad rows.
    static func addTrafficAndAds(_ dataset: BenchDataset, store: Store, on app: Application) async throws -> Int {
        let days = BusinessDay("2025-11-22")!.days(until: BusinessDay("2026-11-23")!)
        let sold = TrafficSimulator.sold(dataset.orders, on: days)
        let traffic = try TrafficExport.parse(Data(TrafficSimulator.csv(sold, seed: 5).utf8), store: store.id).rows.map(\.value)
        let ads = try AdReportExport.parse(
            Data(AdSimulator.csv(sold, seed: 5, words: AdSimulator.words(of: dataset.orders)).utf8), store: store.id
        ).rows.map(\.value)
        let context = app.writeContext(actor: "job:bench")
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("bench traffic and ads".utf8), name: "bench-traffic-ads", kind: "bench", agency: store.agencyID, store: store.id,
            by: context
        ).record.id
        try await app.db.transaction { tx in
            _ = try await TrafficRepository(database: tx).apply(traffic, store: store, source: source, by: context)
            _ = try await AdReportRepository(database: tx).apply(ads, store: store, source: source, by: context)
        }
        return ads.count
    }

    /// `count` more stores in the store's client, each with a copy of its recent rollups and ad
    /// rows and its traffic days; returns every store of the agency.
    static func copies(of store: Store, count: Int, on app: Application) async throws -> [Store] {
        let tenancy = TenancyRepository(database: app.db)
        let context = app.writeContext(actor: "job:bench")
        guard let client = try await tenancy.client(store.clientID) else { throw BenchError("the bench store has no client") }
        let sql = app.db as! any SQLDatabase
        let traffic = try await TrafficRepository(database: app.db).days(
            store: store.id, from: BusinessDay("2025-01-01")!, through: BusinessDay("2026-12-31")!)
        // The overview reads at most two months back: the copies hold the days from September.
        let ads = try await AdReportRepository(database: app.db).rows(
            store: store.id, from: BusinessDay("2026-09-01")!, through: BusinessDay("2026-12-31")!, campaignID: nil, limit: 1_000_000)
        let rollups: [(table: String, columns: String, recent: String)] = [
            ("store_day_sales", "day, " + SalesRollupRepository.daySums.joined(separator: ", "), "day >= '2026-09-01'"),
            ("sku_day_sales", "day, outer_sku_id, quantity, sales_fen", "day >= '2026-09-01'"),
            ("store_day_buyers", "buyer, day, orders, gmv_fen", "day >= '2026-09-01'"),
            ("store_month_sales", "month, buyers", "month >= '2026-09'"),
        ]
        for index in 1...count {
            let copy = try await tenancy.createStore(
                try StoreDraft(
                    channel: "tmall", shopID: "bench-copy-\(index)", name: "Bench store \(index)", status: "active",
                    takenOverOn: "2025-01-01"),
                for: client, by: context)
            for rollup in rollups {
                try await sql.raw(
                    """
                    INSERT INTO \(unsafeRaw: rollup.table) (store_id, \(unsafeRaw: rollup.columns))
                    SELECT \(bind: copy.id.rawValue), \(unsafeRaw: rollup.columns) FROM \(unsafeRaw: rollup.table)
                    WHERE store_id = \(bind: store.id.rawValue) AND \(unsafeRaw: rollup.recent)
                    """
                ).run()
            }
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("bench copy \(index)".utf8), name: "bench-copy", kind: "bench", agency: copy.agencyID, store: copy.id, by: context
            ).record.id
            try await app.db.transaction { tx in
                _ = try await TrafficRepository(database: tx).apply(
                    traffic.map {
                        var day = $0
                        day.storeID = copy.id
                        return day
                    }, store: copy, source: source, by: context)
                _ = try await AdReportRepository(database: tx).apply(
                    ads.map {
                        var row = $0.row
                        row.storeID = copy.id
                        return row
                    }, store: copy, source: source, by: context)
            }
        }
        return try await tenancy.stores(visibleTo: .agency(store.agencyID))
    }
}
