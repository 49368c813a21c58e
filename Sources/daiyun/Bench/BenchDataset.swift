import DaiyunCore
import DaiyunSimulation
import Foundation

/// The generated year every run measures: one store, twenty SKUs, seeded.
struct BenchDataset {
    static let store = ID<Store>(UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!)
    let orders: [Order]
    let refunds: [Refund]
    let skus: [SimulatedSKU]

    var lineCount: Int { orders.reduce(0) { $0 + $1.lines.count } }
    var rowCount: Int { orders.count + lineCount + refunds.count }

    init(orders target: Int, seed: UInt64) {
        skus = (1...20).map {
            SimulatedSKU(outerID: "BENCH-\($0)", title: "基准商品 \($0)", properties: "规格:\($0)", price: Money(fen: Int64(1_990 + 1_000 * $0)))
        }
        let until = BusinessDay("2026-11-22")!
        // About 1.25 ordinary days' worth per calendar day once the spikes are counted.
        let simulator = StoreSimulator(
            store: Self.store, skus: skus, baseOrdersPerDay: Double(target) / 365 / 1.25,
            firstOrderNumber: 4_100_000_000_000_000_000, seed: seed)
        let year = simulator.generate(from: BusinessDay("2025-11-22")!, until: until, now: until.start)
        orders = Array(year.orders.prefix(target))
        let kept = Set(orders.map(\.tid))
        refunds = year.refunds.filter { kept.contains($0.tid) }
    }
}
