import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// A SKU listed in one store: the channel's item id and SKU id for it.
public struct Listing: Sendable, Equatable, Codable {
    public var id: UUID
    public var storeID: ID<Store>
    public var skuID: UUID
    public var channelItemID: String
    public var channelSKUID: String
}

extension CatalogRepository {
    public func sku(_ id: UUID) async throws -> SKU? {
        try await database.sql().select().column("*").from("skus").where("id", .equal, SQLBind(id)).first().map(Self.sku(from:))
    }

    /// Changes a SKU's code, properties and prices, audited in the client's chain.
    public func update(_ sku: SKU, with draft: SKUDraft, client: Client, by context: WriteContext) async throws -> SKU {
        var updated = sku
        updated.outerID = draft.outerID
        updated.barcode = draft.barcode
        updated.properties = draft.properties
        updated.listPrice = draft.listPrice
        updated.floorPrice = draft.floorPrice
        updated.cost = draft.cost
        guard updated != sku else { return sku }
        let result = updated
        return try await database.translatingConflicts(field: "outer_id") {
            try await database.audited(AuditTarget(agencyID: client.agencyID, clientID: client.id), by: context) { tx in
                try await tx.sql().update("skus").set("outer_id", to: SQLBind(result.outerID)).set("barcode", to: SQLBind(result.barcode))
                    .set("properties", to: SQLBind(result.properties)).set("list_price_fen", to: SQLBind(result.listPrice.fen))
                    .set("floor_price_fen", to: SQLBind(result.floorPrice.fen)).set("cost_fen", to: SQLBind(result.cost.fen))
                    .where("id", .equal, SQLBind(sku.id)).run()
                return (
                    result,
                    [
                        AuditRecord(
                            action: "sku.update", entityType: "sku", entityID: sku.id.uuidString.lowercased(), before: sku, after: result)
                    ]
                )
            }
        }
    }

    /// Maps a SKU to a store's channel item and SKU ids, audited.
    public func addListing(sku: SKU, store: Store, channelItemID: String, channelSKUID: String, by context: WriteContext) async throws
        -> Listing
    {
        guard store.clientID == sku.clientID else { throw ValidationError(field: "store_id", rule: .unknownReference) }
        let listing = Listing(
            id: context.ids.random(), storeID: store.id, skuID: sku.id,
            channelItemID: try TextRules.required(channelItemID, field: "channel_item_id", maxLength: 40),
            channelSKUID: channelSKUID.trimmingCharacters(in: .whitespaces))
        return try await database.translatingConflicts(field: "channel_item_id") {
            try await database.audited(AuditTarget(agencyID: store.agencyID, clientID: store.clientID), by: context) { tx in
                try await tx.sql().insert(into: "listings").columns("id", "store_id", "sku_id", "channel_item_id", "channel_sku_id")
                    .values(
                        SQLBind(listing.id), SQLBind(store.id.rawValue), SQLBind(sku.id), SQLBind(listing.channelItemID),
                        SQLBind(listing.channelSKUID)
                    ).run()
                return (
                    listing,
                    [
                        AuditRecord(
                            action: "listing.create", entityType: "listing", entityID: listing.id.uuidString.lowercased(),
                            before: Listing?.none, after: listing)
                    ]
                )
            }
        }
    }

    /// The listings of a client's SKUs, by SKU.
    public func listings(of client: ID<Client>) async throws -> [UUID: [Listing]] {
        let rows = try await database.sql().raw(
            """
            SELECT l.* FROM listings l JOIN skus s ON s.id = l.sku_id WHERE s.client_id = \(bind: client.rawValue) ORDER BY l.channel_item_id
            """
        ).all()
        let listings = try rows.map {
            Listing(
                id: try $0.decode(column: "id", as: UUID.self), storeID: ID(try $0.decode(column: "store_id", as: UUID.self)),
                skuID: try $0.decode(column: "sku_id", as: UUID.self),
                channelItemID: try $0.decode(column: "channel_item_id", as: String.self),
                channelSKUID: try $0.decode(column: "channel_sku_id", as: String.self))
        }
        return Dictionary(grouping: listings, by: \.skuID)
    }
}
