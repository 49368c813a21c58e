import DaiyunCore
import Foundation

/// The alert inbox: the alerts of the stores the user may see, unresolved or resolved, each with
/// the numbers that raised it, a link to the rows behind it, and (for those who handle the
/// store's alerts) acknowledge and resolve.
struct AlertsPage: PageContent {
    static let template = "alerts/alerts"
    static let strings: [StringTable] = [.alerts]
    var title: String
    var tabs: [StoreDashboardPage.Link]
    var resolved: Bool
    var rows: [Row]
    /// Which alerts of each store the user receives, and the form that changes it.
    var subscriptions: [Subscription]
    var subscribePath: String

    struct Subscription: Encodable {
        var store: String
        var field: String
        var levels: [Choice]
    }

    struct Row: Encodable {
        var severity: String
        var severityLabel: String
        var store: String
        var storePath: String
        var kind: String
        var message: String
        var viewPath: String
        var opened: String
        var seen: String
        var status: String
        var statusLabel: String
        var handledBy: String?
        var acknowledgePath: String?
        var resolvePath: String?
    }

    init(
        _ alerts: [Alert], stores: [ID<Store>: Store], resolved: Bool, subscriptions chosen: [ID<Store>: AlertSubscription],
        canHandle: (Store) -> Bool, _ l10n: Localizer
    ) {
        title = l10n["alerts_title"]
        subscriptions = stores.values.sorted { $0.name < $1.name }.map { store in
            let level = chosen[store.id] ?? .all
            return Subscription(
                store: store.name, field: Self.subscriptionField(store.id),
                levels: AlertSubscription.allCases.map {
                    Choice(value: $0.rawValue, label: l10n["alert_subscription_" + $0.rawValue], selected: $0 == level)
                })
        }
        subscribePath = SiteURL.alertSubscriptions.path
        self.resolved = resolved
        tabs = [
            .init(label: l10n["alerts_unresolved"], path: SiteURL.alerts(resolved: false).path, current: !resolved),
            .init(label: l10n["alerts_resolved"], path: SiteURL.alerts(resolved: true).path, current: resolved),
        ]
        rows = alerts.compactMap { alert in
            guard let store = stores[alert.storeID] else { return nil }
            let handles = canHandle(store) && alert.status != .resolved
            let by: String? =
                alert.status == .resolved
                ? alert.resolvedBy.map { l10n.format("alerts_by", $0, alert.resolvedAt.map(ShanghaiTime.format) ?? "") }
                : alert.acknowledgedBy.map { l10n.format("alerts_by", $0, alert.acknowledgedAt.map(ShanghaiTime.format) ?? "") }
            return Row(
                severity: alert.severity.rawValue, severityLabel: l10n["alert_severity_" + alert.severity.rawValue], store: store.name,
                storePath: SiteURL.dashboard(store.id, nil).path, kind: l10n["alert_kind_" + alert.kind.rawValue],
                message: l10n.say(alert.message), viewPath: Self.path(of: alert.link, store: store),
                opened: ShanghaiTime.format(alert.openedAt), seen: ShanghaiTime.format(alert.lastSeenAt), status: alert.status.rawValue,
                statusLabel: l10n["alert_status_" + alert.status.rawValue], handledBy: by,
                acknowledgePath: handles && alert.status == .open ? SiteURL.alertAction(alert.id, resolve: false).path : nil,
                resolvePath: handles ? SiteURL.alertAction(alert.id, resolve: true).path : nil)
        }
    }

    /// Where an alert's rows are.
    static func path(of link: AlertLink, store: Store) -> String {
        switch link {
        case .day(let day): SiteURL.ordersPaidOn(store.id, day).path
        case .sku(let outer):
            SiteURL.orders(store.id).path + "?sku=" + (outer.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
        case .order(let tid): SiteURL.order(store.id, tid: tid).path
        case .sync: SiteURL.sync(store.id).path
        case .campaign(let key): SiteURL.ads(store.id, nil).path + "#campaign-" + AdsPage.anchor(key)
        }
    }
}

extension AlertsPage {
    /// The form field of a store's subscription.
    static func subscriptionField(_ store: ID<Store>) -> String { "store-" + store.description }
}
