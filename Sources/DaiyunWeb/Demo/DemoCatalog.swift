import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import DaiyunSimulation
import Foundation
import Vapor

/// The demo brands' catalogs, stock, and a year of orders and refunds per store.
enum DemoCatalog {
    struct Item {
        var title: String, category: String, sellingPoints: String
        var skus: [(outer: String, properties: String, price: Int64, floor: Int64, cost: Int64, stock: Int)]
    }

    static let items: [String: [Item]] = [
        "花漾美妆 Huayang Beauty": [
            Item(
                title: "花漾 玻尿酸保湿面霜", category: "美妆/面霜", sellingPoints: "72小时长效保湿 敏感肌可用",
                skus: [
                    ("HY-CREAM-50", "规格:50ml", 19_900, 15_900, 4_200, 800), ("HY-CREAM-100", "规格:100ml", 29_900, 23_900, 6_500, 400),
                ]),
            Item(
                title: "花漾 烟酰胺精华液", category: "美妆/精华", sellingPoints: "提亮肤色", skus: [("HY-SERUM-30", "规格:30ml", 9_900, 7_900, 2_100, 1_200)]
            ),
            Item(
                title: "花漾 补水面膜", category: "美妆/面膜", sellingPoints: "一片补水",
                skus: [("HY-MASK-5", "片数:5片", 5_900, 4_500, 1_200, 2_000), ("HY-MASK-10", "片数:10片", 9_900, 7_900, 2_200, 900)]),
            Item(
                title: "花漾 氨基酸洁面乳", category: "美妆/洁面", sellingPoints: "温和清洁",
                skus: [("HY-CLEAN-120", "规格:120g", 6_900, 5_500, 1_300, 1_500)]),
            Item(
                title: "花漾 清透防晒霜", category: "美妆/防晒", sellingPoints: "SPF50+ PA++++",
                skus: [("HY-SUN-50", "规格:50ml", 12_900, 9_900, 2_600, 700)]),
        ],
        "织锦服饰 Zhijin Apparel": [
            Item(
                title: "织锦 桑蚕丝衬衫 女", category: "女装/衬衫", sellingPoints: "22姆米重磅真丝",
                skus: [
                    ("ZJ-SILK-S", "颜色:白色;尺码:S", 39_900, 32_900, 12_000, 120), ("ZJ-SILK-M", "颜色:白色;尺码:M", 39_900, 32_900, 12_000, 200),
                    ("ZJ-SILK-L", "颜色:白色;尺码:L", 39_900, 32_900, 12_000, 140),
                ]),
            Item(
                title: "织锦 双面羊毛大衣", category: "女装/大衣", sellingPoints: "澳洲美利奴羊毛",
                skus: [("ZJ-COAT-M", "颜色:驼色;尺码:M", 129_900, 99_900, 42_000, 80), ("ZJ-COAT-L", "颜色:驼色;尺码:L", 129_900, 99_900, 42_000, 60)]),
            Item(
                title: "织锦 针织开衫", category: "女装/毛衣", sellingPoints: "羊绒混纺", skus: [("ZJ-KNIT-M", "颜色:燕麦色;尺码:M", 29_900, 24_900, 8_000, 300)]
            ),
            Item(
                title: "织锦 高腰阔腿裤", category: "女装/裤子", sellingPoints: "垂感西装面料",
                skus: [("ZJ-PANT-M", "颜色:黑色;尺码:M", 25_900, 19_900, 6_500, 260), ("ZJ-PANT-L", "颜色:黑色;尺码:L", 25_900, 19_900, 6_500, 180)]),
        ],
        "禾田食品 Hetian Foods": [
            Item(
                title: "禾田 五常稻花香大米 5kg", category: "食品/米面", sellingPoints: "当季新米",
                skus: [("HT-RICE-5", "规格:5kg", 8_900, 6_900, 4_500, 1_500)]),
            Item(title: "禾田 每日坚果礼盒", category: "食品/坚果", sellingPoints: "30袋装", skus: [("HT-NUTS-30", "规格:30袋", 12_900, 9_900, 6_000, 900)]),
            Item(
                title: "禾田 新疆若羌灰枣", category: "食品/果干", sellingPoints: "一级果", skus: [("HT-DATE-500", "规格:500g", 3_900, 2_900, 1_500, 2_500)]),
            Item(
                title: "禾田 百花蜂蜜", category: "食品/冲饮", sellingPoints: "成熟蜜", skus: [("HT-HONEY-500", "规格:500g", 6_900, 4_900, 2_400, 1_100)]),
        ],
    ]

    /// Orders on an ordinary weekday, per store.
    static func baseOrdersPerDay(_ store: Store) -> Double {
        switch store.channel {
        case .tmall: 24
        case .pdd: 18
        case .douyin: 14
        default: 8
        }
    }

    /// Creates the catalog and stock of a client, then a year of orders for each of its stores;
    /// what an interrupted run already made is found and kept (see `DemoData.ensure`).
    static func seed(
        client: Client, stores: [Store], on app: Application, now: Date, checkpoint: (String) throws -> Void, log: (String) -> Void
    ) async throws {
        let context = WriteContext(actor: "job:demo", now: now, ids: app.services.ids)
        let catalog = CatalogRepository(database: app.db)
        let inventory = InventoryRepository(database: app.db)
        let warehouse = try await DemoData.found(try await catalog.warehouses(of: client.id).first { $0.code == "WH01" }) {
            try await catalog.createWarehouse(code: "WH01", name: "杭州主仓 Hangzhou", for: client, by: context)
        }
        let counted = Set(try await inventory.stock(of: client.id).filter { $0.countedAt != nil }.map(\.skuID))
        var simulated: [SimulatedSKU] = []
        for item in items[client.name] ?? [] {
            let drafts = try item.skus.map {
                try SKUDraft(
                    outerID: $0.outer, properties: $0.properties, listPrice: Money(fen: $0.price), floorPrice: Money(fen: $0.floor),
                    cost: Money(fen: $0.cost))
            }
            // A product and its SKUs are written together: the first SKU tells whether it exists.
            var skus: [SKU] = []
            for draft in drafts { if let sku = try await catalog.sku(outerID: draft.outerID, client: client.id) { skus.append(sku) } }
            if skus.count != drafts.count {
                skus = try await catalog.createProduct(
                    try ProductDraft(title: item.title, category: item.category, sellingPoints: item.sellingPoints), skus: drafts,
                    for: client, by: context
                ).1
            }
            for (sku, seed) in zip(skus, item.skus) {
                if !counted.contains(sku.id) {
                    _ = try await inventory.change(
                        .stocktake, sku: sku.id, warehouse: warehouse.id, quantity: seed.stock, reason: "接手盘点", client: client, by: context)
                }
                simulated.append(SimulatedSKU(outerID: sku.outerID, title: item.title, properties: sku.properties, price: sku.listPrice))
            }
            try checkpoint("product \(item.title)")
        }
        if try await inventory.safetyStock(of: client.id)[.tmall] == nil {
            try await inventory.setSafetyStock(5, for: .tmall, client: client, by: context)
        }
        let today = BusinessDay(containing: now)
        let from = BusinessDay(containing: today.start.addingTimeInterval(-365 * 86_400))
        let until = BusinessDay(containing: today.start.addingTimeInterval(86_400 + 3600))
        for (index, store) in stores.enumerated() where !simulated.isEmpty {
            // Each store's year is one transaction: present whole, or not at all.
            let hasOrders = try await OrderRepository(database: app.db).hasOrders(store: store.id, fromSourceKind: "demo-generator")
            let hasTraffic = try await !TrafficRepository(database: app.db).days(store: store.id, from: from, through: from).isEmpty
            if hasOrders && hasTraffic { continue }
            let seed = UInt64(abs(Int(store.shopID.utf8.reduce(7) { $0 &* 31 &+ Int($1) })) % 1_000_000) + UInt64(index)
            let simulator = StoreSimulator(
                store: store.id, skus: simulated, baseOrdersPerDay: baseOrdersPerDay(store),
                firstOrderNumber: 2_000_000_000_000_000_000 + UInt64(index + 1) * 100_000_000_000_000 + seed * 1_000_000, seed: seed)
            // A store the sandbox simulates gets its last 90 days from the sandbox, by sync.
            let simulatedBySandbox = DemoSandbox.simulates(store)
            let storeUntil =
                simulatedBySandbox
                ? BusinessDay(containing: today.start.addingTimeInterval(-Double(DemoSandbox.historyDays) * 86_400)) : until
            let year = simulator.generate(from: from, until: storeUntil, now: now)
            // The generator's parameters are the raw input these rows come from.
            let parameters =
                #"{"generator":"StoreSimulator","seed":\#(seed),"base_orders_per_day":\#(baseOrdersPerDay(store)),"from":"\#(from)","until":"\#(storeUntil)"}"#
            if !hasTraffic {
                try await importTraffic(
                    TrafficSimulator.sold(year.orders, on: from.days(until: min(storeUntil, today))),
                    words: AdSimulator.words(of: year.orders),
                    into: store, of: client, seed: seed, on: app, by: context)
            }
            if hasOrders { continue }
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data(parameters.utf8), name: "demo-year-\(store.shopID).json", kind: "demo-generator",
                agency: client.agencyID, store: store.id, by: context
            ).record.id
            try await app.db.transaction { tx in
                _ = try await OrderWriter(database: tx).apply(year.orders, store: store, source: source, by: context)
                _ = try await RefundWriter(database: tx).apply(year.refunds, store: store, source: source, by: context)
            }
            log("demo: \(store.name): \(year.orders.count) orders, \(year.refunds.count) refunds")
            try checkpoint("orders \(store.shopID)")
        }
    }

    /// Imports a store's simulated 生意参谋 export and ad report as a user would, through the import service.
    static func importTraffic(
        _ days: [TrafficSimulator.Sold], words: [String], into store: Store, of client: Client, seed: UInt64, on app: Application,
        by context: WriteContext
    ) async throws {
        guard let first = days.first?.day, let last = days.last?.day else { return }
        let file = Data(TrafficSimulator.csv(days, seed: seed).utf8)
        _ = try await ImportService(database: app.db).run(
            file, name: "生意参谋-\(store.shopID)-\(first)-\(last).csv", kind: .traffic, mode: .skipBadRows,
            target: ImportTarget(client: client, store: store), by: context)
        // The store's 直通车 and 万相台 report over the same days.
        _ = try await ImportService(database: app.db).run(
            Data(AdSimulator.csv(days, seed: seed, words: words).utf8), name: "推广报表-\(store.shopID)-\(first)-\(last).csv", kind: .ads,
            mode: .skipBadRows, target: ImportTarget(client: client, store: store), by: context)
    }
}
