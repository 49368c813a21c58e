import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Imports")
struct ImportServiceTests {
    static func target(_ t: TestTenancy) -> ImportTarget { ImportTarget(client: t.clientA1, store: t.storeA1) }
    static let context = WriteContext(actor: "user:admin", now: Date())

    static func count(_ table: String, _ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(
            column: "n", as: Int.self)
    }

    @Test("skip mode keeps every good row and reports every bad one", arguments: TestDatabase.available)
    func skipMode(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let result = try await ImportService(database: app.db).run(
                try Fixture.data("orders-malformed.csv"), name: "orders-malformed.csv", kind: .orders, mode: .skipBadRows,
                target: Self.target(t), by: Self.context)
            #expect(result.batch.outcome == "imported" && result.batch.rowsRead == 7)
            #expect(result.batch.inserted == 2 && result.batch.rejected == 5)
            #expect(result.errors.map(\.line) == [3, 4, 5, 6, 7])
            #expect(try await Self.count("orders", app) == 2)
            let history = try await ImportBatchRepository(database: app.db).batches(stores: [t.storeA1.id.rawValue], clients: [])
            #expect(history.count == 1 && history[0].errorsJson.contains("九十九"))
            let audit = try await AuditLogRepository(database: app.db).allEntries(in: "client:\(t.clientA1.id)")
            #expect(audit.last?.action == "import.orders" && audit.last?.after?.contains(result.sha256) == true)
        }
    }

    @Test(
        "an Excel workbook imports like a CSV: good rows kept with their receivers, the bad row named by its sheet row",
        arguments: TestDatabase.available)
    func workbook(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let result = try await ImportService(database: app.db).run(
                try Fixture.data("orders.xlsx"), name: "订单报表.xlsx", kind: .orders, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(result.batch.outcome == "imported" && result.batch.inserted == 3 && result.errors.map(\.line) == [5])
            let order = try await OrderRepository(database: app.db).detail(store: t.storeA1.id, tid: "4012345678901234567")
            #expect(order?.order.receiver.name == "张三" && order?.source?.name == "订单报表.xlsx")
        }
    }

    @Test(
        "a 生意参谋 export imports its good days; the same file again changes nothing; a later report of a day replaces it",
        arguments: TestDatabase.available)
    func traffic(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let service = ImportService(database: app.db)
            let first = try await service.run(
                try Fixture.data("traffic-utf8.csv"), name: "流量.csv", kind: .traffic, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(first.batch.inserted == 2 && first.batch.rejected == 4 && first.errors.map(\.line) == [4, 5, 6, 7])
            let again = try await service.run(
                try Fixture.data("traffic-utf8.csv"), name: "流量.csv", kind: .traffic, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(again.sameFileSeenBefore && again.batch.inserted == 0 && again.batch.updated == 0 && again.batch.unchanged == 2)
            let later = try await service.run(
                try Fixture.data("traffic.xlsx"), name: "流量.xlsx", kind: .traffic, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(later.batch.updated == 2 && later.batch.unchanged == 0, "both days differ: the workbook has no buyer columns")
            let days = try await TrafficRepository(database: app.db).days(
                store: t.storeA1.id, from: BusinessDay("2026-11-01")!, through: BusinessDay("2026-11-30")!)
            #expect(days.map(\.visitors) == [1_234, 980] && days[0].payingBuyers == nil, "the later report replaced the day")
            let none = try await service.run(
                try Fixture.data("traffic-utf8.csv"), name: "x.csv", kind: .traffic, mode: .allOrNothing, target: Self.target(t),
                by: Self.context)
            #expect(none.batch.outcome == "rejected")
        }
    }

    @Test("all-or-nothing mode writes no order at all when a row is bad", arguments: TestDatabase.available)
    func allOrNothing(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let result = try await ImportService(database: app.db).run(
                try Fixture.data("orders-malformed.csv"), name: "bad.csv", kind: .orders, mode: .allOrNothing, target: Self.target(t),
                by: Self.context)
            #expect(result.batch.outcome == "rejected" && result.batch.inserted == 0 && result.errors.count == 5)
            #expect(try await Self.count("orders", app) == 0)
            #expect(try await Self.count("order_status_history", app) == 0)
            #expect(
                try await ImportBatchRepository(database: app.db).batches(stores: [t.storeA1.id.rawValue], clients: []).first?.outcome
                    == "rejected")
        }
    }

    @Test(
        "a report larger than a chunk streams: skip mode keeps every good row, all-or-nothing rolls back rows already written",
        arguments: TestDatabase.available)
    func streamed(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            // Chunks of 100: the file spans seven, the bad row sits in the second.
            let chunk = 100
            let rows = 650
            let service = ImportService(database: app.db, streamChunk: chunk)
            var csv = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\r\n"
            for i in 0..<rows {
                let paid = i == chunk + 50 ? "九十九" : "19.90"  // one bad row in the second chunk
                csv += "41000000000\(String(format: "%08d", i)),buyer\(i % 300),\(paid),交易成功,2026-11-11 10:00:00,2026-11-11 10:00:05\r\n"
            }
            let data = Data(csv.utf8)
            let all = try await service.run(
                data, name: "big.csv", kind: .orders, mode: .allOrNothing, target: Self.target(t), by: Self.context)
            #expect(all.batch.outcome == "rejected" && all.batch.rowsRead == rows && all.errors.map(\.line) == [chunk + 52])
            #expect(try await Self.count("orders", app) == 0, "the first chunk, written before the bad row was read, is rolled back")
            let skip = try await service.run(
                data, name: "big.csv", kind: .orders, mode: .skipBadRows, target: Self.target(t), by: Self.context)
            #expect(skip.batch.outcome == "imported" && skip.batch.inserted == rows - 1 && skip.batch.rejected == 1)
            #expect(try await Self.count("orders", app) == rows - 1)
        }
    }

    @Test("importing the same file again changes nothing", arguments: TestDatabase.available)
    func reimport(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let service = ImportService(database: app.db)
            let data = try Fixture.data("orders-gb18030.csv")
            let first = try await service.run(
                data, name: "a.csv", kind: .orders, mode: .allOrNothing, target: Self.target(t), by: Self.context)
            #expect(first.batch.inserted == 6 && !first.sameFileSeenBefore && first.encoding == "GB18030")
            let second = try await service.run(
                data, name: "a.csv", kind: .orders, mode: .allOrNothing, target: Self.target(t), by: Self.context)
            #expect(second.batch.inserted == 0 && second.batch.updated == 0 && second.batch.unchanged == 6 && second.sameFileSeenBefore)
            // The same orders in UTF-8 are other bytes but the same facts.
            let utf8 = try await service.run(
                try Fixture.data("orders-utf8-bom.csv"), name: "b.csv", kind: .orders, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(utf8.batch.unchanged == 6 && !utf8.sameFileSeenBefore)
            #expect(try await Self.count("orders", app) == 6)
            #expect(try await Self.count("source_records", app) == 2, "each distinct file is kept once")
            let stored = try await OrderRepository(database: app.db).orders(["4012345678901234568"], store: t.storeA1.id)
            #expect(stored["4012345678901234568"]?.payment == Money(fen: 38_050))
        }
    }

    @Test(
        "catalog, stock, orders and lines: a paid line reserves stock; a line of an unknown order is reported",
        arguments: TestDatabase.available)
    func linesAndStock(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let service = ImportService(database: app.db)
            let catalog = try await service.run(
                try Fixture.data("catalog-utf8-bom.csv"), name: "catalog.csv", kind: .catalog, mode: .skipBadRows,
                target: ImportTarget(client: t.clientA1, store: nil), by: Self.context)
            #expect(catalog.batch.inserted == 3 && catalog.errors.count == 1)
            let again = try await service.run(
                try Fixture.data("catalog-utf8-bom.csv"), name: "catalog.csv", kind: .catalog, mode: .skipBadRows,
                target: ImportTarget(client: t.clientA1, store: nil), by: Self.context)
            #expect(again.batch.unchanged == 3 && again.batch.inserted == 0)
            let cream = try #require(try await CatalogRepository(database: app.db).sku(outerID: "HY-CREAM-50", client: t.clientA1.id))
            #expect(cream.floorPrice == Money(fen: 15_900))
            let warehouse = try await CatalogRepository(database: app.db).createWarehouse(
                code: "HZ", name: "杭州仓", for: t.clientA1, by: Self.context)
            _ = try await InventoryRepository(database: app.db).change(
                .receipt, sku: cream.id, warehouse: warehouse.id, quantity: 10, reason: "入库", client: t.clientA1, by: Self.context)

            _ = try await service.run(
                try Fixture.data("orders-gb18030.csv"), name: "o.csv", kind: .orders, mode: .allOrNothing, target: Self.target(t),
                by: Self.context)
            let strict = try await service.run(
                try Fixture.data("lines-gb18030.csv"), name: "l.csv", kind: .lines, mode: .allOrNothing, target: Self.target(t),
                by: Self.context)
            #expect(strict.batch.outcome == "rejected" && strict.errors.map(\.line) == [5])
            #expect(try await Self.count("order_lines", app) == 0, "all or nothing: the good lines were rolled back too")
            let lines = try await service.run(
                try Fixture.data("lines-gb18030.csv"), name: "l.csv", kind: .lines, mode: .skipBadRows, target: Self.target(t),
                by: Self.context)
            #expect(lines.batch.updated == 3 && lines.errors.map(\.line) == [5] && lines.errors[0].reason.contains("not imported yet"))
            // Order …567 is paid, not shipped: it holds 1. Order …568 was first seen shipped: its goods were already out.
            #expect(try await InventoryRepository(database: app.db).pool(sku: cream.id)! == (10, 1))

            let refunds = try await service.run(
                try Fixture.data("refunds-utf8.csv"), name: "r.csv", kind: .refunds, mode: .allOrNothing, target: Self.target(t),
                by: Self.context)
            #expect(refunds.batch.inserted == 2)
        }
    }

    @Test("an empty or headerless file is one clear error, not a crash", arguments: TestDatabase.available)
    func emptyFile(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let result = try await ImportService(database: app.db).run(
                Data(), name: "empty.csv", kind: .orders, mode: .skipBadRows, target: Self.target(t), by: Self.context)
            #expect(result.errors.map(\.reason) == ["the file is empty"])
            #expect(result.batch.inserted == 0)
            #expect(result.batch.outcome == "rejected", "a file with no good row is a failed import, skip mode or not")
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
            let image = try await ImportService(database: app.db).run(
                png, name: "x.png", kind: .orders, mode: .skipBadRows, target: Self.target(t), by: Self.context)
            #expect(image.batch.outcome == "rejected" && image.errors.first?.reason.contains("binary") == true)
        }
    }
}
