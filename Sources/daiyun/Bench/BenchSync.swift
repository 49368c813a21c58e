import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import DaiyunSandbox
import DaiyunSimulation
import DaiyunWeb
import Foundation
import Logging
import Vapor

/// Sync from the platform sandbox over HTTP through the real client path: the 90-day back-fill
/// in orders/s, and the lag from an order placed in the sandbox to its row in Daiyun, on demand
/// and with the default one-minute schedule.
enum BenchSync {
    static let skus = (0..<40).map {
        SimulatedSKU(outerID: "BENCH-\($0)", title: "商品\($0)", properties: "规格:\($0)", price: Money(fen: 4_900 + Int64($0) * 500))
    }

    static func run(on database: BenchDatabase, label: String, ordersPerDay: Double, scheduledLag: Bool) async throws {
        let shop = SandboxShop(
            nick: "bench", session: "bench-session", skus: skus, baseOrdersPerDay: ordersPerDay, seed: 11, historyDays: 90,
            pace: .init(ordersPerMinute: 0))
        let gateway = SandboxGateway(apps: ["bench-app": "bench-secret"], shops: [shop], callsPerSecond: 1_000)
        let sandbox = try await Application.make(Environment(name: "production", arguments: ["daiyun"]))
        sandbox.logger.logLevel = .error
        SandboxServer.routes(sandbox, gateway: gateway, shops: [shop])
        try await sandbox.server.start(address: .hostname("127.0.0.1", port: 0))
        let endpoint = "http://127.0.0.1:\(sandbox.http.server.shared.localAddress?.port ?? 0)/router/rest"
        do {
            try await measure(on: database, label: label, endpoint: endpoint, shop: shop, scheduledLag: scheduledLag)
        } catch {
            await sandbox.server.shutdown()
            try? await sandbox.asyncShutdown()
            throw error
        }
        await sandbox.server.shutdown()
        try await sandbox.asyncShutdown()
    }

    static func measure(on database: BenchDatabase, label: String, endpoint: String, shop: SandboxShop, scheduledLag: Bool) async throws {
        try await database.with { app, store in
            let connection = ChannelConnection(
                storeID: store.id, endpoint: endpoint, appKey: "bench-app", appSecret: "bench-secret", session: "bench-session")
            try await app.channelConnections.connect(connection, store: store, by: app.writeContext(actor: "job:bench"))
            let client = TOPClient(connection: connection)
            let start = ContinuousClock.now
            var sync = TaobaoSync(database: app.db, client: client, store: store)
            (sync.clock, sync.ids) = (app.clock, app.ids)
            let report = try await sync.run(now: app.clock())
            BenchReport.line(
                label, "sync back-fill, 90 days (HTTP)", count: report.orders.fetched, unit: "orders",
                seconds: BenchRuns.seconds(since: start),
                extra: "(\(report.orders.pages) pages, \(report.refunds.fetched) refunds)")

            // On demand: an order placed, a sync requested at once, the runner picking it up.
            let runner = JobRunner(
                database: app.db, worker: "bench", logger: Logger(label: "bench"), registry: app.jobRegistry, clock: app.clock, ids: app.ids
            )
            let loop = Task { await runner.run(every: .milliseconds(200)) }
            do {
                try await measureLag(on: app, store: store, shop: shop, label: label, scheduledLag: scheduledLag)
            } catch {
                loop.cancel()
                await loop.value
                throw error
            }
            // The runner finishes its pass before the database goes away.
            loop.cancel()
            await loop.value
        }
    }

    /// Lags from a placed order to its row while the runner runs: on demand, and on the schedule if asked.
    static func measureLag(on app: Application, store: Store, shop: SandboxShop, label: String, scheduledLag: Bool) async throws {
        var lags: [Double] = []
        for _ in 0..<5 {
            let placed = ContinuousClock.now
            let tid = try await place(on: shop)
            let now = app.clock()
            try await JobQueue(database: app.db, ids: app.ids).enqueue(.sync, store: store, runAt: now, now: now)
            try await waitForRow(tid, store: store, on: app)
            lags.append(BenchRuns.seconds(since: placed))
        }
        lags.sort()
        BenchReport.line(
            label, "lag on demand (sync now)", count: lags.count, unit: "orders", seconds: lags.reduce(0, +),
            extra: String(format: "p50 %.2f s, max %.2f s", lags[lags.count / 2], lags.last!))
        if scheduledLag {
            // The default schedule: the order waits for the next minute's sync.
            let placed = ContinuousClock.now
            let tid = try await place(on: shop)
            try await waitForRow(tid, store: store, on: app, timeout: 120)
            BenchReport.line(
                label, "lag, default 60 s schedule", count: 1, unit: "orders", seconds: BenchRuns.seconds(since: placed),
                extra: String(format: "%.1f s (bound: 60 s + one incremental sync)", BenchRuns.seconds(since: placed)))
        }
    }

    static func place(on shop: SandboxShop) async throws -> String {
        guard await shop.flashSale(outerID: "BENCH-0", count: 1) == 1,
            let newest = await shop.trades(modifiedFrom: Date().addingTimeInterval(-5), to: Date().addingTimeInterval(1), types: ["fixed"])
                .max(by: { $0.tid < $1.tid })
        else { throw BenchError("the sandbox took no order") }
        return newest.tid
    }

    static func waitForRow(_ tid: String, store: Store, on app: Application, timeout: Double = 30) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while try await OrderRepository(database: app.db).orders([tid], store: store.id)[tid] == nil {
            guard ContinuousClock.now < deadline else { throw BenchError("order \(tid) did not arrive within \(Int(timeout)) s") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
