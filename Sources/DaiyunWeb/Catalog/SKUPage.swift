import DaiyunCore
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
}
