import ArgumentParser
import DaiyunWeb
import Foundation

/// `daiyun demo`: creates the demo agency if absent, prints its accounts and serves the app.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create the demo agency (once), print its accounts and serve the app.")

    @OptionGroup var options: AppOptions

    @ArgumentParser.Flag(help: "Create the demo data and print the accounts, but do not serve.")
    var noServe = false

    @ArgumentParser.Option(help: "Port of the platform sandbox the demo Tmall stores sync from (0: no sandbox).")
    var sandboxPort = 8090

    @ArgumentParser.Flag(help: "Start afresh: delete the demo's SQLite file (with its journal and key file) first.")
    var reset = false

    /// Removes the SQLite file, its write-ahead log and the secrets key beside it; a PostgreSQL
    /// database is a server's, which the demo never drops.
    static func deleteDemoFiles(of config: AppConfig) throws {
        guard case .sqlite(let path) = config.database else {
            throw ValidationError("--reset deletes a SQLite demo file; the database is PostgreSQL (DATABASE_URL): drop it there")
        }
        var files = [path, path + "-wal", path + "-shm"]
        if case .file(let key) = config.secretsKey { files.append(key) }
        for file in files where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
            FileHandle.standardOutput.write(Data("removed \(file)\n".utf8))
        }
    }

    func run() async throws {
        var config = try options.config()
        if reset { try Self.deleteDemoFiles(of: config) }
        // The demo's own sandbox is a gateway its stores may be connected to from the page too.
        if sandboxPort != 0 { config.gateways.extra.append("http://\(config.host):\(sandboxPort)") }
        // The demo's robot messages link to the demo itself unless told otherwise.
        if config.publicURL == nil { config.publicURL = "http://\(config.host):\(config.port)" }
        let app = try await AppLauncher.makeApp(config)
        var sandbox: DemoSandbox.Running?
        do {
            _ = try await AppLauncher.migrate(app)
            let accounts = try await DemoData.ensure(on: app)
            var text = """

                Daiyun demo — \(DemoData.agencyName)
                Database: \(config.database)
                Open http://\(config.host):\(config.port) and sign in with one of these accounts:


                """
            let width = accounts.map(\.login.count).max() ?? 10
            for account in accounts {
                text +=
                    "  \(account.login.padding(toLength: width, withPad: " ", startingAt: 0))  \(account.password)  \(account.description)\n"
            }
            if !noServe && sandboxPort > 0 {
                let endpoint = "http://\(config.host):\(sandboxPort)/router/rest"
                sandbox = try await DemoSandbox().start(host: config.host, port: sandboxPort)
                let stores = try await DemoSandbox.connectStores(on: app, endpoint: endpoint)
                try await DemoSandbox.connectRobot(on: app, base: "http://\(config.host):\(sandboxPort)")
                try await DemoSandbox.importTraffic(
                    on: app, base: "http://\(config.host):\(sandboxPort)", stores: stores, now: app.clock())
                try await DemoSandbox.syncOnce(on: app, stores: stores)
                text += "\nPlatform sandbox (Taobao Open Platform) at \(endpoint)\n"
                text += "  app_key \(DemoSandbox.appKey)  app_secret \(DemoSandbox.appSecret)\n"
                for store in stores {
                    text +=
                        "  \(store.name) (\(store.shopID)) syncs from it every 10 s: http://\(config.host):\(config.port)/stores/\(store.id)/sync\n"
                }
                if !config.runJobs { text += "  (DAIYUN_JOBS is off: run `daiyun sync --store \(stores.first?.shopID ?? "S")` to sync)\n" }
            }
            try await DemoContracts.settle(now: app.clock(), on: app)
            // Written unbuffered, so that the accounts show even when the output is a pipe or file.
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        } catch {
            await sandbox?.stop()
            try? await app.asyncShutdown()
            throw error
        }
        if noServe {
            try await app.asyncShutdown()
        } else {
            do {
                try await AppLauncher.serve(app)
            } catch {
                await sandbox?.stop()
                throw error
            }
            await sandbox?.stop()
        }
    }
}
