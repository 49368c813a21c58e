import DaiyunCore
import DaiyunJobs
import DaiyunPersistence
import Fluent
import Foundation

/// Evaluates a store's alert rules at a moment: loads what they judge (the last whole day and
/// the same weekday of the 4 weeks before, from the rollups and traffic days; the SKUs the store
/// sold with their cover; bad reviews without a reply; the sync), runs `AlertEvaluation`, and
/// records the firings. Returns the alerts it opened.
public struct AlertEvaluator: Sendable {
    let database: any Database
    let ids: any IDGenerator

    public init(database: any Database, ids: any IDGenerator = .kernel) {
        self.database = database
        self.ids = ids
    }

    @discardableResult
    public func evaluate(_ store: Store, at now: Date) async throws -> [Alert] {
        let inputs = try await inputs(store, at: now)
        let alerts = AlertRepository(database: database)
        let rules = try await alerts.rules(of: store.id, ids: ids, now: now)
        let opened = try await alerts.record(AlertEvaluation.evaluate(rules, inputs), store: store, ids: ids, now: now)
        if try await RobotRepository.queue(opened, store: store, now: now, ids: ids, on: database) > 0 {
            try await JobQueue(database: database, ids: ids).enqueue(
                .robots, scope: .client(store.clientID, agency: store.agencyID), key: "robots:\(store.clientID)", runAt: now,
                maxAttempts: 3,
                now: now)
        }
        return opened
    }

    func inputs(_ store: Store, at now: Date) async throws -> AlertInputs {
        let day = BusinessDay(containing: now).advanced(by: -1)
        let days = Dictionary(
            try await StoreFiguresRepository(database: database).days(store: store.id, from: day.advanced(by: -28), through: day).map {
                ($0.day, $0)
            }, uniquingKeysWith: { first, _ in first })
        let weeks = (1...4).compactMap { days[day.advanced(by: -7 * $0)] }.filter { $0.sales.paidOrders > 0 || $0.traffic != nil }
        let queues = WorkQueueRepository(database: database)
        let pace = DayRange.last(StockCover.paceDays, before: now)
        let sold = try await StoreFiguresRepository(database: database).skuSales(
            store: store.id, from: pace.firstDay, through: pace.lastDay, limit: 1_000)
        let stock = try await queues.stockCovers(of: store.clientID, at: now, outerIDs: sold.map(\.outerSKUID))
        let reviews = try await queues.reviewsToAnswer(in: [store.id], at: now, limit: 100)
        let cursor = try await SyncCursorRepository(database: database).cursor(store: store.id, kind: "orders")
        let targets = try await AdTargetRepository(database: database).targets(of: store.id)
        let campaigns = try await AdReportRepository(database: database).campaignDays(
            store: store.id, from: day.advanced(by: -(AlertKind.roiBelowTarget.thresholdRange.upperBound - 1)), through: day,
            targets: targets)
        return AlertInputs(
            day: days[day] ?? DayFigures(day: day), sameWeekdays: weeks, weekEarlier: days[day.advanced(by: -7)]?.traffic,
            stock: stock.map { (outerID: $0.outerID, cover: $0.cover) }, badReviews: reviews.map { (tid: $0.tid, at: $0.createdAt) },
            sync: SyncHealth(
                syncedUntil: cursor?.syncedUntil, lastSuccessAt: cursor?.lastSuccessAt, lastErrorAt: cursor?.lastErrorAt, at: now),
            syncLagSeconds: (cursor?.syncedUntil).map { Int(now.timeIntervalSince($0)) }, campaigns: campaigns)
    }
}

extension JobKind {
    /// Evaluates a store's alert rules.
    public static let alerts = JobKind("alerts", locksScope: false)
}

extension JobRegistry {
    /// Evaluates every active store's alerts hourly, and a store's again soon after a sync or an
    /// import changed its figures (`AlertEvaluator.queue`).
    public mutating func registerAlertJobs(database: any Database, ids: any IDGenerator = .kernel) {
        register(
            .alerts,
            JobClosure { job, now in
                guard let id = job.scope.storeID, let store = try await TenancyRepository(database: database).store(id) else {
                    return Message("job_no_store", english: "the store is gone")
                }
                let opened = try await AlertEvaluator(database: database, ids: ids).evaluate(store, at: now)
                return Message("alerts_evaluated", ["\(opened.count)"], english: "\(opened.count) alerts opened")
            })
        schedule(.alerts, .every(seconds: 3_600)) {
            try await TenancyRepository(database: database).allStores().filter { $0.status == .active }.map { JobScope.of($0) }
        }
    }
}

extension AlertEvaluator {
    /// Asks for the store's alerts to be evaluated a minute from now (after more changes land).
    public static func queue(_ store: Store, on database: any Database, ids: any IDGenerator = .kernel, now: Date) async throws {
        try await JobQueue(database: database, ids: ids).enqueue(
            .alerts, store: store, key: "alerts-soon:\(store.id)", runAt: now.addingTimeInterval(60), maxAttempts: 3, now: now)
    }
}
