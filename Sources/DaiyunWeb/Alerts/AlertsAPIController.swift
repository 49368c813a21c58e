import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` alerts of the stores the caller may see, acknowledging and resolving them, and a
/// store's alert rules.
struct AlertsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("alerts", use: list)
        routes.post("alerts", ":alertID", "acknowledge") { req in try APIResponse.json(Item(try await req.moveAlert(to: .acknowledged))) }
        routes.post("alerts", ":alertID", "resolve") { req in try APIResponse.json(Item(try await req.moveAlert(to: .resolved))) }
        routes.get("stores", ":storeID", "alert-rules", use: rules)
    }

    /// An alert as the API writes it: its message in English and as a key with arguments.
    struct Item: Encodable {
        var id: UUID
        var storeId: ID<Store>
        var kind: AlertKind
        var subject: String
        var severity: AlertSeverity
        var status: AlertStatus
        var message: String
        var messageKey: String
        var messageArguments: [String]
        var openedAt: Date
        var lastSeenAt: Date
        var acknowledgedAt: Date?
        var acknowledgedBy: String?
        var resolvedAt: Date?
        var resolvedBy: String?

        init(_ alert: Alert) {
            id = alert.id
            storeId = alert.storeID
            kind = alert.kind
            subject = alert.subject
            severity = alert.severity
            status = alert.status
            message = alert.message.english
            messageKey = alert.message.key
            messageArguments = alert.message.arguments
            openedAt = alert.openedAt
            lastSeenAt = alert.lastSeenAt
            acknowledgedAt = alert.acknowledgedAt
            acknowledgedBy = alert.acknowledgedBy
            resolvedAt = alert.resolvedAt
            resolvedBy = alert.resolvedBy
        }
    }

    func list(req: Request) async throws -> Response {
        let resolved = try req.queryChoice("status", among: ["unresolved", "resolved"]) == "resolved"
        let (alerts, _) = try await req.visibleAlerts(resolved: resolved)
        return try APIResponse.json(APIResponse.Items(items: alerts.map(Item.init)))
    }

    func rules(req: Request) async throws -> Response {
        let store = try await req.store()
        return try APIResponse.json(
            APIResponse.Items(items: try await AlertRepository(database: req.db).rules(of: store.id, ids: req.ids, now: req.now)))
    }
}
