import ArgumentParser
import DaiyunWeb
import Foundation

/// `daiyun demo`: creates the demo agency if absent, prints its accounts and serves the app.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Create the demo agency (once), print its accounts and serve the app.")

    @OptionGroup var options: AppOptions

    @ArgumentParser.Flag(help: "Create the demo data and print the accounts, but do not serve.")
    var noServe = false

    func run() async throws {
        let config = try options.config()
        let app = try await AppLauncher.makeApp(config)
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
                text += "  \(account.login.padding(toLength: width, withPad: " ", startingAt: 0))  \(account.password)  \(account.description)\n"
            }
            // Written unbuffered, so that the accounts show even when the output is a pipe or file.
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        if noServe {
            try await app.asyncShutdown()
        } else {
            try await AppLauncher.serve(app)
        }
    }
}
