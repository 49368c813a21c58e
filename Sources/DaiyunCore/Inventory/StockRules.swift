import Foundation

/// What stock an order line holds: the line remembers it, so that a repeated report never
/// reserves, deducts or releases twice.
public enum LineStockState: String, Sendable, Codable, CaseIterable {
    /// The line has not touched stock: unpaid; closed before it shipped; or first seen shipped with
    /// goods that left before the SKU was last counted, so the count no longer holds them.
    case untouched
    case reserved
    /// Paid but there was not enough stock to reserve: flagged for a person.
    case shortage
    case deducted
    case released
}

/// A change of stock an order line causes.
public enum StockAction: Sendable, Equatable {
    case none
    /// Hold `quantity` of the available stock for this paid line (atomic; may fail → shortage).
    case reserve
    /// The reserved goods shipped: on-hand and reserved both go down.
    case deduct
    /// Shipped although nothing was reserved (a shortage shipped anyway): on-hand goes down.
    case deductUnreserved
    /// The order closed: the reservation goes back to available.
    case release
    /// The order closed while flagged: nothing was held, the flag is cleared.
    case clearShortage
}

/// The rules by which orders move stock.
public enum StockRules {
    /// What a line in `state` must do now that its order is `status` (`paid` as the order counts it).
    /// `leftAfterCount` says whether goods that shipped without ever being held left after the
    /// SKU was last counted (see `leftAfterCount(_:countedAt:)`): the count still holds them.
    public static func action(for state: LineStockState, status: OrderStatus, paid: Bool, leftAfterCount: Bool) -> StockAction {
        switch state {
        case .untouched:
            guard paid, !status.isClosed else { return .none }
            if status.isShipped { return leftAfterCount ? .deductUnreserved : .none }
            return .reserve
        case .shortage:
            if status.isClosed { return .clearShortage }
            if status.isShipped { return .deductUnreserved }
            return .reserve
        case .reserved:
            if status.isClosed { return .release }
            if status.isShipped { return .deduct }
            return .none
        case .deducted, .released:
            return .none
        }
    }

    /// The state a line is in after an action succeeded (`reserve` failing gives `.shortage`).
    public static func state(after action: StockAction, from state: LineStockState) -> LineStockState {
        switch action {
        case .none: state
        case .reserve: .reserved
        case .deduct, .deductUnreserved: .deducted
        case .release, .clearShortage: .released
        }
    }

    /// Whether an order's goods left after the SKU was counted at `countedAt` (its last stock-take,
    /// or its first stock when never counted; nil when it has no stock kept). The time they left is
    /// the order's shipping time or, when the channel gives none, its payment, before which goods
    /// never leave: an order paid after the count certainly shipped after it. An order with no
    /// shipping time paid before the count may have shipped either side of it, and is taken to have
    /// left before (the count, being later, is the better figure).
    public static func leftAfterCount(_ order: Order, countedAt: Date?) -> Bool {
        guard let countedAt, let left = order.consignedAt ?? order.paidAt else { return false }
        return left > countedAt
    }

    /// What a channel may sell: on hand, less what paid orders hold, less the channel's safety
    /// stock, never below zero.
    public static func available(onHand: Int, reserved: Int, safetyStock: Int) -> Int {
        max(0, onHand - reserved - safetyStock)
    }
}
