import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` a client's catalog: products and SKUs with their prices in integer fen.
struct CatalogAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("clients", ":clientID", "products", use: products)
    }

    func products(req: Request) async throws -> Response {
        struct Item: Encodable {
            var product: Product
            var sku: SKU
        }
        let client = try await req.client()
        let entries = try await CatalogRepository(database: req.db).entries(of: client.id, search: try? req.query.get(String.self, at: "q"))
        return try APIResponse.json(APIResponse.Items(items: entries.map { Item(product: $0.product, sku: $0.sku) }))
    }
}
