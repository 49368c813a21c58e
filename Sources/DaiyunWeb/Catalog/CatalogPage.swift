import DaiyunCore
import DaiyunPersistence
import Foundation

/// A client's catalog: products and SKUs with their prices, searchable, exportable as CSV.
struct CatalogPage: PageContent {
    static let template = "catalog/catalog"
    static let strings: [StringTable] = [.catalog, .inventory, .orders]
    var title: String
    struct Row: Encodable {
        var skuID, title, category, outerID, properties, barcode, listPrice, floorPrice, cost: String
        var listings: Int
        var path: String
    }
    var client, clientID, search: String
    var rows: [Row]
    var canEdit: Bool
    var clientPath, searchPath, exportUTF8, exportGB18030: String

    /// `listingCounts`: how many channel listings each SKU has.
    init(client: Client, search: String, entries: [CatalogEntry], listingCounts: [UUID: Int], canEdit: Bool, _ l10n: Localizer) {
        title = "\(l10n["catalog_title"]) · \(client.name)"
        self.client = client.name
        clientID = client.id.description
        self.search = search
        rows = entries.map {
            Row(
                skuID: $0.sku.id.uuidString.lowercased(), title: $0.product.title, category: $0.product.category, outerID: $0.sku.outerID,
                properties: $0.sku.properties, barcode: $0.sku.barcode, listPrice: l10n.money($0.sku.listPrice),
                floorPrice: l10n.money($0.sku.floorPrice), cost: l10n.money($0.sku.cost), listings: listingCounts[$0.sku.id] ?? 0,
                path: SiteURL.sku(client.id, skuID: $0.sku.id).path)
        }
        self.canEdit = canEdit
        clientPath = SiteURL.client(client.id).path
        searchPath = SiteURL.catalog(client.id).path
        exportUTF8 = SiteURL.catalogFile(client.id, .utf8).path
        exportGB18030 = SiteURL.catalogFile(client.id, .gb18030).path
    }
}
