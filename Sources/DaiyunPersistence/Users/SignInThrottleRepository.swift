import DaiyunCore
import Fluent
import Foundation

/// Failed sign-ins per login name. Security counters, not business data: not audited.
public struct SignInThrottleRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func throttle(for login: String) async throws -> SignInThrottle {
        guard let model = try await find(login) else { return SignInThrottle() }
        return SignInThrottle(failures: model.failures, lockedUntil: model.lockedUntil)
    }

    public func save(_ throttle: SignInThrottle, for login: String) async throws {
        let model = try await find(login) ?? {
            let fresh = SignInThrottleModel()
            fresh.id = UUID.random()
            fresh.login = Self.key(login)
            return fresh
        }()
        model.failures = throttle.failures
        model.lockedUntil = throttle.lockedUntil
        try await model.save(on: database)
    }

    public func reset(_ login: String) async throws {
        try await SignInThrottleModel.query(on: database).filter(\.$login == Self.key(login)).delete()
    }

    private func find(_ login: String) async throws -> SignInThrottleModel? {
        try await SignInThrottleModel.query(on: database).filter(\.$login == Self.key(login)).first()
    }

    private static func key(_ login: String) -> String {
        String(login.trimmingCharacters(in: .whitespaces).lowercased().prefix(80))
    }
}
