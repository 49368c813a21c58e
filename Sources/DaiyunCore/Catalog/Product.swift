import Foundation

/// A product of a client's catalog (宝贝/商品), listed in the client's stores.
public struct Product: Sendable, Equatable, Codable {
    public var id: UUID
    public var clientID: ID<Client>
    public var title: String
    public var category: String
    public var mainImageURL: String
    /// 卖点.
    public var sellingPoints: String
    public var detail: String

    public init(
        id: UUID, clientID: ID<Client>, title: String, category: String, mainImageURL: String, sellingPoints: String, detail: String
    ) {
        self.id = id
        self.clientID = clientID
        self.title = title
        self.category = category
        self.mainImageURL = mainImageURL
        self.sellingPoints = sellingPoints
        self.detail = detail
    }
}

/// One sellable variant of a product: its properties, merchant code and prices.
public struct SKU: Sendable, Equatable, Codable {
    public var id: UUID
    public var productID: UUID
    public var clientID: ID<Client>
    /// 商家编码: the merchant code that joins channel order lines to the catalog.
    public var outerID: String
    public var barcode: String
    /// `颜色:红色;尺码:M`.
    public var properties: String
    public var listPrice: Money
    /// The lowest price the brand allows (价格体系).
    public var floorPrice: Money
    public var cost: Money

    public init(
        id: UUID, productID: UUID, clientID: ID<Client>, outerID: String, barcode: String, properties: String, listPrice: Money,
        floorPrice: Money, cost: Money
    ) {
        self.id = id
        self.productID = productID
        self.clientID = clientID
        self.outerID = outerID
        self.barcode = barcode
        self.properties = properties
        self.listPrice = listPrice
        self.floorPrice = floorPrice
        self.cost = cost
    }
}

/// A product as a person or a catalog file describes it, validated.
public struct ProductDraft: Sendable, Equatable {
    public var title: String
    public var category: String
    public var mainImageURL: String
    public var sellingPoints: String
    public var detail: String

    public init(title: String, category: String, mainImageURL: String = "", sellingPoints: String = "", detail: String = "") throws {
        self.title = try TextRules.required(title, field: "title", maxLength: 200)
        self.category = category.trimmingCharacters(in: .whitespaces)
        let url = mainImageURL.trimmingCharacters(in: .whitespaces)
        guard url.isEmpty || url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw ValidationError(field: "main_image_url", rule: .oneOf(["https://…"]))
        }
        self.mainImageURL = url
        self.sellingPoints = sellingPoints.trimmingCharacters(in: .whitespacesAndNewlines)
        self.detail = detail.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A SKU as a person or a catalog file describes it, validated: the floor price may not exceed
/// the list price, and no price is negative.
public struct SKUDraft: Sendable, Equatable {
    public var outerID: String
    public var barcode: String
    public var properties: String
    public var listPrice: Money
    public var floorPrice: Money
    public var cost: Money

    public init(outerID: String, barcode: String = "", properties: String = "", listPrice: Money, floorPrice: Money, cost: Money) throws {
        self.outerID = try TextRules.required(outerID, field: "outer_id", maxLength: 64)
        self.barcode = barcode.trimmingCharacters(in: .whitespaces)
        self.properties = properties.trimmingCharacters(in: .whitespaces)
        for (field, money) in [("list_price", listPrice), ("floor_price", floorPrice), ("cost", cost)] where money.fen < 0 {
            throw ValidationError(field: field, rule: .moneyFormat)
        }
        guard floorPrice <= listPrice else { throw ValidationError(field: "floor_price", rule: .floorAboveList) }
        self.listPrice = listPrice
        self.floorPrice = floorPrice
        self.cost = cost
    }
}
