import DaiyunCore
import DaiyunIntegration

/// The markdown a robot posts for some alerts, in the robot's language: one alert with its
/// store, rule and numbers, or a digest of several, most severe first; each alert linked to the
/// rows behind it when Daiyun knows its public address.
enum AlertRobotText {
    static func text(publicURL: String?) -> RobotText {
        { alerts, language in
            let l10n = Localizer(language: language)
            let sorted = alerts.sorted { ($0.alert.severity, $0.alert.openedAt) < ($1.alert.severity, $1.alert.openedAt) }
            let title =
                sorted.count == 1
                ? l10n.format("robot_title_one", l10n["alert_kind_" + sorted[0].alert.kind.rawValue], sorted[0].store.name)
                : l10n.format("robot_title_many", l10n.count(sorted.count))
            let lines = sorted.map { item in
                let severity = l10n["alert_severity_" + item.alert.severity.rawValue]
                let link =
                    publicURL.map { " [\(l10n["robot_link"])](\($0 + AlertsPage.path(of: item.alert.link, store: item.store)))" } ?? ""
                return
                    "- **\(severity)** \(item.store.name) · \(l10n["alert_kind_" + item.alert.kind.rawValue])：\(l10n.say(item.alert.message))\(link)"
            }
            let footer = publicURL.map { "[\(l10n["robot_footer"])](\($0 + SiteURL.alerts(resolved: false).path))" } ?? l10n["robot_footer"]
            return (title, "#### \(title)\n\n" + lines.joined(separator: "\n") + "\n\n" + footer)
        }
    }
}
