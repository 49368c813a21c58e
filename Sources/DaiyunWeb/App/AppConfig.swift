import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import Foundation
import Logging

/// Every setting of the app, read once from flags and the environment. Nothing else reads the
/// environment.
public struct AppConfig: Sendable, Equatable {
    public var database: DatabaseLocation
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Send the session cookie over HTTPS only (set behind TLS).
    public var secureCookies: Bool
    /// bcrypt work factor for new password hashes.
    public var bcryptCost: Int
    /// Run the background jobs (channel sync, stock push, shipping) in this process while serving.
    public var runJobs: Bool
    /// Where the key that seals channel secrets comes from.
    public var secretsKey: SecretsKey
    /// The gateways store connections may call (`DAIYUN_ALLOWED_GATEWAYS` adds origins to the
    /// official ones).
    public var gateways: GatewayAllowList
    /// The folder holding `Resources/` and `Public/` (`DAIYUN_HOME`); unset, they are looked for.
    public var home: String?
    /// The app secret `daiyun sync connect` stores (`DAIYUN_APP_SECRET`: kept out of the command
    /// line and the shell history).
    public var channelAppSecret: String?
    /// The PostgreSQL server `daiyun bench` measures beside SQLite (`DAIYUN_BENCH_DATABASE_URL`).
    public var benchDatabaseURL: String?
    /// `daiyun bench` prints each filtered query's time (`DAIYUN_BENCH_VERBOSE` set).
    public var benchVerbose: Bool
    /// The server runs behind a proxy that sets `X-Forwarded-For` (`DAIYUN_TRUST_PROXY=true`): the
    /// client's address, which sign-in locks are counted by, is its first entry. Without a proxy
    /// the header is anyone's to write, so it is ignored.
    public var trustForwardedFor: Bool
    /// Where people open Daiyun (`DAIYUN_PUBLIC_URL`, such as https://daiyun.example.com): robot
    /// messages link each alert to its rows there. Unset, they carry no links.
    public var publicURL: String?

    /// The key sealing channel secrets at rest: given (`DAIYUN_SECRETS_KEY`, base64 of 32 bytes;
    /// the same on every instance sharing a database), or kept in a file, made on first use.
    public enum SecretsKey: Sendable, Equatable {
        case given(String)
        case file(path: String)
    }

    /// How log lines are written.
    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public init(
        database: DatabaseLocation, host: String = "127.0.0.1", port: Int = 8080,
        logLevel: Logger.Level = .info, logFormat: LogFormat = .text, secureCookies: Bool = false,
        bcryptCost: Int = 12, runJobs: Bool = false, secretsKey: SecretsKey = .given(SecretBox.newKeyText()),
        gateways: GatewayAllowList = GatewayAllowList(), home: String? = nil, channelAppSecret: String? = nil,
        benchDatabaseURL: String? = nil, benchVerbose: Bool = false, trustForwardedFor: Bool = false, publicURL: String? = nil
    ) {
        self.database = database
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.runJobs = runJobs
        self.secretsKey = secretsKey
        self.gateways = gateways
        self.home = home
        self.channelAppSecret = channelAppSecret
        self.benchDatabaseURL = benchDatabaseURL
        self.benchVerbose = benchVerbose
        self.trustForwardedFor = trustForwardedFor
        self.publicURL = publicURL
    }

    /// Values given on the command line; they win over the environment.
    public struct Flags: Sendable {
        public var databasePath: String?
        public var host: String?
        public var port: Int?

        public init(databasePath: String? = nil, host: String? = nil, port: Int? = nil) {
            self.databasePath = databasePath
            self.host = host
            self.port = port
        }
    }

    /// Every bad or missing setting, reported together.
    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String {
            "configuration has \(messages.count) problem(s):\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Builds the configuration from flags and the environment, collecting every problem.
    public static func load(flags: Flags, environment: [String: String]) throws -> AppConfig {
        var problems: [String] = []
        let database: DatabaseLocation
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if flags.databasePath != nil {
                problems.append("--db and DATABASE_URL are both set: choose SQLite (--db) or PostgreSQL (DATABASE_URL)")
            }
            if !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) || URLComponents(string: url)?.host == nil {
                problems.append("DATABASE_URL must be a postgres:// URL with a host, got \(DatabaseLocation.redacted(url))")
            }
            database = .postgres(url: url)
        } else {
            let path = flags.databasePath ?? environment["DAIYUN_DB"] ?? "daiyun.sqlite"
            if path.isEmpty { problems.append("--db / DAIYUN_DB must not be empty") }
            database = .sqlite(path: path)
        }

        let host = flags.host ?? environment["DAIYUN_HOST"] ?? "127.0.0.1"
        if host.isEmpty { problems.append("DAIYUN_HOST must not be empty") }

        var port = 8080
        if let given = flags.port {
            port = given
        } else if let text = environment["DAIYUN_PORT"] {
            if let parsed = Int(text) { port = parsed } else { problems.append("DAIYUN_PORT must be a number, got \(text)") }
        }
        if !(1...65535).contains(port) { problems.append("port must be 1–65535, got \(port)") }

        var level = Logger.Level.info
        if let text = environment["DAIYUN_LOG_LEVEL"] {
            if let parsed = Logger.Level(rawValue: text.lowercased()) {
                level = parsed
            } else {
                problems.append("DAIYUN_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical; got \(text)")
            }
        }
        var format = LogFormat.text
        if let text = environment["DAIYUN_LOG_FORMAT"] {
            if let parsed = LogFormat(rawValue: text.lowercased()) {
                format = parsed
            } else {
                problems.append("DAIYUN_LOG_FORMAT must be text or json, got \(text)")
            }
        }
        var secure = false
        if let text = environment["DAIYUN_SECURE_COOKIES"] {
            switch text.lowercased() {
            case "1", "true", "yes": secure = true
            case "0", "false", "no": secure = false
            default: problems.append("DAIYUN_SECURE_COOKIES must be true or false, got \(text)")
            }
        }
        var jobs = true
        if let text = environment["DAIYUN_JOBS"] {
            switch text.lowercased() {
            case "1", "true", "yes": jobs = true
            case "0", "false", "no": jobs = false
            default: problems.append("DAIYUN_JOBS must be true or false, got \(text)")
            }
        }
        var proxy = false
        if let text = environment["DAIYUN_TRUST_PROXY"] {
            switch text.lowercased() {
            case "1", "true", "yes": proxy = true
            case "0", "false", "no": proxy = false
            default: problems.append("DAIYUN_TRUST_PROXY must be true or false, got \(text)")
            }
        }
        // By default the key file sits beside the SQLite file it belongs to (or in the working folder for PostgreSQL).
        let defaultKeyFile = if case .sqlite(let path) = database { path + ".key" } else { "daiyun.key" }
        var secretsKey = SecretsKey.file(path: environment["DAIYUN_SECRETS_KEY_FILE"] ?? defaultKeyFile)
        if let text = environment["DAIYUN_SECRETS_KEY"], !text.isEmpty {
            do {
                _ = try SecretBox(base64Key: text)
                secretsKey = .given(text)
            } catch {
                problems.append("DAIYUN_SECRETS_KEY: \(error.description)")
            }
        }
        if case .file(let path) = secretsKey, path.isEmpty { problems.append("DAIYUN_SECRETS_KEY_FILE must not be empty") }
        var gateways = GatewayAllowList()
        for origin in (environment["DAIYUN_ALLOWED_GATEWAYS"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !origin.isEmpty {
            guard let url = URLComponents(string: origin), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                url.path.isEmpty
            else {
                problems.append("DAIYUN_ALLOWED_GATEWAYS must list origins such as http://127.0.0.1:8090, got \(origin)")
                continue
            }
            gateways.extra.append(origin)
        }
        var publicURL: String?
        if let text = environment["DAIYUN_PUBLIC_URL"], !text.isEmpty {
            let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
            if let url = URLComponents(string: trimmed), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                url.query == nil
            {
                publicURL = trimmed
            } else {
                problems.append("DAIYUN_PUBLIC_URL must be an http:// or https:// address such as https://daiyun.example.com, got \(text)")
            }
        }
        guard problems.isEmpty else { throw Problems(messages: problems) }
        return AppConfig(
            database: database, host: host, port: port, logLevel: level, logFormat: format, secureCookies: secure, runJobs: jobs,
            secretsKey: secretsKey, gateways: gateways, home: environment["DAIYUN_HOME"],
            channelAppSecret: environment["DAIYUN_APP_SECRET"].flatMap { $0.isEmpty ? nil : $0 },
            benchDatabaseURL: environment["DAIYUN_BENCH_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            benchVerbose: environment["DAIYUN_BENCH_VERBOSE"] != nil, trustForwardedFor: proxy, publicURL: publicURL)
    }
}
