import DaiyunCore
import DaiyunPersistence

/// A store's orders: the filtered, keyset-paged list.
struct OrdersIndexPage: PageContent {
    static let template = "orders/orders"
    static let strings: [StringTable] = [.orders]
    var title: String
    struct Row: Encodable {
        var tid, status, statusLabel, buyer, payment, created, paid: String
        var preSale, attention: Bool
        var path: String
    }
    var store: StoreRow
    var rows: [Row]
    var statuses: [Choice]
    var filter: [String: String]
    var nextPage: String?
    var isFirstPage: Bool
    var firstPage: String
    /// `共 1,234 单 · 实付合计 ¥56,789.00` over every page of the filter.
    var summary: String
    var exportPath, exportXLSXPath, exportGBPath: String

    init(
        store: Store, clientName: String, orders: [OrderSummary], next: OrderCursor?, query: OrderListQuery,
        summary: (orders: Int, payment: Money), _ l10n: Localizer
    ) {
        self.summary = l10n.format("orders_summary", l10n.count(summary.orders), l10n.money(summary.payment))
        exportPath = query.exportLink(store: store, format: .csv)
        exportXLSXPath = query.exportLink(store: store, format: .xlsx)
        exportGBPath = query.exportLink(store: store, format: .gb18030)
        title = "\(l10n["orders_title"]) · \(store.name)"
        self.store = StoreRow(store, clientName: clientName, l10n)
        rows = orders.map {
            Row(
                tid: $0.tid, status: $0.status.rawValue, statusLabel: l10n["status_\($0.status.rawValue)"], buyer: $0.buyerNick,
                payment: l10n.money($0.payment), created: ShanghaiTime.format($0.createdAt),
                paid: $0.paidAt.map(ShanghaiTime.format) ?? "—",
                preSale: $0.isPreSale, attention: $0.needsAttention, path: SiteURL.order(store.id, tid: $0.tid).path)
        }
        statuses =
            [Choice(value: "", label: l10n["filter_status_all"], selected: query.filter.status == nil)]
            + OrderStatus.allCases.map {
                Choice(value: $0.rawValue, label: l10n["status_\($0.rawValue)"], selected: query.filter.status == $0)
            }
        filter = query.echo
        nextPage = next.map { query.link(store: store, after: $0) }
        isFirstPage = query.cursor == nil
        firstPage = SiteURL.orders(store.id).path
    }
}
