import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` alerts of the stores the caller may see, acknowledging and resolving them, a
/// store's alert rules, and the robots that post its alerts (their webhooks and secrets never
/// read back).
struct AlertsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("alerts", use: list)
        routes.get("alert-subscriptions", use: subscriptions)
        routes.put("alert-subscriptions", ":storeID", use: subscribe)
        routes.post("alerts", ":alertID", "acknowledge") { req in try APIResponse.json(Item(try await req.moveAlert(to: .acknowledged))) }
        routes.post("alerts", ":alertID", "resolve") { req in try APIResponse.json(Item(try await req.moveAlert(to: .resolved))) }
        routes.get("stores", ":storeID", "alert-rules", use: rules)
        routes.get("stores", ":storeID", "robots", use: robots)
        routes.post("stores", ":storeID", "robots", use: addRobot)
        routes.patch("stores", ":storeID", "robots", ":robotID", use: editRobot)
        routes.delete("stores", ":storeID", "robots", ":robotID", use: removeRobot)
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
        let alerts = try await req.visibleAlerts(resolved: resolved).alerts
        return try APIResponse.json(APIResponse.Items(items: alerts.map(Item.init)))
    }

    /// Which alerts of a store reach the caller's inbox (and this API's list).
    struct SubscriptionItem: Encodable {
        var storeId: ID<Store>
        var level: AlertSubscription
    }

    func subscriptions(req: Request) async throws -> Response {
        let principal = try req.principal()
        let chosen = try await AlertSubscriptionRepository(database: req.db).subscriptions(of: principal.userID)
        let stores = try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: principal))
        return try APIResponse.json(
            APIResponse.Items(items: stores.map { SubscriptionItem(storeId: $0.id, level: chosen[$0.id] ?? .all) }))
    }

    func subscribe(req: Request) async throws -> Response {
        let store = try await req.store()
        let level = try TextRules.choice(req.formField("level"), field: "level", as: AlertSubscription.self)
        try await AlertSubscriptionRepository(database: req.db).set(level, user: try req.principal().userID, store: store.id)
        return try APIResponse.json(SubscriptionItem(storeId: store.id, level: level))
    }

    /// A robot as the API writes it: where it posts (the webhook's host only) and how its last
    /// 50 deliveries went.
    struct RobotItem: Encodable {
        var id: UUID
        var kind: Robot.Kind
        var name: String
        var scope: String
        var storeId: ID<Store>?
        var language: String
        var enabled: Bool
        var webhookHost: String
        var signed: Bool
        var deliveries: [String: Int]
        var lastError: String?

        init(_ robot: Robot, deliveries: [RobotDelivery]) {
            id = robot.id
            kind = robot.kind
            name = robot.name
            scope = (robot.storeID == nil ? AlertsController.RobotScope.client : .store).rawValue
            storeId = robot.storeID
            language = robot.language.rawValue
            enabled = robot.enabled
            webhookHost = URL(string: robot.webhook)?.host ?? ""
            signed = robot.secret != nil
            self.deliveries = Dictionary(
                uniqueKeysWithValues: RobotDelivery.Status.allCases.map { status in
                    (status.rawValue, deliveries.filter { $0.status == status }.count)
                })
            lastError = deliveries.first { $0.lastError != nil }?.lastError
        }
    }

    func robots(req: Request) async throws -> Response {
        let store = try await req.store()
        var items: [RobotItem] = []
        for robot in try await req.robots.robots(of: store.clientID, store: store.id) {
            items.append(RobotItem(robot, deliveries: try await req.robots.deliveries(of: robot.id, limit: 50)))
        }
        return try APIResponse.json(APIResponse.Items(items: items))
    }

    func addRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let robot = try await req.robots.add(try req.typedRobot(for: store), by: try req.writeContext())
        return try APIResponse.json(RobotItem(robot, deliveries: []), status: .created)
    }

    func editRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let robot = try await req.pathRobot(of: store)
        let changed = try await req.robots.update(robot, to: try req.editedRobot(robot), by: try req.writeContext())
        return try APIResponse.json(RobotItem(changed, deliveries: try await req.robots.deliveries(of: robot.id, limit: 50)))
    }

    func removeRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        try await req.robots.remove(try await req.pathRobot(of: store), by: try req.writeContext())
        return Response(status: .noContent)
    }

    func rules(req: Request) async throws -> Response {
        let store = try await req.store()
        return try APIResponse.json(
            APIResponse.Items(items: try await AlertRepository(database: req.db).rules(of: store.id, ids: req.ids, now: req.now)))
    }
}
