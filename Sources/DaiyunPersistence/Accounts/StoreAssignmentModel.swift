import DaiyunCore
import Fluent
import Foundation

/// The `store_assignments` table: which staff member plays which role on which store.
public final class StoreAssignmentModel: Model, @unchecked Sendable {
    public static let schema = "store_assignments"

    @IDProperty<StoreAssignmentModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "store_id") public var storeID: UUID
    @Field(key: "role") public var role: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(_ assignment: StoreAssignment, createdAt: Date) {
        self.id = assignment.id.rawValue
        self.userID = assignment.userID.rawValue
        self.storeID = assignment.storeID.rawValue
        self.role = assignment.role.rawValue
        self.createdAt = createdAt
    }

    func domain() throws -> StoreAssignment {
        guard let role = StoreRole(rawValue: role) else {
            throw PersistenceError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return StoreAssignment(id: DaiyunCore.ID(id!), userID: DaiyunCore.ID(userID), storeID: DaiyunCore.ID(storeID), role: role)
    }
}
