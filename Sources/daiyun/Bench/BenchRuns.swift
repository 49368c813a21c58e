import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunSimulation
import DaiyunWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// The measurements.
enum BenchRuns {
    /// The year's orders, lines and refunds into empty tables with their real unique keys, from
    /// domain values in memory to the last commit; then the same rows again (nothing changes).
    /// A SQLite database is kept at `keepingAt` when given; `verbose` prints each filtered query's time.
    static func importYear(
        _ dataset: BenchDataset, on database: BenchDatabase, label: String, keepingAt kept: String? = nil, verbose: Bool = false
    ) async throws {
        try await database.with(keepingAt: kept) { app, store in
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("bench".utf8), name: "bench", kind: "bench", agency: store.agencyID, store: store.id,
                by: app.writeContext(actor: "job:bench")
            ).record.id
            for pass in ["import", "re-import (no change)"] {
                let start = ContinuousClock.now
                let context = app.writeContext(actor: "job:bench")
                let counts = try await app.db.transaction { tx in
                    try await OrderWriter(database: tx).apply(dataset.orders, store: store, source: source, by: context)
                        + RefundWriter(database: tx).apply(dataset.refunds, store: store, source: source, by: context)
                }
                let expected =
                    pass == "import"
                    ? UpsertCounts(inserted: dataset.orders.count + dataset.refunds.count)
                    : UpsertCounts(unchanged: dataset.orders.count + dataset.refunds.count)
                guard counts == expected else { throw BenchError("\(label) \(pass): \(counts), expected \(expected)") }
                BenchReport.line(label, pass, count: dataset.rowCount, unit: "rows", seconds: seconds(since: start))
            }
            try await orderList(store: store, on: app, label: label, verbose: verbose)
            try await rollups(dataset, store: store, on: app, label: label)
        }
    }

    /// The month's figures read from the rollups (best of five, the goal is ≤ 50 ms on 10 million
    /// lines), the dashboard and ads page of the store and the overview of 50 stores, and a
    /// rebuild of the rollups from the imported rows (goal ≤ 60 s on 10 million).
    static func rollups(_ dataset: BenchDataset, store: Store, on app: Application, label: String) async throws {
        let adRows = try await BenchStores.addTrafficAndAds(dataset, store: store, on: app)
        let stores = try await BenchStores.copies(of: store, count: 49, on: app)
        try await reads(store: store, overview: stores, lines: dataset.lineCount, adRows: adRows, on: app, label: label)
        let start = ContinuousClock.now
        let orders = try await SalesRollupRepository(database: app.db).rebuild(store: store)
        BenchReport.line(
            label, "rollups rebuild", count: orders, unit: "orders", seconds: seconds(since: start), extra: "\(dataset.lineCount) lines")
    }

    /// The reads of the rollups, each the best of five: the month's figures, the store's
    /// dashboard and ads page over November, and the overview of the stores.
    static func reads(store: Store, overview stores: [Store], lines: Int, adRows: Int, on app: Application, label: String) async throws {
        let reports = MonthReportRepository(database: app.db)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            _ = try await reports.report(store: store.id, month: BusinessMonth("2026-11")!)
            best = min(best, seconds(since: start))
        }
        BenchReport.line(
            label, "month figures from rollups", count: lines, unit: "lines", seconds: best, extra: String(format: "%.1f ms", best * 1000))
        // The store dashboard over November (30 days, with the previous period and last year), and
        // the overview of the agency's stores, as the pages load them (goals ≤ 50 ms and ≤ 100 ms).
        let november = DashboardPeriod.month(BusinessMonth("2026-11")!)
        let now = BusinessDay("2026-12-01")!.start.addingTimeInterval(36_000)
        var dashboard = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            _ = try await DashboardLoads.storeDashboard(store, period: november, at: now, on: app.db)
            dashboard = min(dashboard, seconds(since: start))
        }
        BenchReport.line(
            label, "store dashboard (30 days)", count: lines, unit: "lines", seconds: dashboard,
            extra: String(format: "%.1f ms", dashboard * 1000))
        var ads = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            _ = try await DashboardLoads.ads(store, period: november, at: now, on: app.db)
            ads = min(ads, seconds(since: start))
        }
        BenchReport.line(
            label, "ads page (30 days)", count: adRows, unit: "ad rows", seconds: ads, extra: String(format: "%.1f ms", ads * 1000))
        let clients = try await TenancyRepository(database: app.db).clients(visibleTo: .agency(store.agencyID))
        // The morning after the dataset's last day: the last 7 days and the 7 before hold sales.
        let morning = BusinessDay("2026-11-23")!.start.addingTimeInterval(36_000)
        var overview = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            _ = try await DashboardLoads.overview(stores, clients: clients, at: morning, on: app.db)
            overview = min(overview, seconds(since: start))
        }
        BenchReport.line(
            label, "overview", count: stores.count, unit: "stores", seconds: overview, extra: String(format: "%.1f ms", overview * 1000))
        try await statement(store: store, copies: stores, lines: lines, clients: clients, at: now, on: app, label: label)
    }

    /// November's statement of a contract over the store and two of its copies, from a year
    /// before (fee, marginal tiers on net sales, a DSR and an ROI KPI judged every month before),
    /// with its hash (goal ≤ 200 ms on 10 million lines), and the brand's home (goal ≤ 100 ms).
    static func statement(
        store: Store, copies: [Store], lines: Int, clients: [DaiyunCore.Client], at now: Date, on app: Application, label: String
    ) async throws {
        let covered = [store.id] + copies.map(\.id).filter { $0 != store.id }.prefix(2)
        let commission = Commission(
            base: .netSales, mode: .marginal,
            tiers: [
                CommissionTier(from: .zero, upTo: Money(fen: 100_000_000), rateBP: 200),
                CommissionTier(from: Money(fen: 100_000_000), upTo: nil, rateBP: 300),
            ], minimum: Money(fen: 500_000))
        let kpis = [
            KPI(metric: .dsr(.service), targets: [KPITarget(from: BusinessMonth("2025-12")!, value: 47_000)], missRefundBP: 1_000),
            KPI(metric: .adROI(.lastClick, windowDays: 15), targets: [KPITarget(from: BusinessMonth("2025-12")!, value: 250)]),
        ]
        let start = BusinessDay("2025-12-01")!
        let contract = Contract(
            id: ID(UUID()), clientID: store.clientID, name: "bench", start: start, end: nil, noticeDays: 30,
            versions: [
                ContractVersion(
                    number: 1, effectiveFrom: start,
                    terms: ContractTerms(
                        stores: covered, fee: FeeModel(monthlyFee: Money(fen: 2_000_000), commission: commission), kpis: kpis))
            ])
        let statements = StatementRepository(database: app.db)
        var best = Double.infinity
        for _ in 0..<5 {
            let began = ContinuousClock.now
            _ = StatementRepository.hash(try await statements.compute(contract, month: BusinessMonth("2026-11")!))
            best = min(best, seconds(since: began))
        }
        BenchReport.line(
            label, "statement and hash (3 stores)", count: lines, unit: "lines", seconds: best,
            extra: String(format: "%.1f ms, 12 months of KPIs", best * 1000))
        let brand = Principal(userID: ID(UUID()), agencyID: store.agencyID, kind: .brandViewer, clientID: store.clientID)
        let own = copies.filter { $0.clientID == store.clientID }
        best = .infinity
        for _ in 0..<5 {
            let began = ContinuousClock.now
            _ = try await DashboardLoads.brandHome(
                brand, stores: own, clients: clients.filter { $0.id == store.clientID }, at: now, on: app.db)
            best = min(best, seconds(since: began))
        }
        BenchReport.line(
            label, "brand home", count: own.count, unit: "stores", seconds: best, extra: String(format: "%.1f ms", best * 1000))
    }

    /// The reads of `reads(store:…)` on a SQLite database kept by `--keep-sqlite` (and perhaps
    /// scaled by `scripts/scale-bench-sqlite.py`, then rebuilt): its bench store, and the
    /// agency's stores for the overview.
    static func reads(ofKept path: String) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["daiyun"]))
        app.logger.logLevel = .error
        do {
            try await configure(app, config: AppConfig(database: .sqlite(path: path), logLevel: .error, bcryptCost: 4))
            _ = try await MigrationRunner.migrate(app)
            let tenancy = TenancyRepository(database: app.db)
            guard let store = try await tenancy.store(BenchDataset.store) else { throw BenchError("\(path) holds no bench store") }
            let stores = try await tenancy.stores(visibleTo: .agency(store.agencyID))
            func count(_ table: String) async throws -> Int {
                try await (app.db as! any SQLDatabase).raw(
                    "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE store_id = \(bind: store.id.rawValue)"
                )
                .first()?.decode(column: "n", as: Int.self) ?? 0
            }
            try await reads(
                store: store, overview: stores, lines: try await count("order_lines"), adRows: try await count("ad_report_rows"), on: app,
                label: "SQLite")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The order list on the imported year: every page by cursor, and filtered first pages.
    static func orderList(store: Store, on app: Application, label: String, verbose: Bool) async throws {
        // Fresh statistics, as autovacuum would have them soon after a bulk load.
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" { try await sql.raw("ANALYZE").run() }
        let orders = OrderRepository(database: app.db)
        var latencies: [Double] = []
        var cursor: OrderCursor?
        var pages = 0
        repeat {
            let start = ContinuousClock.now
            let page = try await orders.list(store: store.id, filter: OrderFilter(), after: cursor, limit: 50)
            latencies.append(seconds(since: start) * 1000)
            cursor = page.next
            pages += 1
        } while cursor != nil
        // Common filters, and the worst cases of a walk: filters that match nothing or little.
        let november11 = BusinessDay("2026-11-11")!.start
        let filters: [(String, OrderFilter)] = [
            ("closed", OrderFilter(status: .closed)), ("buyer", OrderFilter(buyer: "buyer7**")),
            ("SKU", OrderFilter(outerSkuID: "BENCH-3")),
            ("11.11", OrderFilter(from: november11, until: november11.addingTimeInterval(86_400))),
            ("unknown buyer", OrderFilter(buyer: "nobody")), ("unknown SKU", OrderFilter(outerSkuID: "NO-SUCH-SKU")),
            ("finished, unknown buyer", OrderFilter(status: .finished, buyer: "nobody")),
            ("needs attention", OrderFilter(needsAttention: true)),
            ("closed, SKU", OrderFilter(status: .closed, outerSkuID: "BENCH-20")),
        ]
        var slowest = (name: "", ms: 0.0)
        for (name, filter) in filters {
            let start = ContinuousClock.now
            _ = try await orders.list(store: store.id, filter: filter, after: nil, limit: 50)
            let ms = seconds(since: start) * 1000
            if ms > slowest.ms { slowest = (name, ms) }
            if verbose { print("  \(name): \(String(format: "%.1f", ms)) ms") }
        }
        latencies.sort()
        BenchReport.line(
            label, "order list, all pages", count: pages, unit: "pages", seconds: latencies.reduce(0, +) / 1000,
            extra: String(
                format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d filtered first pages max %.1f ms",
                latencies[latencies.count / 2], latencies[min(latencies.count - 1, latencies.count * 99 / 100)], latencies.last!,
                filters.count, slowest.ms) + " (\(slowest.name))")
    }

    /// The 千牛 order report in GB18030, through the real import path: decode, validate, yuan to
    /// fen, upsert, source record, batch record.
    static func exportFile(_ dataset: BenchDataset, on database: BenchDatabase, label: String) async throws {
        let file = BenchExportFile.render(dataset.orders)
        let parseStart = ContinuousClock.now
        let parsed = try TaobaoOrderExport.parse(file, store: BenchDataset.store)
        BenchReport.line(label, "GB18030 export, parse only", count: parsed.rows.count, unit: "orders", seconds: seconds(since: parseStart))
        try await database.with { app, store in
            guard let client = try await TenancyRepository(database: app.db).client(store.clientID) else { return }
            let start = ContinuousClock.now
            let result = try await ImportService(database: app.db).run(
                file, name: "bench.csv", kind: .orders, mode: .allOrNothing,
                target: ImportTarget(client: client, store: store), by: app.writeContext(actor: "job:bench"))
            let elapsed = seconds(since: start)
            guard result.batch.inserted == dataset.orders.count else {
                throw BenchError(
                    "the export import inserted \(result.batch.inserted) of \(dataset.orders.count) orders: \(result.errors.prefix(3))")
            }
            BenchReport.line(
                label, "GB18030 export file", count: result.batch.inserted, unit: "orders", seconds: elapsed,
                extra: "(\(file.count / 1_048_576) MiB)")
        }
    }

    /// 50 SKUs × 100 units; one-unit attempts from concurrent workers through one checkout lane.
    static func flashSale(on database: BenchDatabase, label: String, attempts: Int, workers: Int, seed: UInt64) async throws {
        try await database.with { app, store in
            let sql = app.db as! any SQLDatabase
            let ids = KernelIDGenerator()
            let skus = (0..<50).map { _ in ids.random() }
            let productID = ids.random()
            try await sql.raw(
                "INSERT INTO products (id, client_id, title, category, main_image_url, selling_points, detail, created_at) VALUES (\(bind: productID), \(bind: store.clientID.rawValue), 'flash', '', '', '', '', \(bind: app.clock()))"
            ).run()
            for (i, sku) in skus.enumerated() {
                try await sql.raw(
                    "INSERT INTO skus (id, client_id, product_id, outer_id, barcode, properties, list_price_fen, floor_price_fen, cost_fen) VALUES (\(bind: sku), \(bind: store.clientID.rawValue), \(bind: productID), \(bind: "FLASH-\(i)"), '', '', 100, 100, 50)"
                ).run()
                try await sql.raw(
                    "INSERT INTO sku_stock (id, sku_id, client_id, on_hand, reserved) VALUES (\(bind: ids.random()), \(bind: sku), \(bind: store.clientID.rawValue), 100, 0)"
                ).run()
            }
            let counter = AttemptCounter(total: attempts)
            let lane = CheckoutLane(database: app.db, ids: app.ids)
            let start = ContinuousClock.now
            let results = try await withThrowingTaskGroup(of: (sold: Int, latencies: [Double]).self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        var random = SeededRandom(seed: seed &+ UInt64(worker))
                        var sold = 0
                        var latencies: [Double] = []
                        while let attempt = await counter.next() {
                            let sku = skus[Int(random.next() % UInt64(skus.count))]
                            let begun = ContinuousClock.now
                            let held = try await lane.reserve(
                                sku: sku, quantity: 1, store: store.id, oid: "flash-\(attempt)", actor: "job:bench", at: app.clock())
                            latencies.append(seconds(since: begun) * 1000)
                            if held { sold += 1 }
                        }
                        return (sold, latencies)
                    }
                }
                return try await group.reduce(into: [(sold: Int, latencies: [Double])]()) { $0.append($1) }
            }
            let elapsed = seconds(since: start)
            let sold = results.reduce(0) { $0 + $1.sold }
            let latencies = results.flatMap(\.latencies).sorted()
            // SUM of a bigint is NUMERIC on PostgreSQL: cast it back.
            let reserved = Int(
                try await sql.raw(
                    "SELECT CAST(SUM(reserved) AS BIGINT) AS n FROM sku_stock WHERE client_id = \(bind: store.clientID.rawValue)"
                ).first()?.decode(column: "n", as: Int64.self) ?? -1)
            let p50 = latencies[latencies.count / 2]
            let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            BenchReport.line(
                label, "flash sale (\(workers) workers)", count: attempts, unit: "attempts", seconds: elapsed,
                extra: String(format: "p50 %.2f ms, p99 %.2f ms, sold %d of 5000, reserved %d", p50, p99, sold, reserved))
            // Never oversold: every sale is a reservation and no SKU went past its 100 units. With
            // ample attempts (four per unit, the default) every unit sells.
            guard sold == reserved, sold <= 5000, attempts < 20_000 || sold == 5000 else {
                throw BenchError("OVERSOLD or lost: sold \(sold), reserved \(reserved), stock 5000")
            }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Hands out attempt numbers to the workers until none are left.
actor AttemptCounter {
    private var issued = 0
    let total: Int
    init(total: Int) { self.total = total }
    func next() -> Int? {
        guard issued < total else { return nil }
        issued += 1
        return issued
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
