import DaiyunCore
import DaiyunPersistence
import Foundation

/// The home page: the user's workbench (today's figures and what waits for them, by their role in
/// each store), then the clients and stores they may open.
struct WorkbenchPage: PageContent {
    static let template = "home/home"
    static let strings: [StringTable] = [.tenancy, .workbench, .contracts]
    var title: String
    var heading: String
    var asOf: String
    var isBrand: Bool
    /// Today's figures over the stores with sales, beside yesterday's (a brand: the month so far).
    var figures: [Tile]
    /// What waits, over the stores: each a link to the list behind it.
    var todo: [Tile]
    var columns: Columns
    var rows: [Row]
    var total: Row?
    var ordersToShip: [ShipRow]
    /// The batch shipping page of each store the user ships for.
    var batchShipping: [Link]
    var refunds: [RefundRow]
    var reviews: [ReviewRow]
    var lowStock: [StockRow]
    var attention: [AttentionRow]
    var clients: [HomeClientRow]
    var stores: [StoreRow]
    var canManageClients: Bool
    var createClient = SiteURL.clients.path
    /// The latest statement of each contract the user may read (admins and brands).
    var statements: [StatementLink] = []

    /// A figure with its exact value in a tooltip and a comparison or note under it.
    struct Tile: Encodable {
        var label: String
        var value: String
        var exact: String
        var note: String
        var path: String?
        var alert: Bool
    }

    /// Which columns the store table has: those of the sections any store shows.
    struct Columns: Encodable {
        var sales: Bool
        var shipping: Bool
        var refunds: Bool
        var reviews: Bool
        var sync: Bool
    }

    /// A store's line, or the total. An empty text is a section the user does not see there.
    struct Row: Encodable {
        var name: String
        var path: String?
        var channel: String
        var channelLabel: String
        var todayOrders: String
        var todayGMV: String
        var todayGMVExact: String
        var todayBuyers: String
        var todayAOV: String
        var yesterdayGMV: String
        var yesterdayGMVExact: String
        var monthOrders: String
        var monthGMV: String
        var monthGMVExact: String
        var monthAOV: String
        var toShip: String
        var toShipPath: String?
        var overdue: String
        var overduePath: String?
        var refunds: String
        var reviews: String
        var sync: String
        var syncLabel: String
        var syncPath: String?
    }

    /// A store needing attention: its dashboard and the reasons.
    struct AttentionRow: Encodable {
        var name: String
        var path: String
        var reasons: [String]
    }

    struct Link: Encodable {
        var label: String
        var path: String
    }

    struct ShipRow: Encodable {
        var store: String
        var tid: String
        var path: String
        var buyer: String
        var payment: String
        var paidAt: String
        var due: String
        var overdue: Bool
        var shipping: Bool
    }

    struct RefundRow: Encodable {
        var store: String
        var tid: String
        var path: String
        var refundID: String
        var status: String
        var phase: String
        var fee: String
        var createdAt: String
    }

    struct ReviewRow: Encodable {
        var store: String
        var tid: String
        var path: String
        var item: String
        var content: String
        var createdAt: String
    }

    struct StockRow: Encodable {
        var outerID: String
        var title: String
        var path: String
        var available: String
        var warnAt: String
        var sold: String
        var cover: String
    }

    init(_ bench: Workbench, clients: [Client], canManageClients: Bool, _ l10n: Localizer) {
        let now = bench.now
        isBrand = bench.principal.kind == .brandViewer
        title = l10n["workbench_title"]
        heading = l10n["workbench_title"]
        asOf = l10n.format("workbench_as_of", ShanghaiTime.format(now))
        let names = Dictionary(uniqueKeysWithValues: bench.stores.map { ($0.store.id, $0.store.name) })
        let selling = bench.stores(with: .sales)
        let today = selling.reduce(SalesFigures.zero) { $0 + $1.today }
        let yesterday = selling.reduce(SalesFigures.zero) { $0 + $1.yesterday }
        let month = selling.reduce(SalesFigures.zero) { $0 + $1.monthToDate }
        figures =
            selling.isEmpty
            ? []
            : Self.figureTiles(today: today, yesterday: yesterday, month: isBrand ? month : nil, l10n)
        todo = Self.todoTiles(bench, l10n)
        attention = bench.attention.map { store, reasons in
            AttentionRow(
                name: store.name, path: SiteURL.dashboard(store.id, nil).path, reasons: reasons.map { l10n["attention_" + $0.rawValue] })
        }
        columns = Columns(
            sales: !selling.isEmpty, shipping: !bench.stores(with: .shipping).isEmpty, refunds: !bench.stores(with: .refunds).isEmpty,
            reviews: !bench.stores(with: .reviews).isEmpty, sync: !bench.stores(with: .sync).isEmpty)
        let shown = bench.stores.filter { !$0.sections.isEmpty }
        rows = shown.map { Self.row($0, now: now, l10n) }
        total = shown.count > 1 ? Self.totalRow(shown, l10n) : nil
        ordersToShip = bench.ordersToShip.map {
            ShipRow(
                store: names[$0.storeID] ?? "", tid: $0.tid, path: SiteURL.order($0.storeID, tid: $0.tid).path, buyer: $0.buyerNick,
                payment: l10n.money($0.payment), paidAt: ShanghaiTime.format($0.paidAt), due: ShanghaiTime.format($0.due),
                overdue: $0.due < now, shipping: $0.isShipping)
        }
        batchShipping = bench.stores(with: .shipping).map {
            Link(label: l10n.format("workbench_batch_ship", $0.store.name), path: SiteURL.batchShipping($0.store.id).path)
        }
        refunds = bench.refunds.map {
            RefundRow(
                store: names[$0.storeID] ?? "", tid: $0.tid, path: SiteURL.order($0.storeID, tid: $0.tid).path, refundID: $0.refundID,
                status: l10n["refund_status_\($0.status.rawValue)"], phase: l10n["refund_phase_\($0.phase.rawValue)"],
                fee: l10n.money($0.refundFee), createdAt: ShanghaiTime.format($0.createdAt))
        }
        reviews = bench.reviews.map {
            ReviewRow(
                store: names[$0.storeID] ?? "", tid: $0.tid, path: SiteURL.order($0.storeID, tid: $0.tid).path, item: $0.itemTitle,
                content: $0.content, createdAt: ShanghaiTime.format($0.createdAt))
        }
        lowStock = bench.lowStock.prefix(Workbench.listLength).map {
            StockRow(
                outerID: $0.outerID, title: $0.properties.isEmpty ? $0.title : "\($0.title)（\($0.properties)）",
                path: SiteURL.stock($0.clientID).path, available: l10n.count($0.cover.available), warnAt: l10n.count($0.cover.warnAt),
                sold: l10n.count($0.cover.soldInPace),
                cover: $0.cover.daysOfCoverTenths.map { l10n.format("workbench_days", "\($0 / 10).\($0 % 10)") }
                    ?? l10n["workbench_no_sales"])
        }
        let clientNames = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        let counts = Dictionary(grouping: bench.stores, by: \.store.clientID).mapValues(\.count)
        self.clients =
            bench.principal.kind == .agencyAdmin
            ? clients.map {
                HomeClientRow(
                    id: $0.id.description, name: $0.name, industry: $0.industry, storeCount: counts[$0.id] ?? 0,
                    path: SiteURL.client($0.id).path)
            } : []
        stores = bench.stores.map { StoreRow($0.store, clientName: clientNames[$0.store.clientID] ?? "", l10n) }
        self.canManageClients = canManageClients
    }

    private static func figureTiles(today: SalesFigures, yesterday: SalesFigures, month: SalesFigures?, _ l10n: Localizer) -> [Tile] {
        let compared = month ?? yesterday
        func note(_ text: String) -> String {
            month == nil ? l10n.format("workbench_yesterday_compare", text) : l10n.format("workbench_month_compare", text)
        }
        func money(_ label: String, _ value: Money?, _ compare: Money?) -> Tile {
            Tile(
                label: label, value: value.map(l10n.compactMoney) ?? "—", exact: value.map(l10n.money) ?? "",
                note: note(compare.map(l10n.money) ?? "—"), path: nil, alert: false)
        }
        func number(_ label: String, _ value: Int, _ compare: Int) -> Tile {
            Tile(label: label, value: l10n.count(value), exact: "", note: note(l10n.count(compare)), path: nil, alert: false)
        }
        return [
            money(l10n["workbench_today_gmv"], today.gmv, compared.gmv),
            number(l10n["workbench_today_orders"], today.paidOrders, compared.paidOrders),
            number(l10n["workbench_today_buyers"], today.payingBuyers, compared.payingBuyers),
            money(l10n["workbench_today_aov"], today.aov, compared.aov),
        ]
    }

    private static func todoTiles(_ bench: Workbench, _ l10n: Localizer) -> [Tile] {
        var tiles: [Tile] = []
        func tile(_ label: String, _ value: Int, note: String = "", path: String?, alert: Bool) {
            tiles.append(Tile(label: label, value: l10n.count(value), exact: "", note: note, path: path, alert: alert))
        }
        let shipping = bench.stores(with: .shipping)
        if !shipping.isEmpty {
            let toShip = shipping.reduce(0) { $0 + $1.toShip }
            let overdue = shipping.reduce(0) { $0 + $1.overdue }
            let single = shipping.count == 1 ? shipping[0].store.id : nil
            tile(
                l10n["workbench_to_ship"], toShip, note: l10n.format("workbench_overdue_note", l10n.count(overdue)),
                path: single.map { SiteURL.ordersToShip($0, overdue: false).path } ?? "#shipping", alert: overdue > 0)
        }
        let refunds = bench.stores(with: .refunds)
        if !refunds.isEmpty {
            tile(l10n["workbench_refunds"], refunds.reduce(0) { $0 + $1.refunds }, path: "#refunds", alert: false)
        }
        let reviews = bench.stores(with: .reviews)
        if !reviews.isEmpty {
            let count = reviews.reduce(0) { $0 + $1.reviews }
            tile(l10n["workbench_reviews"], count, path: "#reviews", alert: count > 0)
        }
        if bench.principal.kind != .brandViewer {
            tile(l10n["workbench_alerts"], bench.openAlerts, path: SiteURL.alerts(resolved: false).path, alert: bench.openAlerts > 0)
        }
        if !bench.stores(with: .stock).isEmpty {
            tile(l10n["workbench_low_stock"], bench.lowStock.count, path: "#stock", alert: !bench.lowStock.isEmpty)
        }
        let syncing = bench.stores(with: .sync)
        if !syncing.isEmpty {
            let failing = syncing.filter(\.sync.needsAttention).count
            tile(
                l10n["workbench_sync_problems"], failing,
                note: l10n.format("workbench_sync_note", l10n.count(syncing.filter { $0.sync != .notSyncing }.count)), path: "#store-day",
                alert: failing > 0)
        }
        return tiles
    }

    private static func row(_ day: Workbench.StoreDay, now: Date, _ l10n: Localizer) -> Row {
        let s = day.sections
        let id = day.store.id
        func shown(_ section: WorkbenchSection, _ text: @autoclosure () -> String) -> String { s.contains(section) ? text() : "" }
        return Row(
            name: day.store.name, path: s.contains(.sales) ? SiteURL.dashboard(id, nil).path : SiteURL.store(id).path,
            channel: day.store.channel.rawValue,
            channelLabel: l10n.channel(day.store.channel),
            todayOrders: shown(.sales, l10n.count(day.today.paidOrders)), todayGMV: shown(.sales, l10n.compactMoney(day.today.gmv)),
            todayGMVExact: shown(.sales, l10n.money(day.today.gmv)), todayBuyers: shown(.sales, l10n.count(day.today.payingBuyers)),
            todayAOV: shown(.sales, day.today.aov.map(l10n.money) ?? "—"),
            yesterdayGMV: shown(.sales, l10n.compactMoney(day.yesterday.gmv)),
            yesterdayGMVExact: shown(.sales, l10n.money(day.yesterday.gmv)),
            monthOrders: shown(.sales, l10n.count(day.monthToDate.paidOrders)),
            monthGMV: shown(.sales, l10n.compactMoney(day.monthToDate.gmv)),
            monthGMVExact: shown(.sales, l10n.money(day.monthToDate.gmv)),
            monthAOV: shown(.sales, day.monthToDate.aov.map(l10n.money) ?? "—"),
            toShip: shown(.shipping, l10n.count(day.toShip)),
            toShipPath: s.contains(.shipping) ? SiteURL.ordersToShip(id, overdue: false).path : nil,
            overdue: shown(.shipping, l10n.count(day.overdue)),
            overduePath: s.contains(.shipping) && day.overdue > 0 ? SiteURL.ordersToShip(id, overdue: true).path : nil,
            refunds: shown(.refunds, l10n.count(day.refunds)), reviews: shown(.reviews, l10n.count(day.reviews)),
            sync: s.contains(.sync) ? day.sync.rawValue : "",
            syncLabel: shown(
                .sync,
                day.syncedUntil.map {
                    l10n.format("sync_health_\(day.sync.rawValue)", l10n.duration(max(0, Int(now.timeIntervalSince($0)))))
                }
                    ?? l10n[day.sync == .failing ? "sync_health_never_succeeded" : "sync_health_not_syncing"]),
            syncPath: s.contains(.sync) ? SiteURL.sync(id).path : nil)
    }

    private static func totalRow(_ days: [Workbench.StoreDay], _ l10n: Localizer) -> Row {
        func sum(_ section: WorkbenchSection, _ value: (Workbench.StoreDay) -> Int) -> String {
            let counted = days.filter { $0.sections.contains(section) }
            return counted.isEmpty ? "" : l10n.count(counted.reduce(0) { $0 + value($1) })
        }
        let selling = days.filter { $0.sections.contains(.sales) }
        let today = selling.reduce(SalesFigures.zero) { $0 + $1.today }
        let yesterday = selling.reduce(SalesFigures.zero) { $0 + $1.yesterday }
        let month = selling.reduce(SalesFigures.zero) { $0 + $1.monthToDate }
        let sells = !selling.isEmpty
        return Row(
            name: l10n["workbench_total"], path: nil, channel: "", channelLabel: "", todayOrders: sum(.sales) { $0.today.paidOrders },
            todayGMV: sells ? l10n.compactMoney(today.gmv) : "", todayGMVExact: sells ? l10n.money(today.gmv) : "",
            todayBuyers: sum(.sales) { $0.today.payingBuyers }, todayAOV: sells ? today.aov.map(l10n.money) ?? "—" : "",
            yesterdayGMV: sells ? l10n.compactMoney(yesterday.gmv) : "", yesterdayGMVExact: sells ? l10n.money(yesterday.gmv) : "",
            monthOrders: sum(.sales) { $0.monthToDate.paidOrders }, monthGMV: sells ? l10n.compactMoney(month.gmv) : "",
            monthGMVExact: sells ? l10n.money(month.gmv) : "", monthAOV: sells ? month.aov.map(l10n.money) ?? "—" : "",
            toShip: sum(.shipping) { $0.toShip }, toShipPath: nil, overdue: sum(.shipping) { $0.overdue }, overduePath: nil,
            refunds: sum(.refunds) { $0.refunds }, reviews: sum(.reviews) { $0.reviews }, sync: "", syncLabel: "", syncPath: nil)
    }
}

/// A client on the admin's home.
struct HomeClientRow: Encodable {
    var id: String
    var name: String
    var industry: String
    var storeCount: Int
    var path: String
}
