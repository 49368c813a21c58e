import DaiyunCore

/// The agency home: the clients and stores the user may see, and (for admins) a new-client form.
struct HomePage: PageContent {
    static let template = "home/home"
    static let strings: [StringTable] = [.tenancy]
    var title: String
    var heading: String
    var clients: [ClientRow]
    var stores: [StoreRow]
    var canManageClients: Bool
    var createClient = SiteURL.clients.path

    struct ClientRow: Encodable {
        var id: String
        var name: String
        var industry: String
        var storeCount: Int
        var path: String
    }

    /// A staff member's home lists their stores; an admin's, the agency's.
    init(clients: [Client], stores: [Store], isStaff: Bool, canManageClients: Bool, _ l10n: Localizer) {
        title = l10n["home_title"]
        heading = l10n[isStaff ? "my_stores_title" : "home_title"]
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        let counts = Dictionary(grouping: stores, by: \.clientID).mapValues(\.count)
        self.clients = clients.map {
            ClientRow(
                id: $0.id.description, name: $0.name, industry: $0.industry, storeCount: counts[$0.id] ?? 0,
                path: SiteURL.client($0.id).path)
        }
        self.stores = stores.map { StoreRow($0, clientName: names[$0.clientID] ?? "", l10n) }
        self.canManageClients = canManageClients
    }
}
