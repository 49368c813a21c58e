import DaiyunCore

/// A store as a table row, with its labels in the user's language.
struct StoreRow: Encodable {
    var id: String
    var name: String
    var clientID: String
    var clientName: String
    var channel: String
    var channelLabel: String
    var shopID: String
    var status: String
    var statusLabel: String
    var takenOverOn: String
    var path: String
    var clientPath: String
    var ordersPath: String
    var syncPath: String
    var dashboardPath: String

    init(_ store: Store, clientName: String, _ l10n: Localizer) {
        id = store.id.description
        name = store.name
        clientID = store.clientID.description
        self.clientName = clientName
        channel = store.channel.rawValue
        channelLabel = l10n.channel(store.channel)
        shopID = store.shopID
        status = store.status.rawValue
        statusLabel = l10n.status(store.status)
        takenOverOn = store.takenOverOn.description
        path = SiteURL.store(store.id).path
        clientPath = SiteURL.client(store.clientID).path
        ordersPath = SiteURL.orders(store.id).path
        syncPath = SiteURL.sync(store.id).path
        dashboardPath = SiteURL.dashboard(store.id, nil).path
    }
}
