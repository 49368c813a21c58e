import DaiyunCore
import Fluent
import Foundation

/// The `clients` table.
public final class ClientModel: Model, @unchecked Sendable {
    public static let schema = "clients"

    @IDProperty<ClientModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "agency_id") public var agencyID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "industry") public var industry: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(_ client: Client, createdAt: Date) {
        self.id = client.id.rawValue
        self.agencyID = client.agencyID.rawValue
        self.name = client.name
        self.industry = client.industry
        self.createdAt = createdAt
    }

    var domain: Client {
        Client(id: DaiyunCore.ID(id!), agencyID: DaiyunCore.ID(agencyID), name: name, industry: industry)
    }
}
