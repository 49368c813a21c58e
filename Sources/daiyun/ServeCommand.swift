import ArgumentParser
import DaiyunPersistence

/// `daiyun serve`: applies pending migrations, then serves the web app and API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Apply pending migrations and serve the app.")

    @OptionGroup var options: AppOptions

    func run() async throws {
        let config = try options.config()
        let app = try await AppLauncher.makeApp(config)
        app.logger.info("database: \(config.database)")
        _ = try await AppLauncher.migrate(app)
        try await AppLauncher.serve(app)
    }
}

/// `daiyun migrate`: applies pending migrations and says which.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: AppOptions

    func run() async throws {
        let config = try options.config()
        let applied = try await AppLauncher.with(config) { try await AppLauncher.migrate($0) }
        print(applied.isEmpty ? "\(config.database): up to date" : "\(config.database): applied \(applied.joined(separator: ", "))")
    }
}
