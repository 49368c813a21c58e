import DaiyunCore
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
}
