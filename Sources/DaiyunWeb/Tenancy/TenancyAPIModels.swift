import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

struct ClientInput: Decodable {
    var name: String
    var industry: String?
}

struct StoreInput: Decodable {
    var clientID: String
    var channel: String
    var shopID: String
    var name: String
    var status: String?
    var takenOverOn: String

    enum CodingKeys: String, CodingKey {
        case channel, name, status
        case clientID = "client_id"
        case shopID = "shop_id"
        case takenOverOn = "taken_over_on"
    }
}

struct StorePatchInput: Decodable {
    var name: String?
    var status: String?
    var shippingPromise: Int?

    enum CodingKeys: String, CodingKey {
        case name, status
        case shippingPromise = "shipping_promise"
    }
}
