import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// What the dashboard pages load, for the benchmark to time exactly that: a store's dashboard
/// and ads over a period, the overview of some stores, and a brand's home.
public enum DashboardLoads {
    /// Loads the store's dashboard; returns the days it holds.
    public static func storeDashboard(_ store: Store, period: DashboardPeriod, at now: Date, on db: any Database) async throws -> Int {
        try await StoreDashboard.load(store: store, period: period, at: now, on: db).days.count
    }

    /// Loads the store's ads page over a period; returns its suggestions.
    public static func ads(_ store: Store, period: DashboardPeriod, at now: Date, on db: any Database) async throws -> Int {
        try await AdsBoard.load(store: store, period: period, at: now, on: db).suggestions.count
    }

    /// Loads the overview of the stores over the last 7 days; returns the stores it holds.
    public static func overview(_ stores: [Store], clients: [DaiyunCore.Client], at now: Date, on db: any Database) async throws -> Int {
        try await Overview.load(stores: stores, clients: clients, period: .last7Days, at: now, on: db).lines.count
    }

    /// Loads a brand viewer's home: the workbench of its stores and the latest statement of
    /// each of its contracts; returns the stores it holds.
    public static func brandHome(_ principal: Principal, stores: [Store], clients: [DaiyunCore.Client], at now: Date, on db: any Database)
        async throws -> Int
    {
        let bench = try await Workbench.load(for: principal, stores: stores, clients: clients, at: now, on: db)
        _ = try await StatementLink.latest(
            of: try await ContractRepository(database: db).contracts(of: clients.map(\.id)), brand: true, on: db)
        return bench.stores.count
    }
}
