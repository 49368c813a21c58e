import DaiyunCore
import DaiyunPersistence

/// A store's alert rules: what each watches, from what threshold, how urgent, whether it is on;
/// admins and the store's managers change them.
struct AlertRulesPage: PageContent {
    static let template = "alerts/rules"
    static let strings: [StringTable] = [.alerts]
    var title: String
    var store: StoreRow
    var canEdit: Bool
    var rules: [Row]
    var robots: [RobotRow]
    var addRobotPath: String
    var kinds: [Choice]
    var scopes: [Choice]
    var languages: [Choice]

    struct RobotRow: Encodable {
        var id: String
        var name: String
        var kind: String
        var scope: String
        var language: String
        var enabled: Bool
        var deliveries: String
        var lastError: String?
        /// The form that renames it, changes its language or turns it off (for those who may).
        var editPath: String?
        var languages: [Choice]
        var states: [Choice]
        var removePath: String?
    }

    struct Row: Encodable {
        var kind: String
        var label: String
        var unit: String
        var threshold: Int
        var minimum: Int
        var maximum: Int
        var severities: [Choice]
        var severityLabel: String
        var enabled: Bool
        var path: String
    }

    init(
        store: Store, clientName: String, rules: [AlertRule], robots: [(Robot, [RobotDelivery])], canEdit: Bool, _ l10n: Localizer
    ) {
        title = l10n.format("alerts_rules_title", store.name)
        self.store = StoreRow(store, clientName: clientName, l10n)
        self.canEdit = canEdit
        self.rules = rules.map { rule in
            Row(
                kind: rule.kind.rawValue, label: l10n["alert_kind_" + rule.kind.rawValue], unit: l10n["alerts_unit_" + rule.kind.rawValue],
                threshold: rule.threshold, minimum: rule.kind.thresholdRange.lowerBound, maximum: rule.kind.thresholdRange.upperBound,
                severities: AlertSeverity.allCases.map {
                    Choice(value: $0.rawValue, label: l10n["alert_severity_" + $0.rawValue], selected: $0 == rule.severity)
                }, severityLabel: l10n["alert_severity_" + rule.severity.rawValue], enabled: rule.enabled,
                path: SiteURL.alertRule(store.id, rule.kind).path)
        }
        self.robots = robots.map { robot, deliveries in
            let count = { (status: RobotDelivery.Status) in l10n.count(deliveries.filter { $0.status == status }.count) }
            return RobotRow(
                id: robot.id.uuidString.lowercased(), name: robot.name, kind: l10n["robots_kind_" + robot.kind.rawValue],
                scope: l10n[robot.storeID == nil ? "robots_scope_client" : "robots_scope_store"],
                language: l10n[robot.language == .zhCN ? "lang_zh" : "lang_en"], enabled: robot.enabled,
                deliveries: l10n.format("robots_delivery_summary", count(.sent), count(.pending), count(.failed)),
                lastError: deliveries.first { $0.lastError != nil }.map {
                    l10n.format("robots_last_error", $0.errorMessage.map(l10n.say) ?? $0.lastError ?? "")
                },
                editPath: canEdit ? SiteURL.robot(store.id, robot.id).path : nil,
                languages: Self.languages(selected: robot.language, l10n),
                states: [
                    Choice(value: "1", label: l10n["robots_on"], selected: robot.enabled),
                    Choice(value: "0", label: l10n["robots_off"], selected: !robot.enabled),
                ],
                removePath: canEdit ? SiteURL.robotRemove(store.id, robot.id).path : nil)
        }
        addRobotPath = SiteURL.robots(store.id).path
        kinds = Robot.Kind.allCases.map { Choice(value: $0.rawValue, label: l10n["robots_kind_" + $0.rawValue], selected: $0 == .dingtalk) }
        scopes = [
            Choice(value: "store", label: l10n["robots_scope_store"], selected: true),
            Choice(value: "client", label: l10n["robots_scope_client"], selected: false),
        ]
        languages = Self.languages(selected: .zhCN, l10n)
    }

    static func languages(selected: Language, _ l10n: Localizer) -> [Choice] {
        Language.allCases.map { Choice(value: $0.rawValue, label: l10n[$0 == .zhCN ? "lang_zh" : "lang_en"], selected: $0 == selected) }
    }
}
