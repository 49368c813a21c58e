import DaiyunCore

/// A store's alert rules: what each watches, from what threshold, how urgent, whether it is on;
/// admins and the store's managers change them.
struct AlertRulesPage: PageContent {
    static let template = "alerts/rules"
    static let strings: [StringTable] = [.alerts]
    var title: String
    var store: StoreRow
    var canEdit: Bool
    var rules: [Row]

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

    init(store: Store, clientName: String, rules: [AlertRule], canEdit: Bool, _ l10n: Localizer) {
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
    }
}
