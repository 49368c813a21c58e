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
        let sandbox = DemoSandbox(ordersPerMinute: ordersPerMinute, callsPerSecond: callsPerSecond)
        var text = "\nDaiyun platform sandbox — http://\(host):\(port)/router/rest\n\n"
        text += "  app_key \(DemoSandbox.appKey)  app_secret \(DemoSandbox.appSecret)\n"
        for shop in sandbox.shops { text += "  shop \(shop.nick)  session \(shop.session)  trades \(await shop.tradeCount)\n" }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))

        let app = try await Application.make(Environment(name: "production", arguments: ["daiyun", "serve"]))
        SandboxServer.routes(app, gateway: sandbox.gateway, shops: sandbox.shops)
        app.http.server.configuration.hostname = host
        app.http.server.configuration.port = port
        let living = Task { await SandboxServer.live(sandbox.shops) }
        defer { living.cancel() }
        do {
            try await app.execute()
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
