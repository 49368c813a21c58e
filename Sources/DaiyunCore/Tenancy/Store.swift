import Foundation

/// A sales channel on which a store runs.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case tmall, taobao, jd, douyin, pdd, xiaohongshu
}

/// Where a store is in its hosting life.
public enum StoreStatus: String, Sendable, Codable, CaseIterable {
    case onboarding, active, paused, ended
}

/// One store (店铺) of a client on one channel, run by the agency.
public struct Store: Sendable, Equatable, Codable, Identifiable {
    // Spelled in full here and in the initialiser: inside an Identifiable type a bare `ID` can
    // resolve to the type's own `ID` (the release build did).
    public var id: DaiyunCore.ID<Store>
    public var agencyID: DaiyunCore.ID<Agency>
    public var clientID: DaiyunCore.ID<Client>
    public var channel: Channel
    /// The channel's own shop id (Taobao `shop_id`/seller nick id, JD `venderId`, ...).
    public var shopID: String
    public var name: String
    public var status: StoreStatus
    /// The day the agency took the store over.
    public var takenOverOn: BusinessDay
    /// How soon after payment the store ships.
    public var shippingPromise: ShippingPromise

    public init(
        id: DaiyunCore.ID<Store>, agencyID: DaiyunCore.ID<Agency>, clientID: DaiyunCore.ID<Client>, channel: Channel,
        shopID: String, name: String, status: StoreStatus, takenOverOn: BusinessDay, shippingPromise: ShippingPromise = ShippingPromise()
    ) {
        self.id = id
        self.agencyID = agencyID
        self.clientID = clientID
        self.channel = channel
        self.shopID = shopID
        self.name = name
        self.status = status
        self.takenOverOn = takenOverOn
        self.shippingPromise = shippingPromise
    }

    /// The scope an access decision about this store is made in.
    public var scope: AccessScope { .store(agencyID, clientID, id) }
}

/// What a person supplies to open a store, validated.
public struct StoreDraft: Sendable, Equatable {
    public var channel: Channel
    public var shopID: String
    public var name: String
    public var status: StoreStatus
    public var takenOverOn: BusinessDay

    public init(channel: String, shopID: String, name: String, status: String, takenOverOn: String) throws {
        let channel = try TextRules.choice(channel, field: "channel", as: Channel.self)
        let status = try TextRules.choice(status, field: "status", as: StoreStatus.self)
        guard let day = BusinessDay(takenOverOn) else {
            throw ValidationError(field: "taken_over_on", rule: .dayFormat)
        }
        let shopID = try TextRules.required(shopID, field: "shop_id", maxLength: 64)
        guard shopID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError(field: "shop_id", rule: .identifierCharacters)
        }
        self.channel = channel
        self.shopID = shopID
        self.name = try TextRules.required(name, field: "name")
        self.status = status
        self.takenOverOn = day
    }
}

/// The changes a person may make to a store after it is opened.
public struct StorePatch: Sendable, Equatable {
    public var name: String?
    public var status: StoreStatus?
    public var shippingPromise: ShippingPromise?

    public init(name: String?, status: String?, shipWithinHours: String? = nil) throws {
        self.name = try name.map { try TextRules.required($0, field: "name") }
        if let status {
            let parsed = try TextRules.choice(status, field: "status", as: StoreStatus.self)
            self.status = parsed
        }
        self.shippingPromise = try shipWithinHours.map { try ShippingPromise(text: $0, field: "shipping_promise") }
    }

    /// The store with the patch applied.
    public func applied(to store: Store) -> Store {
        var copy = store
        if let name { copy.name = name }
        if let status { copy.status = status }
        if let shippingPromise { copy.shippingPromise = shippingPromise }
        return copy
    }
}
