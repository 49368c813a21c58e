import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// What every request handler reaches: the clock and the configuration. Set in `configure`.
struct AppServices: Sendable {
    var config: AppConfig
    var now: @Sendable () -> Date
    var metrics: AppMetrics
    /// A bcrypt hash of a random password at the configured cost, verified against when a
    /// sign-in name is unknown.
    var decoyPasswordHash: String
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AppServices }

    var services: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:config:) was not called") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }

    /// Replaces the clock; tests use it to move time forward.
    public func setClock(_ now: @escaping @Sendable () -> Date) {
        services.now = now
    }
}

extension Request {
    var now: Date { application.services.now() }
    var tenancy: TenancyRepository { TenancyRepository(database: db) }
    var users: UserRepository { UserRepository(database: db) }
    var tokens: APITokenRepository { APITokenRepository(database: db) }
    var throttles: SignInThrottleRepository { SignInThrottleRepository(database: db) }
    var auditLog: AuditLogRepository { AuditLogRepository(database: db) }

    /// The write context of the signed-in user.
    func writeContext() throws -> WriteContext {
        WriteContext(actor: "user:\(try currentUser().user.login)", now: now)
    }
}
