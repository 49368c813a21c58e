import DaiyunCore
import Fluent
import Foundation
import SQLKit

extension Database {
    /// Checks once per batch what the order and refund tables' foreign keys checked row by row
    /// before PostgreSQL dropped them (M0019), and more: the store exists in its agency, and the
    /// source record exists and was received by that agency.
    func requireFactParents(store: Store, source: UUID) async throws {
        let agency = store.agencyID.rawValue
        let found = try await sql().raw(
            """
            SELECT (SELECT COUNT(*) FROM stores WHERE id = \(bind: store.id.rawValue) AND agency_id = \(bind: agency)) AS stores,
                   (SELECT COUNT(*) FROM source_records WHERE id = \(bind: source) AND agency_id = \(bind: agency)) AS sources
            """
        ).first()
        guard try found?.decode(column: "stores", as: Int.self) == 1 else { throw PersistenceError.missingReference(field: "store_id") }
        guard try found?.decode(column: "sources", as: Int.self) == 1 else {
            throw PersistenceError.missingReference(field: "source_record_id")
        }
    }
}
