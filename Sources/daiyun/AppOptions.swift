import ArgumentParser
import DaiyunPersistence
import DaiyunWeb
import Foundation
import Logging
import Vapor

/// Flags every command that opens the database shares.
struct AppOptions: ParsableArguments {
    @ArgumentParser.Option(
        name: .customLong("db"), help: "SQLite file (default daiyun.sqlite; DATABASE_URL=postgres://… selects PostgreSQL).")
    var databasePath: String?

    @ArgumentParser.Option(help: "Address to listen on (default 127.0.0.1, or DAIYUN_HOST).")
    var host: String?

    @ArgumentParser.Option(help: "Port to listen on (default 8080, or DAIYUN_PORT).")
    var port: Int?

    /// The configuration from these flags and the environment; every problem reported at once.
    func config() throws -> AppConfig {
        do {
            return try AppConfig.load(
                flags: .init(databasePath: databasePath, host: host, port: port),
                environment: ProcessInfo.processInfo.environment
            )
        } catch let problems as AppConfig.Problems {
            throw ValidationError(problems.description)
        }
    }
}

/// Builds the app the commands run: logging, configuration, Vapor application.
enum AppLauncher {
    /// Bootstraps logging once, then configures a production app.
    static func makeApp(_ config: AppConfig) async throws -> Application {
        LoggingSystem.bootstrap { label in
            switch config.logFormat {
            case .json: return JSONLogHandler(label: label, level: config.logLevel)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = config.logLevel
                return handler
            }
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["daiyun"]))
        app.logger.logLevel = config.logLevel
        do {
            try await configure(app, config: config)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Applies pending migrations and logs each one applied.
    static func migrate(_ app: Application) async throws -> [String] {
        let applied = try await MigrationRunner.migrate(app)
        if applied.isEmpty {
            app.logger.info("database is up to date")
        }
        for name in applied {
            app.logger.info("applied migration \(name)")
        }
        return applied
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    static func serve(_ app: Application) async throws {
        app.environment.arguments = ["daiyun", "serve"]
        try await app.execute()
        try await app.asyncShutdown()
    }

    /// Runs `body` with the app, shutting it down afterwards whatever happens.
    static func with<T>(_ config: AppConfig, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await makeApp(config)
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
