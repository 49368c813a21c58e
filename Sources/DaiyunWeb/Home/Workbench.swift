import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// What one user's workbench holds at one moment, loaded from the figures and queues of the
/// stores they may see, each store with the sections their role there gives them.
struct Workbench: Sendable {
    /// One store's line: its sections and, for each, the figures.
    struct StoreDay: Sendable {
        var store: Store
        var clientName: String
        var sections: Set<WorkbenchSection>
        var today = SalesFigures.zero
        var yesterday = SalesFigures.zero
        var monthToDate = SalesFigures.zero
        var toShip = 0
        var overdue = 0
        var refunds = 0
        var reviews = 0
        var sync = SyncHealth.notSyncing
        var syncedUntil: Date?
    }

    /// How many rows each list shows; the counts say how many there are.
    static let listLength = 20

    var now: Date
    var principal: Principal
    var stores: [StoreDay]
    var ordersToShip: [OrderToShip] = []
    var refunds: [RefundToHandle] = []
    var reviews: [ReviewToAnswer] = []
    var lowStock: [LowStockSKU] = []
    /// Open alerts over the stores the user sees.
    var openAlerts = 0
    /// The stores with sales whose last 7 days fell against the 7 before, and why.
    var attention: [(store: Store, reasons: [AttentionReason])] = []

    /// The stores that show a section.
    func stores(with section: WorkbenchSection) -> [StoreDay] { stores.filter { $0.sections.contains(section) } }

    static func load(for principal: Principal, stores: [Store], clients: [Client], at now: Date, on db: any Database) async throws
        -> Workbench
    {
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        var bench = Workbench(
            now: now, principal: principal,
            stores: stores.map {
                StoreDay(
                    store: $0, clientName: names[$0.clientID] ?? "", sections: WorkbenchSection.sections(for: principal, store: $0.id))
            })
        let queues = WorkQueueRepository(database: db)
        func ids(_ section: WorkbenchSection) -> [ID<Store>] { bench.stores(with: section).map(\.store.id) }

        let sales = SalesFigureRepository(database: db)
        let selling = ids(.sales)
        let today = try await sales.sales(of: selling, in: .today(now))
        let yesterday = try await sales.sales(of: selling, in: .yesterday(now))
        let month = principal.kind == .brandViewer ? try await sales.sales(of: selling, in: .monthToDate(now)) : [:]
        let figures = StoreFiguresRepository(database: db)
        let week = try await figures.periods(of: selling, in: OverviewPeriod.last7Days.range(at: now))
        let weekBefore = try await figures.periods(of: selling, in: OverviewPeriod.last7Days.comparison(at: now))
        let shipping = try await queues.shippingCounts(of: bench.stores(with: .shipping).map(\.store), at: now)
        let refunds = try await queues.refundCounts(of: ids(.refunds))
        let reviews = try await queues.reviewCounts(of: ids(.reviews), at: now)
        let cursors = SyncCursorRepository(database: db)
        for index in bench.stores.indices {
            let id = bench.stores[index].store.id
            bench.stores[index].today = today[id] ?? .zero
            bench.stores[index].yesterday = yesterday[id] ?? .zero
            bench.stores[index].monthToDate = month[id] ?? .zero
            bench.stores[index].toShip = shipping[id]?.toShip ?? 0
            bench.stores[index].overdue = shipping[id]?.overdue ?? 0
            bench.stores[index].refunds = refunds[id] ?? 0
            bench.stores[index].reviews = reviews[id] ?? 0
            if bench.stores[index].sections.contains(.sync) {
                let orders = try await cursors.cursor(store: id, kind: "orders")
                bench.stores[index].sync = SyncHealth(
                    syncedUntil: orders?.syncedUntil, lastSuccessAt: orders?.lastSuccessAt, lastErrorAt: orders?.lastErrorAt, at: now)
                bench.stores[index].syncedUntil = orders?.syncedUntil
            }
        }
        bench.attention = bench.stores(with: .sales).compactMap { day in
            let reasons = AttentionReason.reasons(current: week[day.store.id] ?? .zero, previous: weekBefore[day.store.id] ?? .zero)
            return reasons.isEmpty ? nil : (day.store, reasons)
        }
        bench.openAlerts = try await AlertRepository(database: db).openCounts(of: stores.map(\.id)).values.reduce(0, +)
        bench.ordersToShip = try await queues.ordersToShip(in: bench.stores(with: .shipping).map(\.store), limit: listLength)
        bench.refunds = try await queues.refundsToHandle(in: ids(.refunds), limit: listLength)
        bench.reviews = try await queues.reviewsToAnswer(in: ids(.reviews), at: now, limit: listLength)
        var stockClients: [ID<Client>] = []
        for store in bench.stores(with: .stock) where !stockClients.contains(store.store.clientID) {
            stockClients.append(store.store.clientID)
        }
        for client in stockClients { bench.lowStock += try await queues.lowStock(of: client, at: now) }
        return bench
    }
}
