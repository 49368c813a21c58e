import DaiyunCore
import Fluent
import Foundation

/// The `agencies` table.
public final class AgencyModel: Model, @unchecked Sendable {
    public static let schema = "agencies"

    @IDProperty<AgencyModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(id: UUID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    var domain: Agency { Agency(id: DaiyunCore.ID(id!), name: name) }
}
