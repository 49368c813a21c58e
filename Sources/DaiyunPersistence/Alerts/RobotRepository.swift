import DaiyunCore
import DaiyunCrypto
import Fluent
import Foundation
import SQLKit

/// A delivery of an alert to a robot, as the robot's page lists it.
public struct RobotDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, sent, failed
    }

    public var id: UUID
    public var robotID: UUID
    public var alertID: UUID
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var sentAt: Date?
    /// The last failure in English, and as a message said in the reader's language.
    public var lastError: String?
    public var errorMessage: Message?
}

/// Robots (webhook and secret sealed with the secrets key) and the deliveries of alerts to them.
public struct RobotRepository: Sendable {
    let database: any Database
    let secrets: SecretBox

    public init(database: any Database, secrets: SecretBox) {
        self.database = database
        self.secrets = secrets
    }

    /// Adds a robot, audited without its webhook or secret.
    public func add(_ robot: Robot, by context: WriteContext) async throws -> Robot {
        try await database.audited(AuditTarget(agencyID: robot.agencyID, clientID: robot.clientID), by: context) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO robots (id, agency_id, client_id, store_id, kind, name, webhook, secret, language, enabled, created_at)
                VALUES (\(bind: robot.id), \(bind: robot.agencyID.rawValue), \(bind: robot.clientID.rawValue), \(bind: robot.storeID?.rawValue),
                    \(bind: robot.kind.rawValue), \(bind: robot.name), \(bind: secrets.seal(robot.webhook)),
                    \(bind: robot.secret.map(secrets.seal)), \(bind: robot.language.rawValue), \(bind: robot.enabled), \(bind: context.now))
                """
            ).run()
            return (
                robot,
                [
                    AuditRecord(
                        action: "robot.add", entityType: "robot", entityID: robot.id.uuidString.lowercased(), before: Shown?.none,
                        after: Shown(robot))
                ]
            )
        }
    }

    /// Renames a robot, changes the language of its messages or turns it on or off, audited; its
    /// webhook and secret stay as they are (to change those, add the robot again).
    public func update(_ robot: Robot, to changed: Robot, by context: WriteContext) async throws -> Robot {
        precondition(changed.id == robot.id && changed.webhook == robot.webhook && changed.secret == robot.secret)
        return try await database.audited(AuditTarget(agencyID: robot.agencyID, clientID: robot.clientID), by: context) { tx in
            try await tx.sql().raw(
                """
                UPDATE robots SET name = \(bind: changed.name), language = \(bind: changed.language.rawValue), enabled = \(bind: changed.enabled)
                WHERE id = \(bind: robot.id)
                """
            ).run()
            return (
                changed,
                [
                    AuditRecord(
                        action: "robot.update", entityType: "robot", entityID: robot.id.uuidString.lowercased(), before: Shown(robot),
                        after: Shown(changed))
                ]
            )
        }
    }

    /// Removes a robot and its deliveries, audited.
    public func remove(_ robot: Robot, by context: WriteContext) async throws {
        try await database.audited(AuditTarget(agencyID: robot.agencyID, clientID: robot.clientID), by: context) { tx in
            try await tx.sql().raw("DELETE FROM robot_deliveries WHERE robot_id = \(bind: robot.id)").run()
            try await tx.sql().raw("DELETE FROM robots WHERE id = \(bind: robot.id)").run()
            return (
                (),
                [
                    AuditRecord(
                        action: "robot.remove", entityType: "robot", entityID: robot.id.uuidString.lowercased(), before: Shown(robot),
                        after: Shown?.none)
                ]
            )
        }
    }

    /// A robot as the audit log keeps it: no webhook, no secret.
    struct Shown: Encodable {
        var kind: String
        var name: String
        var storeID: String?
        var language: String
        var enabled: Bool

        init(_ robot: Robot) {
            kind = robot.kind.rawValue
            name = robot.name
            storeID = robot.storeID?.description
            language = robot.language.rawValue
            enabled = robot.enabled
        }
    }

    /// The client's robots: those of one store and those of every store, or all of them.
    public func robots(of client: ID<Client>, store: ID<Store>? = nil) async throws -> [Robot] {
        let scope: any SQLExpression =
            store.map { SQLQueryString(" AND (store_id IS NULL OR store_id = \(bind: $0.rawValue))") } ?? SQLRaw("")
        return try await database.sql().raw(
            "SELECT * FROM robots WHERE client_id = \(bind: client.rawValue)\(scope) ORDER BY created_at, id"
        ).all()
            .map(robot)
    }

    public func robot(_ id: UUID) async throws -> Robot? {
        try await database.sql().raw("SELECT * FROM robots WHERE id = \(bind: id)").first().map(robot)
    }

    /// Queues each alert for each enabled robot of its store; returns how many deliveries that
    /// makes. Needs no secret: it reads the robots' ids only.
    public static func queue(_ alerts: [Alert], store: Store, now: Date, ids: any IDGenerator, on database: any Database) async throws
        -> Int
    {
        guard !alerts.isEmpty else { return 0 }
        let robots = try await database.sql().raw(
            """
            SELECT id FROM robots WHERE client_id = \(bind: store.clientID.rawValue) AND enabled = \(bind: true)
                AND (store_id IS NULL OR store_id = \(bind: store.id.rawValue))
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !robots.isEmpty else { return 0 }
        let insert = try database.sql().insert(into: "robot_deliveries")
            .columns("id", "robot_id", "alert_id", "status", "attempts", "next_attempt_at", "created_at")
        for robot in robots {
            for alert in alerts {
                insert.values(
                    SQLBind(ids.random()), SQLBind(robot), SQLBind(alert.id), SQLBind("pending"), SQLBind(Int64(0)), SQLBind(now),
                    SQLBind(now))
            }
        }
        try await insert.ignoringConflicts(with: ["robot_id", "alert_id"]).run()
        return robots.count * alerts.count
    }

    /// The robot's deliveries due now, oldest first, with their alerts.
    public func due(_ robot: Robot, now: Date) async throws -> [(delivery: RobotDelivery, alert: Alert)] {
        let rows = try await database.sql().raw(
            """
            SELECT d.id AS delivery_id, d.attempts AS delivery_attempts, d.next_attempt_at AS delivery_next, a.* FROM robot_deliveries d
            JOIN alerts a ON a.id = d.alert_id
            WHERE d.robot_id = \(bind: robot.id) AND d.status = 'pending' AND d.next_attempt_at <= \(bind: now)
            ORDER BY a.opened_at, a.id
            """
        ).all()
        return try rows.compactMap { row in
            guard let alert = try AlertRepository.alert(row) else { return nil }
            let delivery = RobotDelivery(
                id: try row.decode(column: "delivery_id", as: UUID.self), robotID: robot.id, alertID: alert.id, status: .pending,
                attempts: Int(try row.decode(column: "delivery_attempts", as: Int64.self)),
                nextAttemptAt: try row.decode(column: "delivery_next", as: Date.self))
            return (delivery, alert)
        }
    }

    /// The next time one of the robot's pending deliveries is due.
    public func nextDue(_ robot: Robot) async throws -> Date? {
        try await database.sql().raw(
            "SELECT MIN(next_attempt_at) AS next FROM robot_deliveries WHERE robot_id = \(bind: robot.id) AND status = 'pending'"
        ).first()?.decode(column: "next", as: Date?.self)
    }

    /// Messages the robot was sent since `since` (a digest counts once).
    public func messagesSent(_ robot: Robot, since: Date) async throws -> Int {
        try await database.sql().raw(
            """
            SELECT COUNT(DISTINCT message_id) AS n FROM robot_deliveries
            WHERE robot_id = \(bind: robot.id) AND status = 'sent' AND sent_at > \(bind: since)
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks deliveries sent in one message.
    public func sent(_ deliveries: [UUID], message: UUID, at now: Date) async throws {
        guard !deliveries.isEmpty else { return }
        try await database.sql().raw(
            """
            UPDATE robot_deliveries SET status = 'sent', sent_at = \(bind: now), message_id = \(bind: message), attempts = attempts + 1,
                last_error = NULL
            WHERE id IN \(SQLBind.group(deliveries))
            """
        ).run()
    }

    /// Puts deliveries off until `retryAt`, or (nil) gives them up, with what went wrong.
    public func failed(_ deliveries: [UUID], error: Message, retryAt: Date?) async throws {
        guard !deliveries.isEmpty else { return }
        let status = retryAt == nil ? "failed" : "pending"
        let next: any SQLExpression = retryAt.map { SQLBind($0) } ?? SQLColumn("next_attempt_at")
        try await database.sql().raw(
            """
            UPDATE robot_deliveries SET status = \(bind: status), attempts = attempts + 1, last_error = \(bind: String(error.english.prefix(300))),
                error_message = \(bind: JobQueue.json(error)), next_attempt_at = \(next)
            WHERE id IN \(SQLBind.group(deliveries))
            """
        ).run()
    }

    /// The robot's latest deliveries, newest first.
    public func deliveries(of robot: UUID, limit: Int = 20) async throws -> [RobotDelivery] {
        try await database.sql().raw(
            "SELECT * FROM robot_deliveries WHERE robot_id = \(bind: robot) ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(limit))"
        ).all().map { row in
            RobotDelivery(
                id: try row.decode(column: "id", as: UUID.self), robotID: robot, alertID: try row.decode(column: "alert_id", as: UUID.self),
                status: RobotDelivery.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                attempts: Int(try row.decode(column: "attempts", as: Int64.self)),
                nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date.self),
                sentAt: try row.decode(column: "sent_at", as: Date?.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                errorMessage: JobQueue.message(try row.decode(column: "error_message", as: String?.self)))
        }
    }

    func robot(_ row: any SQLRow) throws -> Robot {
        Robot(
            id: try row.decode(column: "id", as: UUID.self), agencyID: ID(try row.decode(column: "agency_id", as: UUID.self)),
            clientID: ID(try row.decode(column: "client_id", as: UUID.self)),
            storeID: try row.decode(column: "store_id", as: UUID?.self).map { ID($0) },
            kind: Robot.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .wecom,
            name: try row.decode(column: "name", as: String.self),
            webhook: try secrets.open(row.decode(column: "webhook", as: String.self)),
            secret: try row.decode(column: "secret", as: String?.self).map { try secrets.open($0) },
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .zhCN,
            enabled: try row.decode(column: "enabled", as: Bool.self))
    }
}
