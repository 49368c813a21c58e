import ArgumentParser
import DaiyunSandbox
import DaiyunWeb
import Foundation
import Vapor

/// `daiyun sandbox`: the Taobao Open Platform sandbox for the demo stores, on its own port.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the Taobao Open Platform sandbox (/router/rest) with the demo stores living in it."
    )

    @ArgumentParser.Option(help: "Port to listen on.")
    var port = 8090

    @ArgumentParser.Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @ArgumentParser.Option(help: "New orders per minute in each shop.")
    var ordersPerMinute = 6.0

    @ArgumentParser.Option(help: "Calls per second one session may make before it is rate limited.")
    var callsPerSecond = 100

    func run() async throws {
        let sandbox = DemoSandbox.make(ordersPerMinute: ordersPerMinute, callsPerSecond: callsPerSecond)
        var text = "\nDaiyun platform sandbox — http://\(host):\(port)/router/rest\n\n"
        text += "  app_key \(DemoSandbox.appKey)  app_secret \(DemoSandbox.appSecret)\n"
        for shop in sandbox.shops { text += "  shop \(shop.nick)  session \(shop.session)  trades \(await shop.tradeCount)\n" }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))

        let app = try await Application.make(Environment(name: "production", arguments: ["daiyun", "serve"]))
        SandboxServer.routes(app, gateway: sandbox.gateway, shops: sandbox.shops)
        app.http.server.configuration.hostname = host
        app.http.server.configuration.port = port
        let living = Task { await SandboxServer.live(sandbox.shops) }
        do {
            try await app.execute()
        } catch {
            living.cancel()
            try await app.asyncShutdown()
            throw error
        }
        living.cancel()
        try await app.asyncShutdown()
    }
}

/// The sandbox as the demo runs it: one app key, one shop per demo Tmall store.
enum DemoSandbox {
    static let appKey = "daiyun-demo-app"
    static let appSecret = "daiyun-demo-sandbox-secret"

    static func make(ordersPerMinute: Double, callsPerSecond: Int) -> (gateway: SandboxGateway, shops: [SandboxShop]) {
        let shops = DemoData.sandboxStores().enumerated().map { index, store in
            SandboxShop(nick: store.shopID, session: "sandbox-session-\(store.shopID)", skus: store.skus, baseOrdersPerDay: store.ordersPerDay,
                        seed: UInt64(index + 1), pace: .init(ordersPerMinute: ordersPerMinute))
        }
        return (SandboxGateway(apps: [appKey: appSecret], shops: shops, callsPerSecond: callsPerSecond), shops)
    }
}
