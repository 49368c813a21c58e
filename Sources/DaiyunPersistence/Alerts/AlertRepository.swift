import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Stores' alert rules and the alerts they raise. An evaluation's firings open an alert for a
/// rule and subject that has none unresolved, refresh the one it has, and resolve those whose
/// condition cleared; people acknowledge and resolve them, audited in the client's chain.
public struct AlertRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The store's rules, one per kind, the missing ones made with the defaults.
    public func rules(of store: ID<Store>, ids: any IDGenerator, now: Date) async throws -> [AlertRule] {
        let rows = AlertKind.allCases.map { kind in
            let rule = AlertRule.standard(kind, store: store, id: ids.random())
            return [
                SQLBind(rule.id), SQLBind(store.rawValue), SQLBind(kind.rawValue), SQLBind(Int64(rule.threshold)),
                SQLBind(rule.severity.rawValue), SQLBind(true), SQLBind(now),
            ]
        }
        let insert = try database.sql().insert(into: "alert_rules")
            .columns("id", "store_id", "kind", "threshold", "severity", "enabled", "updated_at")
        for row in rows { insert.values(row) }
        try await insert.ignoringConflicts(with: ["store_id", "kind"]).run()
        return try await database.sql().select().columns("id", "kind", "threshold", "severity", "enabled").from("alert_rules")
            .where("store_id", .equal, SQLBind(store.rawValue)).all().compactMap { row in
                guard let kind = AlertKind(rawValue: try row.decode(column: "kind", as: String.self)),
                    let severity = AlertSeverity(rawValue: try row.decode(column: "severity", as: String.self))
                else { return nil }
                return AlertRule(
                    id: try row.decode(column: "id", as: UUID.self), storeID: store, kind: kind,
                    threshold: Int(try row.decode(column: "threshold", as: Int64.self)), severity: severity,
                    enabled: try row.decode(column: "enabled", as: Bool.self))
            }.sorted { AlertKind.allCases.firstIndex(of: $0.kind)! < AlertKind.allCases.firstIndex(of: $1.kind)! }
    }

    /// Changes a rule's threshold, severity or switch, audited.
    public func update(_ rule: AlertRule, to changed: AlertRule, store: Store, by context: WriteContext) async throws -> AlertRule {
        guard changed != rule else { return rule }
        return try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            try await tx.sql().update("alert_rules")
                .set("threshold", to: SQLBind(Int64(changed.threshold))).set("severity", to: SQLBind(changed.severity.rawValue))
                .set("enabled", to: SQLBind(changed.enabled)).set("updated_at", to: SQLBind(context.now))
                .where("id", .equal, SQLBind(rule.id)).run()
            return (
                changed,
                [
                    AuditRecord(
                        action: "alert_rule.update", entityType: "alert_rule", entityID: rule.id.uuidString.lowercased(), before: rule,
                        after: changed)
                ]
            )
        }
    }

    /// Records an evaluation of the store's `rules`: returns the alerts it opened.
    public func record(_ firings: [AlertFiring], store: Store, ids: any IDGenerator, now: Date) async throws -> [Alert] {
        try await database.transaction { tx in
            let sql = try tx.sql()
            var opened: [Alert] = []
            for firing in firings {
                let id = ids.random()
                let link = firing.link.stored
                let args = String(decoding: try JSONEncoder().encode(firing.message.arguments), as: UTF8.self)
                let inserted = try await sql.raw(
                    """
                    INSERT INTO alerts (id, agency_id, client_id, store_id, rule_id, kind, subject, severity, status, message_key, message_args,
                        message_english, link_kind, link_ref, opened_at, last_seen_at)
                    VALUES (\(bind: id), \(bind: store.agencyID.rawValue), \(bind: store.clientID.rawValue), \(bind: store.id.rawValue),
                        \(bind: firing.rule.id), \(bind: firing.rule.kind.rawValue), \(bind: firing.subject), \(bind: firing.rule.severity.rawValue),
                        'open', \(bind: firing.message.key), \(bind: args), \(bind: firing.message.english), \(bind: link.kind), \(bind: link.ref),
                        \(bind: now), \(bind: now))
                    ON CONFLICT (rule_id, subject) WHERE status <> 'resolved' DO NOTHING RETURNING id
                    """
                ).all()
                if inserted.isEmpty {
                    try await sql.raw(
                        """
                        UPDATE alerts SET last_seen_at = \(bind: now), message_key = \(bind: firing.message.key), message_args = \(bind: args),
                            message_english = \(bind: firing.message.english), link_kind = \(bind: link.kind), link_ref = \(bind: link.ref)
                        WHERE rule_id = \(bind: firing.rule.id) AND subject = \(bind: firing.subject) AND status <> 'resolved'
                        """
                    ).run()
                } else {
                    opened.append(
                        Alert(
                            id: id, storeID: store.id, ruleID: firing.rule.id, kind: firing.rule.kind, subject: firing.subject,
                            severity: firing.rule.severity, status: .open, message: firing.message, link: firing.link, openedAt: now,
                            lastSeenAt: now))
                }
            }
            // What no longer fires is over: its condition cleared, or its rule was switched off.
            let firing = Set(firings.map { "\($0.rule.id)|\($0.subject)" })
            for row in try await sql.raw(
                "SELECT id, rule_id, subject FROM alerts WHERE store_id = \(bind: store.id.rawValue) AND status <> 'resolved'"
            ).all() {
                let key = "\(try row.decode(column: "rule_id", as: UUID.self))|\(try row.decode(column: "subject", as: String.self))"
                guard !firing.contains(key) else { continue }
                try await sql.raw(
                    """
                    UPDATE alerts SET status = 'resolved', resolved_at = \(bind: now), resolved_by = 'job:alerts'
                    WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))
                    """
                ).run()
            }
            return opened
        }
    }

    /// The stores' unresolved alerts (open before acknowledged, the most severe and newest first),
    /// or their resolved ones, newest first; of each store only the severities its subscription
    /// lets through (all of them for a store not named), chosen in the query, before the limit.
    public func alerts(
        of stores: [ID<Store>], resolved: Bool = false, receiving subscriptions: [ID<Store>: AlertSubscription] = [:], limit: Int = 200
    ) async throws -> [Alert] {
        let levels = Dictionary(grouping: stores) { subscriptions[$0] ?? .all }.filter { $0.key != .none }
        guard !levels.isEmpty else { return [] }
        let received = SQLList(
            levels.sorted { $0.key.rawValue < $1.key.rawValue }.map { level, ids -> any SQLExpression in
                let severities = AlertSeverity.allCases.filter(level.shows).map(\.rawValue)
                return SQLQueryString(
                    "(store_id IN \(SQLBind.group(ids.map(\.rawValue))) AND severity IN \(SQLBind.group(severities)))")
            }, separator: SQLRaw(" OR "))
        let statusFilter = SQLRaw(resolved ? " AND status = 'resolved'" : " AND status <> 'resolved'")
        let rows = try await database.sql().raw(
            """
            SELECT * FROM alerts WHERE (\(received))\(statusFilter)
            ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END,
                CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, opened_at DESC, id
            LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
        return try rows.compactMap(Self.alert)
    }

    /// Each store's open alerts (acknowledged ones are being handled).
    public func openCounts(of stores: [ID<Store>]) async throws -> [ID<Store>: Int] {
        var counts = Dictionary(uniqueKeysWithValues: stores.map { ($0, 0) })
        guard !stores.isEmpty else { return counts }
        for row in try await database.sql().raw(
            """
            SELECT store_id, COUNT(*) AS n FROM alerts WHERE store_id IN \(SQLBind.group(stores.map(\.rawValue))) AND status = 'open'
            GROUP BY store_id
            """
        ).all() {
            counts[ID(try row.decode(column: "store_id", as: UUID.self))] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    public func alert(_ id: UUID) async throws -> Alert? {
        try await database.sql().raw("SELECT * FROM alerts WHERE id = \(bind: id)").first().flatMap(Self.alert)
    }

    /// Acknowledges (someone is on it) or resolves an alert, audited; an alert already past that
    /// step is left as it is.
    public func move(_ alert: Alert, to status: AlertStatus, store: Store, by context: WriteContext) async throws -> Alert {
        let allowed: [AlertStatus] = status == .acknowledged ? [.open] : [.open, .acknowledged]
        guard status != .open, allowed.contains(alert.status) else { return alert }
        var moved = alert
        moved.status = status
        if status == .acknowledged {
            (moved.acknowledgedAt, moved.acknowledgedBy) = (context.now, context.actor)
        } else {
            (moved.resolvedAt, moved.resolvedBy) = (context.now, context.actor)
        }
        let change = moved
        return try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
            let at = status == .acknowledged ? "acknowledged" : "resolved"
            try await tx.sql().update("alerts").set("status", to: SQLBind(status.rawValue))
                .set(SQLIdentifier("\(at)_at"), to: SQLBind(context.now)).set(SQLIdentifier("\(at)_by"), to: SQLBind(context.actor))
                .where("id", .equal, SQLBind(alert.id)).run()
            struct State: Encodable {
                var status: String
                var subject: String
            }
            return (
                change,
                [
                    AuditRecord(
                        action: status == .acknowledged ? "alert.acknowledge" : "alert.resolve", entityType: "alert",
                        entityID: alert.id.uuidString.lowercased(), before: State(status: alert.status.rawValue, subject: alert.subject),
                        after: State(status: status.rawValue, subject: alert.subject))
                ]
            )
        }
    }

    static func alert(_ row: any SQLRow) throws -> Alert? {
        guard let kind = AlertKind(rawValue: try row.decode(column: "kind", as: String.self)),
            let severity = AlertSeverity(rawValue: try row.decode(column: "severity", as: String.self)),
            let status = AlertStatus(rawValue: try row.decode(column: "status", as: String.self)),
            let link = AlertLink(
                kind: try row.decode(column: "link_kind", as: String.self), ref: try row.decode(column: "link_ref", as: String.self))
        else { return nil }
        let args = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "message_args", as: String.self).utf8))
        return Alert(
            id: try row.decode(column: "id", as: UUID.self), storeID: ID(try row.decode(column: "store_id", as: UUID.self)),
            ruleID: try row.decode(column: "rule_id", as: UUID.self), kind: kind,
            subject: try row.decode(column: "subject", as: String.self),
            severity: severity, status: status,
            message: Message(
                try row.decode(column: "message_key", as: String.self), args,
                english: try row.decode(column: "message_english", as: String.self)),
            link: link, openedAt: try row.decode(column: "opened_at", as: Date.self),
            lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self),
            acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self),
            acknowledgedBy: try row.decode(column: "acknowledged_by", as: String?.self),
            resolvedAt: try row.decode(column: "resolved_at", as: Date?.self),
            resolvedBy: try row.decode(column: "resolved_by", as: String?.self))
    }
}
