import DaiyunCore

/// A store's page: its details, its team, and an edit form for admins and its store managers.
struct StorePage: PageContent {
    static let template = "tenancy/store"
    static let strings: [StringTable] = [.tenancy, .channels, .dashboards]
    var title: String
    var store: StoreRow
    var team: [Member]
    var canEdit: Bool
    var statuses: [Choice]
    var shippingPromise: Int
    var shippingPromiseText: String

    struct Member: Encodable {
        var name: String
        var login: String
        var role: String
    }

    init(store: Store, clientName: String, team: [(User, StoreRole)], canEdit: Bool, _ l10n: Localizer) {
        title = store.name
        self.store = StoreRow(store, clientName: clientName, l10n)
        self.team = team.map { Member(name: $0.0.displayName, login: $0.0.login, role: l10n.role($0.1)) }.sorted {
            ($0.role, $0.login) < ($1.role, $1.login)
        }
        self.canEdit = canEdit
        statuses = l10n.statusChoices(selected: store.status)
        shippingPromise = store.shippingPromise.hours
        shippingPromiseText = l10n.format("shipping_promise_hours", store.shippingPromise.hours)
    }
}
