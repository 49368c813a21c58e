import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Orders, refunds and stock")
struct OrderWriterTests {
    static let t0 = Date(timeIntervalSince1970: 1_794_326_400)

    /// A catalog SKU with stock in one warehouse, and a source record to attach rows to.
    struct Setup {
        var t: TestTenancy
        var sku: SKU
        var source: UUID
    }

    static func setUp(_ app: Application, onHand: Int) async throws -> Setup {
        let t = try await TestTenancy.create(on: app)
        let context = WriteContext(actor: "job:test", now: Date())
        let catalog = CatalogRepository(database: app.db)
        let (_, skus) = try await catalog.createProduct(
            try ProductDraft(title: "保湿面霜 50ml", category: "美妆/面霜"),
            skus: [
                try SKUDraft(outerID: "HY-CREAM-50", listPrice: Money(fen: 19_900), floorPrice: Money(fen: 15_900), cost: Money(fen: 4_000))
            ],
            for: t.clientA1, by: context)
        let warehouse = try await catalog.createWarehouse(code: "HZ01", name: "杭州仓", for: t.clientA1, by: context)
        if onHand > 0 {
            _ = try await InventoryRepository(database: app.db).change(
                .receipt, sku: skus[0].id, warehouse: warehouse.id, quantity: onHand, reason: "首批入库", client: t.clientA1, by: context)
        }
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("test".utf8), name: "test", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        return Setup(t: t, sku: skus[0], source: source)
    }

    static func order(
        _ tid: String, _ status: OrderStatus, store: Store, quantity: Int = 1, modified: TimeInterval = 0, outer: String = "HY-CREAM-50"
    ) -> Order {
        let line = OrderLine(
            oid: tid + "1", outerSkuID: outer, title: "保湿面霜", price: Money(fen: 19_900), quantity: quantity,
            payment: Money(fen: 19_900 * Int64(quantity)), status: status)
        return Order(
            storeID: store.id, tid: tid, status: status, buyerNick: "t***1", payment: Money(fen: 19_900 * Int64(quantity)),
            totalFee: Money(fen: 19_900 * Int64(quantity)), createdAt: t0, paidAt: status.isPaid ? t0 : nil,
            modifiedAt: t0.addingTimeInterval(modified), lines: [line])
    }

    static func apply(_ orders: [Order], _ s: Setup, on db: any Database) async throws -> UpsertCounts {
        try await db.transaction { tx in
            try await OrderWriter(database: tx).apply(
                orders, store: s.t.storeA1, source: s.source, by: WriteContext(actor: "job:test", now: Date()))
        }
    }

    @Test("a batch applied twice changes nothing the second time; statuses only move forward", arguments: TestDatabase.available)
    func idempotent(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 10)
            let batch = (1...30).map { Self.order("40000000000000000\($0)", .waitSellerSendGoods, store: s.t.storeA1) }
            #expect(try await Self.apply(batch, s, on: app.db) == UpsertCounts(inserted: 30))
            #expect(try await Self.apply(batch, s, on: app.db) == UpsertCounts(unchanged: 30))
            let shipped = [Self.order("400000000000000001", .waitBuyerConfirmGoods, store: s.t.storeA1, modified: 60)]
            #expect(try await Self.apply(shipped, s, on: app.db) == UpsertCounts(updated: 1))
            let late = [Self.order("400000000000000001", .waitSellerSendGoods, store: s.t.storeA1, modified: 30)]
            #expect(try await Self.apply(late, s, on: app.db) == UpsertCounts(unchanged: 1), "a late report moves nothing back")
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT status FROM orders WHERE tid = '400000000000000001'").all()
            #expect(try rows.first?.decode(column: "status", as: String.self) == "WAIT_BUYER_CONFIRM_GOODS")
            let history = try await (app.db as! any SQLDatabase).raw(
                "SELECT status FROM order_status_history WHERE tid = '400000000000000001' ORDER BY observed_at"
            ).all()
            #expect(
                try history.map { try $0.decode(column: "status", as: String.self) } == [
                    "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS",
                ])
        }
    }

    @Test("a batch carrying an order several times writes the merge of its reports, once", arguments: TestDatabase.available)
    func repeatedInBatch(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 10)
            let batch = [
                Self.order("410000000000000001", .waitSellerSendGoods, store: s.t.storeA1),
                Self.order("410000000000000002", .waitSellerSendGoods, store: s.t.storeA1),
                Self.order("410000000000000001", .waitBuyerConfirmGoods, store: s.t.storeA1, modified: 60),
                Self.order("410000000000000001", .waitSellerSendGoods, store: s.t.storeA1, modified: 30),
                Self.order("410000000000000002", .waitSellerSendGoods, store: s.t.storeA1, modified: 10),
            ]
            #expect(try await Self.apply(batch, s, on: app.db) == UpsertCounts(inserted: 2))
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT tid, status FROM orders ORDER BY tid").all()
            #expect(
                try rows.map { "\(try $0.decode(column: "tid", as: String.self)) \(try $0.decode(column: "status", as: String.self))" }
                    == ["410000000000000001 WAIT_BUYER_CONFIRM_GOODS", "410000000000000002 WAIT_SELLER_SEND_GOODS"])
            let history = try await sql.raw("SELECT tid FROM order_status_history ORDER BY tid").all()
            #expect(try history.map { try $0.decode(column: "tid", as: String.self) } == ["410000000000000001", "410000000000000002"])
        }
    }

    @Test(
        "a stored order read back equals the report, nulls included, and a column holding the wrong type is a clear error naming table and column",
        arguments: TestDatabase.available)
    func rowsReadByPosition(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 10)
            var order = Self.order("5000", .waitBuyerConfirmGoods, store: s.t.storeA1)
            order.stepStatus = .fullyPaid
            order.type = "step"
            order.sellerMemo = "备注：加急\t\"引号\"\\"
            order.buyerOpenUID = "AAE-open"
            order.consignedAt = Self.t0.addingTimeInterval(3_600.25)
            let bare = Self.order("5001", .waitBuyerPay, store: s.t.storeA1)
            #expect(bare.paidAt == nil && bare.stepStatus == nil && bare.buyerOpenUID == nil)
            _ = try await Self.apply([order, bare], s, on: app.db)
            let stored = try await OrderRepository(database: app.db).orders(["5000", "5001"], store: s.t.storeA1.id)
            order.lines.sort { $0.oid < $1.oid }
            #expect(stored["5000"] == order)
            #expect(stored["5001"] == bare)
            // SQLite alone lets a column hold another type (an edit by hand, say); PostgreSQL refuses it on write.
            guard database == .sqlite else { return }
            try await (app.db as! any SQLDatabase).raw("UPDATE orders SET payment_fen = 'twelve' WHERE tid = '5000'").run()
            await #expect(throws: PersistenceError.unreadableColumn(table: "orders", column: 9, expected: "integer")) {
                _ = try await OrderRepository(database: app.db).orders(["5000"], store: s.t.storeA1.id)
            }
        }
    }

    @Test(
        "a batch naming an unknown source record, or one of another agency, is refused and writes nothing",
        arguments: TestDatabase.available)
    func parentsChecked(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 10)
            let context = WriteContext(actor: "job:test", now: Date())
            let otherAgency = try await SourceRecordRepository(database: app.db).keep(
                Data("b".utf8), name: "b", kind: "upload", agency: s.t.agencyB.id, store: s.t.storeB.id, by: context
            ).record.id
            for source in [UUID(), otherAgency] {
                var bad = s
                bad.source = source
                await #expect(throws: PersistenceError.missingReference(field: "source_record_id")) {
                    _ = try await Self.apply([Self.order("6000", .waitSellerSendGoods, store: s.t.storeA1)], bad, on: app.db)
                }
                await #expect(throws: PersistenceError.missingReference(field: "source_record_id")) {
                    try await app.db.transaction { tx in
                        _ = try await RefundWriter(database: tx).apply(
                            [], store: s.t.storeA1, source: source, by: WriteContext(actor: "job:test", now: Date()))
                    }
                }
            }
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM orders").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 0)
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)! == (10, 0))
        }
    }

    @Test("paid reserves, shipped deducts, closed releases; a shortage is flagged, not accepted", arguments: TestDatabase.available)
    func stockFollowsOrders(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 5)
            let inventory = InventoryRepository(database: app.db)
            let store = s.t.storeA1
            _ = try await Self.apply(
                [
                    Self.order("1001", .waitSellerSendGoods, store: store, quantity: 2),
                    Self.order("1002", .waitSellerSendGoods, store: store, quantity: 2),
                ], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (5, 4))
            _ = try await Self.apply([Self.order("1003", .waitSellerSendGoods, store: store, quantity: 2)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (5, 4), "no oversell: the third order cannot be held")
            let flagged = try await (app.db as! any SQLDatabase).raw("SELECT tid FROM orders WHERE needs_attention = \(bind: true)").all()
            #expect(try flagged.map { try $0.decode(column: "tid", as: String.self) } == ["1003"])

            _ = try await Self.apply([Self.order("1001", .waitBuyerConfirmGoods, store: store, quantity: 2, modified: 10)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (3, 2))
            _ = try await Self.apply([Self.order("1002", .closed, store: store, quantity: 2, modified: 10)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (3, 0))
            _ = try await Self.apply([Self.order("1001", .finished, store: store, quantity: 2, modified: 20)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (3, 0), "finishing a shipped order moves nothing")
            let kinds = try await inventory.movements(of: s.t.clientA1.id, sku: s.sku.id).map(\.kind)
            #expect(kinds.sorted() == ["deduct", "receipt", "release", "reserve", "reserve"])
        }
    }

    @Test(
        "an order first seen shipped deducts once if its goods left after the last count, nothing if before",
        arguments: TestDatabase.available)
    func shippedUnseen(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            // Received now, then counted earlier in the test's timeline: the stock-take is the count.
            let s = try await Self.setUp(app, onHand: 3)
            let inventory = InventoryRepository(database: app.db)
            let store = s.t.storeA1
            let count = Self.t0.addingTimeInterval(3_600)
            let warehouse = try await CatalogRepository(database: app.db).warehouses(of: s.t.clientA1.id)[0]
            _ = try await inventory.change(
                .stocktake, sku: s.sku.id, warehouse: warehouse.id, quantity: 10, reason: "接手盘点", client: s.t.clientA1,
                by: WriteContext(actor: "user:warehouse", now: count))
            func shipped(_ tid: String, _ status: OrderStatus, at consigned: Date?, quantity: Int = 1, modified: TimeInterval = 0) -> Order
            {
                var order = Self.order(tid, status, store: store, quantity: quantity, modified: modified)
                order.consignedAt = consigned
                return order
            }
            _ = try await Self.apply(
                [
                    shipped("3001", .waitBuyerConfirmGoods, at: count.addingTimeInterval(3_600), quantity: 2),
                    shipped("3002", .waitBuyerConfirmGoods, at: count.addingTimeInterval(-60)),
                    shipped("3003", .finished, at: nil),
                ], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (8, 0), "only the order that left after the count is taken off")
            _ = try await Self.apply(
                [shipped("3001", .finished, at: count.addingTimeInterval(3_600), quantity: 2, modified: 10)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (8, 0), "never twice")

            _ = try await Self.apply([Self.order("3004", .waitBuyerPay, store: store)], s, on: app.db)
            _ = try await Self.apply(
                [shipped("3004", .waitBuyerConfirmGoods, at: count.addingTimeInterval(7_200), modified: 10)], s, on: app.db)
            #expect(try await inventory.pool(sku: s.sku.id)! == (7, 0), "seen unpaid, then shipped between two reports")
            let movements = try await inventory.movements(of: s.t.clientA1.id, sku: s.sku.id)
            #expect(movements.map(\.kind).sorted() == ["deduct", "deduct", "receipt", "stocktake"])
            let states = try await (app.db as! any SQLDatabase).raw("SELECT tid, stock_state FROM order_lines ORDER BY tid").all()
            #expect(
                try states.map { try $0.decode(column: "stock_state", as: String.self) } == [
                    "deducted", "untouched", "untouched", "deducted",
                ])
        }
    }

    @Test("a pre-sale order holds no stock until its final payment", arguments: TestDatabase.available)
    func preSale(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 5)
            var deposit = Self.order("2001", .waitBuyerPay, store: s.t.storeA1)
            deposit.type = "step"
            deposit.stepStatus = .depositPaid
            _ = try await Self.apply([deposit], s, on: app.db)
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)!.reserved == 0)
            var final = Self.order("2001", .waitSellerSendGoods, store: s.t.storeA1, modified: 10)
            final.type = "step"
            final.stepStatus = .fullyPaid
            _ = try await Self.apply([final], s, on: app.db)
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)!.reserved == 1)
            let row = try await (app.db as! any SQLDatabase).raw("SELECT counted_paid_at FROM orders WHERE tid = '2001'").first()
            #expect(try row?.decode(column: "counted_paid_at", as: Date?.self) != nil)
        }
    }

    @Test("concurrent checkouts of one and two units never oversell, and each sale is one kept movement", arguments: TestDatabase.available)
    func concurrentReservations(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 37)
            let lane = CheckoutLane(database: app.db)
            let held = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<150 {
                    group.addTask {
                        let quantity = 1 + i % 2
                        let sold = try await lane.reserve(
                            sku: s.sku.id, quantity: quantity, store: s.t.storeA1.id, oid: "f\(i)", actor: "job:test", at: Date())
                        return sold ? quantity : 0
                    }
                }
                return try await group.reduce(0, +)
            }
            // Every unit sells unless the last one is left for two-unit attempts only.
            #expect(held == 37 || held == 36)
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)! == (37, held))
            let kept = try await (app.db as! any SQLDatabase).raw(
                "SELECT CAST(SUM(reserved_change) AS BIGINT) AS n FROM stock_movements WHERE kind = 'reserve'"
            ).first()
            #expect(try kept?.decode(column: "n", as: Int.self) == held)
        }
    }

    @Test("concurrent paid orders from several batches hold exactly the stock there is", arguments: TestDatabase.available)
    func concurrentOrders(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 20)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<10 {
                    group.addTask {
                        let orders = (0..<5).map { Self.order("9\(batch)\($0)", .waitSellerSendGoods, store: s.t.storeA1) }
                        _ = try await Self.apply(orders, s, on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)! == (20, 20))
            let flagged = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM orders WHERE needs_attention = \(bind: true)"
            ).first()
            #expect(try flagged?.decode(column: "n", as: Int.self) == 30)
        }
    }

    @Test("concurrent reports of the same orders never move a status back nor move stock twice", arguments: TestDatabase.available)
    func concurrentReportsOfOneOrder(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 40)
            let tids = (1...20).map { "77000000000000\($0)" }
            _ = try await Self.apply(tids.map { Self.order($0, .waitSellerSendGoods, store: s.t.storeA1) }, s, on: app.db)
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)! == (40, 20))
            // Each order is reported shipped and finished at once, by two writers (a sync and a file).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for tid in tids {
                    group.addTask {
                        _ = try await Self.apply([Self.order(tid, .waitBuyerConfirmGoods, store: s.t.storeA1, modified: 60)], s, on: app.db)
                    }
                    group.addTask {
                        _ = try await Self.apply([Self.order(tid, .finished, store: s.t.storeA1, modified: 120)], s, on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            let statuses = try await (app.db as! any SQLDatabase).raw("SELECT status FROM orders WHERE tid LIKE '77%'").all()
                .map { try $0.decode(column: "status", as: String.self) }
            #expect(statuses == Array(repeating: "TRADE_FINISHED", count: 20))
            #expect(try await InventoryRepository(database: app.db).pool(sku: s.sku.id)! == (20, 0), "each unit deducted once")
        }
    }

    @Test("refunds: repeated reports change nothing, finished ones never change", arguments: TestDatabase.available)
    func refunds(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 0)
            func refund(_ status: RefundStatus, _ modified: TimeInterval) -> Refund {
                Refund(
                    storeID: s.t.storeA1.id, refundID: "R1", tid: "1001", oid: "10011", status: status, phase: .aftersale,
                    refundFee: Money(fen: 9_900), createdAt: Self.t0, modifiedAt: Self.t0.addingTimeInterval(modified))
            }
            func apply(_ refunds: [Refund]) async throws -> UpsertCounts {
                try await app.db.transaction {
                    try await RefundWriter(database: $0).apply(
                        refunds, store: s.t.storeA1, source: s.source, by: WriteContext(actor: "job:test", now: Date()))
                }
            }
            #expect(try await apply([refund(.waitSellerAgree, 0)]) == UpsertCounts(inserted: 1))
            #expect(try await apply([refund(.waitSellerAgree, 0)]) == UpsertCounts(unchanged: 1))
            #expect(try await apply([refund(.success, 10)]) == UpsertCounts(updated: 1))
            #expect(try await apply([refund(.closed, 20)]) == UpsertCounts(unchanged: 1))
        }
    }

    @Test("stock changes by hand are audited; a stock-take sets the count; bad input is refused", arguments: TestDatabase.available)
    func manualStock(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await Self.setUp(app, onHand: 10)
            let inventory = InventoryRepository(database: app.db)
            let warehouse = try await CatalogRepository(database: app.db).warehouses(of: s.t.clientA1.id)[0]
            let context = WriteContext(actor: "user:warehouse", now: Date())
            #expect(
                try await inventory.change(
                    .stocktake, sku: s.sku.id, warehouse: warehouse.id, quantity: 7, reason: "月度盘点", client: s.t.clientA1, by: context) == 7
            )
            #expect(try await inventory.pool(sku: s.sku.id)!.onHand == 7)
            await #expect(throws: ValidationError.self) {
                _ = try await inventory.change(
                    .adjustment, sku: s.sku.id, warehouse: warehouse.id, quantity: -8, reason: "破损", client: s.t.clientA1, by: context)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await inventory.change(
                    .adjustment, sku: s.sku.id, warehouse: warehouse.id, quantity: -1, reason: " ", client: s.t.clientA1, by: context)
            }
            await #expect(throws: ValidationError.self, "another client's warehouse") {
                _ = try await inventory.change(
                    .receipt, sku: s.sku.id, warehouse: warehouse.id, quantity: 1, reason: "x", client: s.t.clientA2, by: context)
            }
            let entries = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(s.t.clientA1.id)")
            #expect(entries.suffix(2).map(\.action) == ["stock.receipt", "stock.stocktake"])
            #expect(try await inventory.pool(sku: s.sku.id)!.onHand == 7, "refused changes left nothing behind")
        }
    }
}
