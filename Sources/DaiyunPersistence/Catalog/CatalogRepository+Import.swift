import DaiyunCore
import Fluent
import Foundation
import SQLKit

extension CatalogRepository {
    /// Applies catalog rows by merchant code: an existing SKU takes the row's fields (and its
    /// product the product fields); a new one joins the client's product with the same title or a
    /// new product. Call inside a transaction.
    public func upsert(_ rows: [(product: ProductDraft, sku: SKUDraft)], for client: Client, by context: WriteContext) async throws
        -> UpsertCounts
    {
        try await database.lockForWriting()
        let sql = try database.sql()
        var counts = UpsertCounts()
        var productsByTitle: [String: UUID] = [:]
        for row in try await sql.select().column("id").column("title").from("products").where(
            "client_id", .equal, SQLBind(client.id.rawValue)
        ).all() {
            productsByTitle[try row.decode(column: "title", as: String.self)] = try row.decode(column: "id", as: UUID.self)
        }
        var existing: [String: SKU] = [:]
        for start in stride(from: 0, to: rows.count, by: lookupChunk) {
            let codes = rows[start..<min(start + lookupChunk, rows.count)].map(\.sku.outerID)
            for row in try await sql.select().column("*").from("skus").where("client_id", .equal, SQLBind(client.id.rawValue))
                .where("outer_id", .in, SQLBind.group(codes)).all()
            {
                let sku = try Self.sku(from: row)
                existing[sku.outerID] = sku
            }
        }
        for (draft, skuDraft) in rows {
            let productID: UUID
            if let id = productsByTitle[draft.title] {
                productID = id
                try await sql.update("products").set("category", to: SQLBind(draft.category)).set(
                    "main_image_url", to: SQLBind(draft.mainImageURL)
                )
                .set("selling_points", to: SQLBind(draft.sellingPoints)).set("detail", to: SQLBind(draft.detail))
                .where("id", .equal, SQLBind(id)).run()
            } else {
                let product = Product(
                    id: context.ids.random(), clientID: client.id, title: draft.title, category: draft.category,
                    mainImageURL: draft.mainImageURL, sellingPoints: draft.sellingPoints, detail: draft.detail)
                try await insert(product, at: context.now)
                productsByTitle[draft.title] = product.id
                productID = product.id
            }
            let sku = SKU(
                id: existing[skuDraft.outerID]?.id ?? context.ids.random(), productID: productID, clientID: client.id,
                outerID: skuDraft.outerID,
                barcode: skuDraft.barcode, properties: skuDraft.properties, listPrice: skuDraft.listPrice,
                floorPrice: skuDraft.floorPrice, cost: skuDraft.cost)
            if let kept = existing[skuDraft.outerID] {
                if kept == sku {
                    counts.unchanged += 1
                    continue
                }
                counts.updated += 1
                try await sql.update("skus").set("product_id", to: SQLBind(productID)).set("barcode", to: SQLBind(sku.barcode))
                    .set("properties", to: SQLBind(sku.properties)).set("list_price_fen", to: SQLBind(sku.listPrice.fen))
                    .set("floor_price_fen", to: SQLBind(sku.floorPrice.fen)).set("cost_fen", to: SQLBind(sku.cost.fen))
                    .where("id", .equal, SQLBind(sku.id)).run()
            } else {
                counts.inserted += 1
                try await insert(sku, ids: context.ids)
            }
        }
        return counts
    }
}
