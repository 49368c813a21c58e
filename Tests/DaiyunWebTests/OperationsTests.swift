import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import DaiyunTestSupport
import DaiyunWebTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DaiyunWeb

@Suite("Operations")
struct OperationsTests {
    @Test("/healthz answers ok and /metrics counts requests by route", arguments: TestDatabase.available)
    func healthAndMetrics(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let tester = try app.testing()
            let health = try await tester.sendRequest(.GET, "/healthz")
            #expect(health.status == .ok && health.body.string.contains("ok"))
            _ = try await tester.sendRequest(.GET, "/login")
            let metrics = try await tester.sendRequest(.GET, "/metrics")
            let text = metrics.body.string
            #expect(metrics.headers.contentType?.type == "text")
            #expect(text.contains(#"daiyun_http_requests_total{method="GET",route="/login",status="200"} 1"#))
            #expect(text.contains("daiyun_http_request_duration_seconds_bucket"))
            #expect(text.contains("daiyun_db_up 1"))
            #expect(text.contains("daiyun_db_pool_max_connections"))
        }
    }

    @Test("configuration reports every bad key at once")
    func configProblems() {
        let env = [
            "DATABASE_URL": "mysql://x", "DAIYUN_PORT": "eighty", "DAIYUN_LOG_LEVEL": "loud", "DAIYUN_SECURE_COOKIES": "maybe",
            "DAIYUN_SECRETS_KEY": "c2hvcnQ=",
        ]
        #expect {
            _ = try AppConfig.load(flags: .init(databasePath: "x.sqlite"), environment: env)
        } throws: { error in
            guard let problems = error as? AppConfig.Problems else { return false }
            return problems.messages.count == 6
                && problems.messages.contains { $0.contains("DAIYUN_SECRETS_KEY") && $0.contains("32 bytes") }
        }
    }

    @Test("DAIYUN_ALLOWED_GATEWAYS adds origins to the official gateways; anything but an origin is a problem")
    func configGateways() throws {
        #expect(try AppConfig.load(flags: .init(), environment: [:]).gateways == GatewayAllowList())
        let config = try AppConfig.load(
            flags: .init(), environment: ["DAIYUN_ALLOWED_GATEWAYS": "http://127.0.0.1:8090, https://top.example.test"])
        #expect(config.gateways.extra == ["http://127.0.0.1:8090", "https://top.example.test"])
        #expect(config.gateways.allows("http://127.0.0.1:8090/router/rest") && !config.gateways.allows("http://127.0.0.1:9/router/rest"))
        #expect(throws: AppConfig.Problems.self) {
            _ = try AppConfig.load(flags: .init(), environment: ["DAIYUN_ALLOWED_GATEWAYS": "127.0.0.1, http://x/router/rest"])
        }
    }

    @Test("DAIYUN_PUBLIC_URL is where robot messages link to; anything but an http(s) address is a problem")
    func configPublicURL() throws {
        #expect(try AppConfig.load(flags: .init(), environment: [:]).publicURL == nil)
        #expect(
            try AppConfig.load(flags: .init(), environment: ["DAIYUN_PUBLIC_URL": "https://daiyun.example.com/"]).publicURL
                == "https://daiyun.example.com")
        for bad in ["daiyun.example.com", "ftp://x", "https://x/?a=1"] {
            #expect(throws: AppConfig.Problems.self) { _ = try AppConfig.load(flags: .init(), environment: ["DAIYUN_PUBLIC_URL": bad]) }
        }
    }

    @Test("configuration defaults to the SQLite file; DATABASE_URL selects PostgreSQL; secrets are not logged")
    func configDefaults() throws {
        let sqlite = try AppConfig.load(flags: .init(), environment: [:])
        #expect(sqlite.database == .sqlite(path: "daiyun.sqlite") && sqlite.port == 8080 && sqlite.host == "127.0.0.1")
        let pg = try AppConfig.load(flags: .init(port: 9000), environment: ["DATABASE_URL": "postgres://u:secret@db:5432/daiyun"])
        #expect(pg.database == .postgres(url: "postgres://u:secret@db:5432/daiyun") && pg.port == 9000)
        #expect(!pg.database.description.contains("secret"))
        #expect(sqlite.secretsKey == .file(path: "daiyun.sqlite.key") && pg.secretsKey == .file(path: "daiyun.key"))
        let key = SecretBox.newKeyText()
        #expect(try AppConfig.load(flags: .init(), environment: ["DAIYUN_SECRETS_KEY": key]).secretsKey == .given(key))
    }

    @Test("the secrets key file is made once, owner-only, and a malformed one is reported, never replaced")
    func secretsKeyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("daiyun-\(UUID()).key").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let logger = Logger(label: "test")
        let made = try AppConfig.SecretsKey.file(path: path).box(logger: logger)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try AppConfig.SecretsKey.file(path: path).box(logger: logger)
        #expect(try again.open(made.seal("s")) == "s", "the second start reads the same key")

        try Data("not a key".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SecretsKeyFileError.self) { try AppConfig.SecretsKey.file(path: path).box(logger: logger) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a key", "the file is left as it was")
    }

    @Test("unknown pages get a localised error page, not a crash", arguments: TestDatabase.available)
    func errorPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let response = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(response.status == .notFound && response.body.string.contains("找不到该页面"))
        }
    }

    @Test("the favicon is served, as the icon the pages name and where browsers look for it", arguments: TestDatabase.available)
    func favicon(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let ico = try await app.testing().sendRequest(.GET, "/favicon.ico")
            #expect(ico.status == .ok && ico.body.readableBytes > 0 && ico.body.getBytes(at: 0, length: 4) == [0, 0, 1, 0])
            let svg = try await app.testing().sendRequest(.GET, "/favicon.svg")
            #expect(svg.status == .ok && svg.body.string.contains("<svg"))
            let login = try await app.testing().sendRequest(.GET, "/login")
            #expect(login.body.string.contains(#"<link rel="icon" href="/favicon.svg""#))
        }
    }
}
