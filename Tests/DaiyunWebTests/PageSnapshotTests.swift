import DaiyunCore
import Foundation
import SnapshotTesting
import Testing
import Vapor

@testable import DaiyunPersistence
@testable import DaiyunWeb

/// Pages rendered to HTML from fixed values, without a database or a request, and compared with
/// the committed snapshots in `__Snapshots__`: a template or context change shows in review.
/// Delete a snapshot file and run the tests once to record it again.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let agency = ID<Agency>(UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!)
    static let client = Client(
        id: ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!), agencyID: agency, name: "花漾美妆 Huayang Beauty",
        industry: "美妆 Beauty")
    static let store = Store(
        id: ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!), agencyID: agency, clientID: client.id, channel: .tmall,
        shopID: "tm-huayang-001", name: "花漾美妆天猫旗舰店", status: .active, takenOverOn: BusinessDay(year: 2025, month: 3, day: 1)!)
    static let admin = Layout.Badge(
        name: "刘总（管理员）", login: "admin", kind: "代运营管理员", isAdmin: true, isBrandViewer: false, canSeeAudit: true, canImport: true,
        canSeeContracts: true,
        homePath: SiteURL.home.path)

    /// The page's HTML in `language`, as the admin sees it.
    static func html(_ page: some PageContent, _ language: Language, path: String) async throws -> String {
        let app = try await Application.make(.testing)
        do {
            app.directory = DirectoryConfiguration(workingDirectory: root.path + "/")
            app.views.use(.leaf)
            app.leaf.cache.isEnabled = false
            let layout = Layout(
                lang: language.rawValue, title: page.title, csrf: "csrf-token", user: admin, flash: nil, flashError: nil, currentPath: path)
            let view = try await Page.view(page, layout: layout, language: language, on: app.view)
            try await app.asyncShutdown()
            return String(buffer: view.data)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    @Test("the admin's workbench: figures, queues, two stores and their total", arguments: Language.allCases)
    func home(_ language: Language) async throws {
        let l10n = Localizer(language: language)
        let other = Store(
            id: ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000e2")!), agencyID: Self.agency, clientID: Self.client.id,
            channel: .douyin, shopID: "dy-huayang-001", name: "花漾美妆抖音小店", status: .onboarding,
            takenOverOn: BusinessDay(year: 2026, month: 9, day: 1)!)
        let now = ShanghaiTime.parse("2026-12-02 10:30:00")!
        let principal = Principal(userID: ID(UUID()), agencyID: Self.agency, kind: .agencyAdmin)
        var tmall = Workbench.StoreDay(store: Self.store, clientName: Self.client.name, sections: Set(WorkbenchSection.allCases))
        tmall.today = SalesFigures(paidOrders: 128, gmv: Money(fen: 12_345_678), payingBuyers: 120)
        tmall.yesterday = SalesFigures(paidOrders: 301, gmv: Money(fen: 29_990_000), payingBuyers: 290)
        (tmall.toShip, tmall.overdue, tmall.refunds, tmall.reviews) = (57, 3, 4, 1)
        (tmall.sync, tmall.syncedUntil) = (.healthy, now.addingTimeInterval(-40))
        var douyin = Workbench.StoreDay(store: other, clientName: Self.client.name, sections: Set(WorkbenchSection.allCases))
        douyin.today = SalesFigures(paidOrders: 2, gmv: Money(fen: 39_800), payingBuyers: 2)
        douyin.sync = .notSyncing
        var bench = Workbench(now: now, principal: principal, stores: [tmall, douyin])
        bench.ordersToShip = [
            OrderToShip(
                storeID: Self.store.id, tid: "2000000000000000101", buyerNick: "t**1", payment: Money(fen: 129_900),
                paidAt: now.addingTimeInterval(-50 * 3600), due: now.addingTimeInterval(-2 * 3600))
        ]
        bench.refunds = [
            RefundToHandle(
                storeID: Self.store.id, refundID: "R1", tid: "2000000000000000099", status: .waitSellerAgree, phase: .aftersale,
                refundFee: Money(fen: 5_900), createdAt: now.addingTimeInterval(-3600))
        ]
        bench.lowStock = [
            LowStockSKU(
                clientID: Self.client.id, skuID: UUID(uuidString: "00000000-0000-0000-0000-0000000000f1")!, outerID: "HY-CREAM-50",
                title: "保湿面霜", properties: "50ml", cover: StockCover(available: 12, soldInPace: 70, warnAt: 20))
        ]
        let page = WorkbenchPage(bench, clients: [Self.client], canManageClients: true, l10n)
        let html = try await Self.html(page, language, path: "/")
        assertSnapshot(of: html, as: .lines, named: language.rawValue)
    }

    @Test("a client's page with its audit head", arguments: Language.allCases)
    func client(_ language: Language) async throws {
        let head = AuditChainHead(count: 42, hash: String(repeating: "ab", count: 32))
        let page = ClientPage(
            client: Self.client, stores: [Self.store], canManage: true, canSeeAudit: true, head: head,
            today: BusinessDay(year: 2026, month: 12, day: 2)!, Localizer(language: language))
        let html = try await Self.html(page, language, path: SiteURL.client(Self.client.id).path)
        assertSnapshot(of: html, as: .lines, named: language.rawValue)
    }

    @Test("a store's order list, filtered, with a next page", arguments: Language.allCases)
    func orders(_ language: Language) async throws {
        let created = ShanghaiTime.parse("2026-11-11 00:00:05")!
        let orders = [
            OrderSummary(
                id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, tid: "2000000000000000101", status: .waitSellerSendGoods,
                buyerNick: "t**1", payment: Money(fen: 12_900), createdAt: created, paidAt: created.addingTimeInterval(30),
                countedPaidAt: nil,
                isPreSale: false, needsAttention: false),
            OrderSummary(
                id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, tid: "2000000000000000102", status: .waitBuyerPay,
                buyerNick: "小**", payment: Money(fen: 39_800), createdAt: created.addingTimeInterval(60), paidAt: nil, countedPaidAt: nil,
                isPreSale: true, needsAttention: true),
        ]
        var query = OrderListQuery()
        query.filter.status = .waitSellerSendGoods
        query.echo = ["status": OrderStatus.waitSellerSendGoods.rawValue]
        let next = OrderCursor(createdAt: created, id: orders[0].id)
        let page = OrdersIndexPage(
            store: Self.store, clientName: Self.client.name, orders: orders, next: next, query: query,
            summary: (orders: 1_204, payment: Money(fen: 15_532_800)), Localizer(language: language))
        let html = try await Self.html(page, language, path: SiteURL.orders(Self.store.id).path)
        assertSnapshot(of: html, as: .lines, named: language.rawValue)
    }
}
