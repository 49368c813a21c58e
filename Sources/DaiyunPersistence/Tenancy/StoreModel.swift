import DaiyunCore
import Fluent
import Foundation

/// The `stores` table.
public final class StoreModel: Model, @unchecked Sendable {
    public static let schema = "stores"

    @IDProperty<StoreModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "agency_id") public var agencyID: UUID
    @Field(key: "client_id") public var clientID: UUID
    @Field(key: "channel") public var channel: String
    @Field(key: "shop_id") public var shopID: String
    @Field(key: "name") public var name: String
    @Field(key: "status") public var status: String
    @Field(key: "taken_over_on") public var takenOverOn: String
    @Field(key: "ship_within_hours") public var shipWithinHours: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(_ store: Store, createdAt: Date) {
        self.id = store.id.rawValue
        self.createdAt = createdAt
        apply(store)
    }

    func apply(_ store: Store) {
        agencyID = store.agencyID.rawValue
        clientID = store.clientID.rawValue
        channel = store.channel.rawValue
        shopID = store.shopID
        name = store.name
        status = store.status.rawValue
        takenOverOn = store.takenOverOn.description
        shipWithinHours = store.shippingPromise.hours
    }

    func domain() throws -> Store {
        guard let channel = Channel(rawValue: channel), let status = StoreStatus(rawValue: status),
            let day = BusinessDay(takenOverOn)
        else {
            throw PersistenceError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return Store(
            id: DaiyunCore.ID(id!), agencyID: DaiyunCore.ID(agencyID), clientID: DaiyunCore.ID(clientID), channel: channel,
            shopID: shopID, name: name, status: status, takenOverOn: day,
            shippingPromise: ShippingPromise(hours: shipWithinHours)
        )
    }
}
