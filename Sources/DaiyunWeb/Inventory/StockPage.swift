import DaiyunCore
import DaiyunPersistence
import Foundation

/// A client's stock: the shared pool per SKU, what each channel may sell, the movement log, and the forms for those who manage stock.
struct StockPage: PageContent {
    static let template = "inventory/stock"
    static let strings: [StringTable] = [.inventory, .catalog, .tenancy, .audit]
    var title: String
    struct Row: Encodable {
        var skuID, outerID, title, properties: String
        var onHand, reserved, warnAt: Int
        var available: [Int]
        var counted: String
        var low: Bool
    }
    struct Movement: Encodable {
        var at, sku, kind, onHand, reserved, reason, actor: String
        /// The order that moved the stock, and its page.
        var tid: String?
        var orderPath: String?
    }
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
    var clientPath, warehousesPath, changesPath, safetyPath, warningsPath: String
    var olderMovements: String?
    var newerMovements: String?

    static let movementsPerPage = 50

    /// `movements` as the user may read them (`StockMovement.visible(to:client:)`), newest first.
    init(
        client: Client, overview: StockOverview, movements: [StockMovement], movementsPage: Int = 0, olderMovements: Bool = false,
        warehouses: [Warehouse], canManage: Bool, _ l10n: Localizer
    ) {
        self.olderMovements = olderMovements ? SiteURL.stockMovements(client.id, page: movementsPage + 1).path : nil
        newerMovements = movementsPage > 0 ? SiteURL.stockMovements(client.id, page: movementsPage - 1).path : nil
        let lines = overview.lines
        let channels = overview.channels
        let codes = Dictionary(uniqueKeysWithValues: lines.map { ($0.skuID, $0.outerID) })
        title = "\(l10n["stock_title"]) · \(client.name)"
        self.client = client.name
        clientID = client.id.description
        self.channels = channels.map(l10n.channel)
        safety = channels.map { overview.safety[$0] ?? 0 }
        rows = lines.map { line in
            Row(
                skuID: line.skuID.uuidString.lowercased(), outerID: line.outerID, title: line.title, properties: line.properties,
                onHand: line.onHand, reserved: line.reserved, warnAt: line.warnAt,
                available: channels.map { overview.available(line, on: $0) }, counted: line.countedAt.map(ShanghaiTime.format) ?? "—",
                low: StockCover(available: line.onHand - line.reserved, soldInPace: 0, warnAt: line.warnAt).isLow)
        }
        self.movements = movements.map { movement in
            var orderPath: String?
            if let tid = movement.tid, let store = movement.storeID { orderPath = SiteURL.order(ID(store), tid: tid).path }
            return Movement(
                at: ShanghaiTime.format(movement.at), sku: codes[movement.skuID] ?? "", kind: l10n["stock_kind_\(movement.kind)"],
                onHand: Self.signed(movement.onHandChange), reserved: Self.signed(movement.reservedChange),
                reason: l10n.movementReason(movement.reason), actor: l10n.actor(movement.actor), tid: movement.tid, orderPath: orderPath)
        }
        self.canManage = canManage
        skus = lines.map {
            Choice(value: $0.skuID.uuidString.lowercased(), label: "\($0.outerID) · \($0.title) \($0.properties)", selected: false)
        }
        self.warehouses = warehouses.map { Choice(value: $0.id.uuidString.lowercased(), label: "\($0.code) · \($0.name)", selected: false) }
        kinds = StockChangeKind.allCases.map { Choice(value: $0.rawValue, label: l10n["stock_kind_\($0.rawValue)"], selected: false) }
        channelChoices = l10n.channelChoices()
        clientPath = SiteURL.client(client.id).path
        warehousesPath = SiteURL.warehouses(client.id).path
        changesPath = SiteURL.stockChanges(client.id).path
        safetyPath = SiteURL.safetyStock(client.id).path
        warningsPath = SiteURL.stockWarnings(client.id).path
    }

    /// `+3`, `-2`, or nothing for no change.
    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : value == 0 ? "" : "\(value)" }
}
