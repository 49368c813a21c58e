import Foundation

/// A part of the home workbench: what someone has to look at or do today in a store.
public enum WorkbenchSection: String, Sendable, CaseIterable, Comparable {
    /// Today so far and yesterday (month to date for a brand).
    case sales
    /// Orders to ship, and those past the store's promised time.
    case shipping
    /// Refunds waiting for the seller.
    case refunds
    /// Bad reviews without a reply.
    case reviews
    /// SKUs of the store's client with low stock.
    case stock
    /// Whether the channel sync keeps up.
    case sync

    public static func < (lhs: WorkbenchSection, rhs: WorkbenchSection) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// What each store role works on: a store manager sees the whole store; the others their part.
    public static func sections(of role: StoreRole) -> Set<WorkbenchSection> {
        switch role {
        case .storeManager: Set(allCases)
        // Promotion is judged by the store's sales.
        case .promoter: [.sales]
        // Design work (tasks, images) has no queue in the workbench yet.
        case .designer: []
        case .csAgent: [.refunds, .reviews]
        case .warehouse: [.shipping, .stock]
        }
    }

    /// The sections a user sees for a store they may see.
    public static func sections(for principal: Principal, store: ID<Store>) -> Set<WorkbenchSection> {
        switch principal.kind {
        case .agencyAdmin: Set(allCases)
        // A brand reads its figures; the agency's queues are the agency's work.
        case .brandViewer: [.sales]
        case .staff: (principal.assignments[store] ?? []).reduce(into: []) { $0.formUnion(sections(of: $1)) }
        }
    }
}
