import ArgumentParser
import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation

/// `daiyun sync --store S [--since T]`: one store's order and refund sync, now, with a progress bar.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync one store's orders and refunds from its channel now.",
        discussion:
            "Starts from the stored cursor (minus a 5-minute overlap), or 90 days back on a first sync; --since re-syncs from a time (yyyy-MM-dd HH:mm:ss, Beijing time)."
    )

    @OptionGroup var options: AppOptions

    @ArgumentParser.Option(help: "Store id, channel shop id or exact name.")
    var store: String

    @ArgumentParser.Option(help: "Re-sync from this time (yyyy-MM-dd HH:mm:ss, Beijing time).")
    var since: String?

    func run() async throws {
        let start = try since.map { text in
            guard let date = ShanghaiTime.parse(text) else { throw ValidationError("--since must be yyyy-MM-dd HH:mm:ss, got \(text)") }
            return date
        }
        let app = try await AppLauncher.makeApp(try options.config())
        do {
            _ = try await AppLauncher.migrate(app)
            let store = try await StoreLookup.find(self.store, in: app.db)
            guard let connection = try await app.channelConnections.connection(store: store.id) else {
                throw ValidationError("\(store.name) has no channel connection: connect it with `daiyun connect` or on its sync page")
            }
            let bars = ["orders": ProgressBar(label: "orders "), "refunds": ProgressBar(label: "refunds")]
            let began = ContinuousClock.now
            var sync = TaobaoSync(database: app.db, client: TOPClient(connection: connection), store: store)
            (sync.clock, sync.ids) = (app.clock, app.ids)
            let report = try await sync.run(since: start, now: app.clock()) { progress in
                bars[progress.kind]?.update(progress.windowsDone, of: progress.windows)
            }
            for bar in bars.values { bar.finish() }
            let seconds = BenchRuns.seconds(since: began)
            print(
                """
                \(store.name): \(report.summary)
                  orders: \(report.orders.windows) windows, \(report.orders.pages) pages, \(report.orders.counts.unchanged) unchanged, \(report.orders.details) read in full
                  synced until \(ShanghaiTime.format(report.orders.until ?? app.clock())) in \(String(format: "%.1f", seconds)) s \
                (\(String(format: "%.0f", Double(report.orders.fetched) / max(seconds, 0.001))) orders/s)
                """)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// `daiyun connect --store S …`: stores how Daiyun reaches a store's open platform.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect", abstract: "Connect a store to its channel's open platform (Taobao TOP).")

    @OptionGroup var options: AppOptions

    @ArgumentParser.Option(help: "Store id, channel shop id or exact name.")
    var store: String

    @ArgumentParser.Option(help: "Gateway address, e.g. https://eco.taobao.com/router/rest or the sandbox's.")
    var endpoint: String

    @ArgumentParser.Option(help: "App key.")
    var appKey: String

    @ArgumentParser.Option(help: "Seller session (access token).")
    var session: String

    @ArgumentParser.Option(help: "Sign method: md5, hmac or hmac-sha256.")
    var signMethod = "hmac-sha256"

    @ArgumentParser.Option(help: "Seconds between scheduled syncs.")
    var every = 60

    func run() async throws {
        let config = try options.config()
        guard let secret = config.channelAppSecret else {
            throw ValidationError("set DAIYUN_APP_SECRET to the app secret (kept out of the command line and shell history)")
        }
        let app = try await AppLauncher.makeApp(config)
        do {
            _ = try await AppLauncher.migrate(app)
            let store = try await StoreLookup.find(self.store, in: app.db)
            let draft = try ConnectionDraft(
                channel: store.channel, endpoint: endpoint, appKey: appKey, appSecret: secret, session: session,
                signMethod: signMethod, syncEverySeconds: String(every), gateways: config.gateways)
            try await app.channelConnections.connect(
                ChannelConnection(draft, store: store.id), store: store,
                by: app.writeContext(actor: "cli:connect"))
            print("\(store.name) connected to \(endpoint) (app key \(appKey)); it syncs every \(every) s while `daiyun serve` runs")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
