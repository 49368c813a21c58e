import DaiyunCore
import DaiyunPersistence
import Vapor

/// The alert inbox, acknowledging and resolving alerts, and a store's alert rules.
struct AlertsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("alerts", use: inbox)
        routes.post("alerts", "subscriptions", use: subscribe)
        routes.post("alerts", ":alertID", "acknowledge") { try await move($0, to: .acknowledged) }
        routes.post("alerts", ":alertID", "resolve") { try await move($0, to: .resolved) }
        routes.get("stores", ":storeID", "alert-rules", use: rules)
        routes.post("stores", ":storeID", "alert-rules", ":kind", use: updateRule)
        routes.post("stores", ":storeID", "robots", use: addRobot)
        routes.post("stores", ":storeID", "robots", ":robotID", use: editRobot)
        routes.post("stores", ":storeID", "robots", ":robotID", "delete", use: removeRobot)
    }

    func inbox(req: Request) async throws -> Response {
        let resolved = try req.queryChoice("status", among: ["unresolved", "resolved"]) == "resolved"
        let (alerts, stores, subscriptions) = try await req.visibleAlerts(resolved: resolved)
        let principal = try req.principal()
        let page = AlertsPage(
            alerts, stores: stores, resolved: resolved, subscriptions: subscriptions,
            canHandle: { AccessPolicy.decide(principal, .handleAlerts, in: $0.scope) == .allow }, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    /// Keeps the level chosen for each store the form names (`store-<id>`), of those the user may see.
    func subscribe(req: Request) async throws -> Response {
        let path = SiteURL.alerts(resolved: false)
        return try await Page.formAction(req, failurePath: path) {
            let principal = try req.principal()
            let repository = AlertSubscriptionRepository(database: req.db)
            for store in try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: principal)) {
                let field = AlertsPage.subscriptionField(store.id)
                guard let text = req.optionalFormField(field) else { continue }
                try await repository.set(
                    try TextRules.choice(text, field: field, as: AlertSubscription.self), user: principal.userID, store: store.id)
            }
            return Page.saved(req, to: path)
        }
    }

    func move(_ req: Request, to status: AlertStatus) async throws -> Response {
        return try await Page.formAction(req, failurePath: .alerts(resolved: false)) {
            _ = try await req.moveAlert(to: status)
            return Page.saved(req, to: .alerts(resolved: false))
        }
    }

    func rules(req: Request) async throws -> Response {
        let store = try await req.store()
        let rules = try await AlertRepository(database: req.db).rules(of: store.id, ids: req.ids, now: req.now)
        var robots: [(Robot, [RobotDelivery])] = []
        for robot in try await req.robots.robots(of: store.clientID, store: store.id) {
            robots.append((robot, try await req.robots.deliveries(of: robot.id, limit: 50)))
        }
        let page = AlertRulesPage(
            store: store, clientName: try await req.tenancy.client(store.clientID)?.name ?? "", rules: rules, robots: robots,
            canEdit: AccessPolicy.decide(try req.principal(), .editStore, in: store.scope) == .allow, Page.localizer(for: req))
        return try await Page.render(page, for: req)
    }

    func updateRule(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        guard let kind = req.parameters.get("kind").flatMap(AlertKind.init(rawValue:)) else { throw AccessDenied.notFound }
        let path = SiteURL.alertRules(store.id)
        return try await Page.formAction(req, failurePath: path) {
            let repository = AlertRepository(database: req.db)
            guard let rule = try await repository.rules(of: store.id, ids: req.ids, now: req.now).first(where: { $0.kind == kind }) else {
                throw AccessDenied.notFound
            }
            var changed = rule
            changed.threshold = try AlertRule.threshold(req.formField("threshold"), for: kind)
            changed.severity = try TextRules.choice(req.formField("severity"), field: "severity", as: AlertSeverity.self)
            changed.enabled = req.optionalFormField("enabled") == "1"
            _ = try await repository.update(rule, to: changed, store: store, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }
}

extension AlertsController {
    func addRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let path = SiteURL.alertRules(store.id)
        return try await Page.formAction(req, failurePath: path) {
            _ = try await req.robots.add(try req.typedRobot(for: store), by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func editRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let robot = try await req.pathRobot(of: store)
        let path = SiteURL.alertRules(store.id)
        return try await Page.formAction(req, failurePath: path) {
            _ = try await req.robots.update(robot, to: try req.editedRobot(robot), by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func removeRobot(req: Request) async throws -> Response {
        let store = try await req.store(for: .editStore)
        let robot = try await req.pathRobot(of: store)
        let path = SiteURL.alertRules(store.id)
        return try await Page.formAction(req, failurePath: path) {
            try await req.robots.remove(robot, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    /// Whether a robot posts one store's alerts or all of its client's.
    enum RobotScope: String, CaseIterable {
        case store, client
    }
}

extension Request {
    /// The robot the form or the API body describes (`kind`, `name`, `webhook`, `secret` for
    /// DingTalk, `scope`, `language`), for the store or all of its client's stores; checked, not kept.
    func typedRobot(for store: Store) throws -> Robot {
        let kind = try TextRules.choice(formField("kind"), field: "kind", as: Robot.Kind.self)
        let (name, webhook, secret) = try Robot.checked(
            kind: kind, name: formField("name"), webhook: formField("webhook"), secret: optionalFormField("secret"))
        let scope = try TextRules.choice(formField("scope"), field: "scope", as: AlertsController.RobotScope.self)
        return Robot(
            id: ids.random(), agencyID: store.agencyID, clientID: store.clientID, storeID: scope == .store ? store.id : nil,
            kind: kind, name: name, webhook: webhook, secret: secret,
            language: try TextRules.choice(formField("language"), field: "language", as: Language.self))
    }

    /// The robot with what the form or the API body changes: `name`, `language` and `enabled`
    /// (`1`/`0` from the form, a boolean in JSON), each kept as it is when not given; checked, not kept.
    func editedRobot(_ robot: Robot) throws -> Robot {
        var changed = robot
        if let name = try? content.get(String.self, at: "name") {
            changed.name = try TextRules.required(name, field: "name", maxLength: 60)
        }
        if let language = try? content.get(String.self, at: "language") {
            changed.language = try TextRules.choice(language, field: "language", as: Language.self)
        }
        if let enabled = try? content.get(Bool.self, at: "enabled") {
            changed.enabled = enabled
        } else if let text = try? content.get(String.self, at: "enabled") {
            guard let enabled = ["1": true, "0": false][text] else { throw ValidationError(field: "enabled", rule: .oneOf(["1", "0"])) }
            changed.enabled = enabled
        }
        return changed
    }

    /// The robot the path names, if it posts the store's alerts (its own or its client's); else 404.
    func pathRobot(of store: Store) async throws -> Robot {
        guard let id = parameters.get("robotID").flatMap(UUID.init(uuidString:)), let robot = try await robots.robot(id),
            robot.clientID == store.clientID, robot.storeID == nil || robot.storeID == store.id
        else { throw AccessDenied.notFound }
        return robot
    }

    /// The alerts of the stores the user may see that the user receives, with those stores and
    /// the user's subscriptions.
    func visibleAlerts(resolved: Bool) async throws -> (
        alerts: [Alert], stores: [ID<Store>: Store], subscriptions: [ID<Store>: AlertSubscription]
    ) {
        let principal = try principal()
        let stores = try await tenancy.stores(visibleTo: AccessPolicy.visibility(of: principal))
        let subscriptions = try await AlertSubscriptionRepository(database: db).subscriptions(of: principal.userID)
        let alerts = try await AlertRepository(database: db).alerts(of: stores.map(\.id), resolved: resolved, receiving: subscriptions)
        return (alerts, Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0) }), subscriptions)
    }

    /// Acknowledges or resolves the alert the path names, for those who handle its store's alerts.
    func moveAlert(to status: AlertStatus) async throws -> Alert {
        let repository = AlertRepository(database: db)
        guard let id = parameters.get("alertID").flatMap(UUID.init(uuidString:)), let alert = try await repository.alert(id),
            let store = try await tenancy.store(alert.storeID)
        else { throw AccessDenied.notFound }
        try authorize(.handleAlerts, in: store.scope)
        return try await repository.move(alert, to: status, store: store, by: try writeContext())
    }
}
