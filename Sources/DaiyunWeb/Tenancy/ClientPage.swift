import DaiyunCore

/// A client's page: its stores, its audit chain head, and (for admins) edit and open-store forms.
struct ClientPage: PageContent {
    static let template = "tenancy/client"
    static let strings: [StringTable] = [.tenancy, .audit]
    var title: String
    var id: String
    var name: String
    var industry: String
    var stores: [StoreRow]
    var canManage: Bool
    var canSeeAudit: Bool
    var auditCount: Int64
    var auditHash: String
    var channels: [Choice]
    var statuses: [Choice]
    var today: String
    var links: Links

    struct Links: Encodable {
        var stock, catalog, audit, auditExport, createStore, update: String
    }

    /// `head` is the client's audit chain head, shown when `canSeeAudit`.
    init(client: Client, stores: [Store], canManage: Bool, canSeeAudit: Bool, head: AuditChainHead, today: BusinessDay, _ l10n: Localizer) {
        title = client.name
        id = client.id.description
        name = client.name
        industry = client.industry
        self.stores = stores.map { StoreRow($0, clientName: client.name, l10n) }
        self.canManage = canManage
        self.canSeeAudit = canSeeAudit
        auditCount = head.count
        auditHash = head.hash
        channels = l10n.channelChoices()
        statuses = l10n.statusChoices(selected: .onboarding)
        self.today = today.description
        links = Links(
            stock: SiteURL.stock(client.id).path, catalog: SiteURL.catalog(client.id).path,
            audit: SiteURL.auditChain(AuditChainKey.client(client.id).description).path, auditExport: SiteURL.auditExport(client.id).path,
            createStore: SiteURL.clientStores(client.id).path, update: SiteURL.client(client.id).path)
    }
}
