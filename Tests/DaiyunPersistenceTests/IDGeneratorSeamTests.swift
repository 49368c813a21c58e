import DaiyunCore
import DaiyunPersistence
import DaiyunTestSupport
import Foundation
import SQLKit
import Testing

@Suite("The id generator is passed in")
struct IDGeneratorSeamTests {
    @Test("every row an order import creates takes its id from the write context's generator", arguments: TestDatabase.available)
    func orderImport(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let s = try await OrderWriterTests.setUp(app, onHand: 10)
            let ids = CountingIDs()
            let context = WriteContext(actor: "job:test", now: OrderWriterTests.t0, ids: ids)
            let orders = (1...3).map { OrderWriterTests.order("88000000000000\($0)", .waitSellerSendGoods, store: s.t.storeA1) }
            let refund = Refund(
                storeID: s.t.storeA1.id, refundID: "R88", tid: orders[0].tid, oid: orders[0].lines[0].oid, status: .waitSellerAgree,
                phase: .onsale, refundFee: Money(fen: 100), createdAt: OrderWriterTests.t0, modifiedAt: OrderWriterTests.t0)
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(orders, store: s.t.storeA1, source: s.source, by: context)
                _ = try await RefundWriter(database: tx).apply([refund], store: s.t.storeA1, source: s.source, by: context)
            }
            let sql = app.db as! any SQLDatabase
            var rows = 0
            for table in ["orders", "order_lines", "order_status_history", "refunds"] {
                let found = try await sql.raw("SELECT id FROM \(unsafeRaw: table) WHERE store_id = \(bind: s.t.storeA1.id.rawValue)").all()
                    .map { try $0.decode(column: "id", as: UUID.self) }
                #expect(!found.isEmpty, "\(table) has rows")
                #expect(found.allSatisfy(ids.made), "\(table): every id is the generator's")
                rows += found.count
            }
            // The paid orders reserved stock: each reservation is a movement.
            let movements = try await sql.raw("SELECT id FROM stock_movements WHERE store_id = \(bind: s.t.storeA1.id.rawValue)").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            #expect(movements.count == 3 && movements.allSatisfy(ids.made))
            #expect(ids.made == UInt64(rows + movements.count), "no id was made beside the rows")
        }
    }
}
