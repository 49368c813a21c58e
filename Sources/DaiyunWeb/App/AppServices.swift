import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation
import Vapor

/// What every request handler reaches: the clock, the id generator and the configuration. Set in `configure`.
struct AppServices: Sendable {
    var config: AppConfig
    var now: @Sendable () -> Date
    var ids: any IDGenerator
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

    /// Replaces the id generator; tests use it to know the ids of the rows they cause.
    public func setIDs(_ ids: any IDGenerator) {
        services.ids = ids
    }

    /// The app's clock, for what runs outside a request (commands, the demo, the benchmark).
    public var clock: @Sendable () -> Date { services.now }

    /// The app's id generator, for what runs outside a request.
    public var ids: any IDGenerator { services.ids }

    /// A background writer's context: the app's clock and ids.
    public func writeContext(actor: String) -> WriteContext {
        WriteContext(actor: actor, now: services.now(), ids: services.ids)
    }
}

extension Request {
    var now: Date { application.services.now() }
    var ids: any IDGenerator { application.services.ids }
    var tenancy: TenancyRepository { TenancyRepository(database: db) }
    var users: UserRepository { UserRepository(database: db) }
    var tokens: APITokenRepository { APITokenRepository(database: db) }
    var throttles: SignInThrottleRepository { SignInThrottleRepository(database: db, ids: ids) }
    var auditLog: AuditLogRepository { AuditLogRepository(database: db) }

    /// The write context of the signed-in user.
    func writeContext() throws -> WriteContext {
        WriteContext(actor: "user:\(try currentUser().user.login)", now: now, ids: ids)
    }
}
