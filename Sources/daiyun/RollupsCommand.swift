import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import Foundation

/// `daiyun rollups rebuild [--store S]`: recompute the daily sales rollups from the order rows.
struct RollupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollups", abstract: "The daily sales rollups dashboards and reports read.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the rollups of one store, or of every store, from its orders.",
            discussion:
                "The order writer keeps the rollups as orders change; a rebuild gives the same rows, and is for a database restored or edited by hand."
        )

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "Store id, channel shop id or exact name; every store when left out.")
        var store: String?

        func run() async throws {
            let app = try await AppLauncher.makeApp(try options.config())
            do {
                _ = try await AppLauncher.migrate(app)
                let stores: [Store]
                if let store {
                    stores = [try await StoreLookup.find(store, in: app.db)]
                } else {
                    stores = try await TenancyRepository(database: app.db).allStores()
                }
                let rollups = SalesRollupRepository(database: app.db)
                for store in stores {
                    let began = ContinuousClock.now
                    let orders = try await rollups.rebuild(store: store)
                    print("\(store.name): \(orders) orders in \(String(format: "%.1f", BenchRuns.seconds(since: began))) s")
                }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}
