import DaiyunCore
import DaiyunPersistence
import Foundation

/// One SKU's prices and codes, with its channel listings and a form to add one.
struct SKUPage: PageContent {
    static let template = "catalog/sku"
    static let strings: [StringTable] = [.catalog, .tenancy]
    var title: String
    struct ListingRow: Encodable { var store, itemID, skuID: String }
    var client, clientID, skuID, productTitle, outerID, barcode, properties, listPrice, floorPrice, cost: String
    var listings: [ListingRow]
    var stores: [Choice]
    var clientPath, catalogPath, updatePath, listingsPath: String

    /// `stores`: the client's stores the user sees, to which a listing may be added; listings of others are left out.
    init(client: Client, sku: SKU, productTitle: String, listings: [Listing], stores: [Store], _ l10n: Localizer) {
        let names = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0.name) })
        title = "\(sku.outerID) · \(client.name)"
        self.client = client.name
        clientID = client.id.description
        skuID = sku.id.uuidString.lowercased()
        self.productTitle = productTitle
        outerID = sku.outerID
        barcode = sku.barcode
        properties = sku.properties
        listPrice = sku.listPrice.yuanString
        floorPrice = sku.floorPrice.yuanString
        cost = sku.cost.yuanString
        self.listings = listings.compactMap { listing in
            names[listing.storeID].map { ListingRow(store: $0, itemID: listing.channelItemID, skuID: listing.channelSKUID) }
        }
        self.stores = stores.map { Choice(value: $0.id.description, label: "\($0.name)（\(l10n.channel($0.channel))）", selected: false) }
        clientPath = SiteURL.client(client.id).path
        catalogPath = SiteURL.catalog(client.id).path
        updatePath = SiteURL.sku(client.id, skuID: sku.id).path
        listingsPath = SiteURL.skuListings(client.id, skuID: sku.id).path
    }
}
