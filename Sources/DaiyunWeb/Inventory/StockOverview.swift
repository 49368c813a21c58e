import DaiyunCore
import DaiyunPersistence
import Vapor

/// A client's stock as the stock page and the stock API show it: each SKU's pool and what each
/// of the client's channels may sell, read once for both.
struct StockOverview {
    var lines: [StockLine]
    /// The channels of the client's stores, in a stable order.
    var channels: [Channel]
    var safety: [Channel: Int]

    init(client: Client, on req: Request) async throws {
        let inventory = InventoryRepository(database: req.db)
        lines = try await inventory.stock(of: client.id)
        channels = Set(try await req.tenancy.stores(visibleTo: .agency(client.agencyID), client: client.id).map(\.channel))
            .sorted { $0.rawValue < $1.rawValue }
        safety = try await inventory.safetyStock(of: client.id)
    }

    /// What `channel` may sell of the SKU on this line.
    func available(_ line: StockLine, on channel: Channel) -> Int {
        StockRules.available(onHand: line.onHand, reserved: line.reserved, safetyStock: safety[channel] ?? 0)
    }
}

extension StockMovement {
    /// The movement as `principal` may read it: an order line of a store they may not see is not
    /// named (the pool is shared by the client's stores, their orders are not).
    func visible(to principal: Principal, client: Client) -> StockMovement {
        guard let store = storeID, !AccessPolicy.canView(principal, .store(client.agencyID, client.id, ID(rawValue: store))) else {
            return self
        }
        var redacted = self
        redacted.oid = nil
        redacted.tid = nil
        redacted.storeID = nil
        return redacted
    }
}
