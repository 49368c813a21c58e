import DaiyunCore
import Foundation

/// A client's stock: the shared pool per SKU, what each channel may sell, the movement log, and the forms for those who manage stock.
struct StockPage: PageContent {
    static let template = "inventory/stock"
    static let strings: [StringTable] = [.inventory, .catalog, .tenancy, .audit]
    var title: String
    struct Row: Encodable {
        var skuID, outerID, title, properties: String
        var onHand, reserved: Int
        var available: [Int]
        var counted: String
    }
    struct Movement: Encodable { var at, sku, kind, onHand, reserved, reason, actor: String }
    var client: String
    var clientID: String
    var channels: [String]
    var safety: [Int]
    var rows: [Row]
    var movements: [Movement]
    var canManage: Bool
    var skus: [Choice]
    var warehouses: [Choice]
    var kinds: [Choice]
    var channelChoices: [Choice]
    var clientPath, warehousesPath, changesPath, safetyPath: String
}
