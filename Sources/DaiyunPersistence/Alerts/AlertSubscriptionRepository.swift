import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Each person's choice of which alerts of each store reach their inbox (a preference of their
/// own, not an agency action: not audited).
public struct AlertSubscriptionRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The person's choices, by store; a store missing sends all its alerts.
    public func subscriptions(of user: ID<User>) async throws -> [ID<Store>: AlertSubscription] {
        var choices: [ID<Store>: AlertSubscription] = [:]
        for row in try await database.sql().select().columns("store_id", "level").from("alert_subscriptions")
            .where("user_id", .equal, SQLBind(user.rawValue)).all()
        {
            guard let level = AlertSubscription(rawValue: try row.decode(column: "level", as: String.self)) else { continue }
            choices[ID(try row.decode(column: "store_id", as: UUID.self))] = level
        }
        return choices
    }

    /// Keeps the person's choice for the store (`all` is kept as no choice).
    public func set(_ level: AlertSubscription, user: ID<User>, store: ID<Store>) async throws {
        try await database.sql().delete(from: "alert_subscriptions").where("user_id", .equal, SQLBind(user.rawValue))
            .where("store_id", .equal, SQLBind(store.rawValue)).run()
        guard level != .all else { return }
        try await database.sql().insert(into: "alert_subscriptions").columns("user_id", "store_id", "level")
            .values(SQLBind(user.rawValue), SQLBind(store.rawValue), SQLBind(level.rawValue)).run()
    }
}
