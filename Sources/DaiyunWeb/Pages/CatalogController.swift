import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// A client's catalog: products and SKUs with their prices, searchable, exportable as CSV.
struct CatalogController: RouteCollection {
    struct Content: Encodable {
        struct Row: Encodable { var title, category, outerID, properties, barcode, listPrice, floorPrice, cost: String }
        var client, clientID, search: String
        var rows: [Row]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("clients", ":clientID", "catalog", use: show)
        routes.get("clients", ":clientID", "catalog.csv", use: export)
    }

    func show(req: Request) async throws -> Response {
        let client = try await req.client()
        let search = (try? req.query.get(String.self, at: "q")) ?? ""
        let entries = try await CatalogRepository(database: req.db).entries(of: client.id, search: search)
        let content = Content(client: client.name, clientID: client.id.description, search: search, rows: entries.map {
            .init(title: $0.product.title, category: $0.product.category, outerID: $0.sku.outerID, properties: $0.sku.properties,
                  barcode: $0.sku.barcode, listPrice: $0.sku.listPrice.description, floorPrice: $0.sku.floorPrice.description, cost: $0.sku.cost.description)
        })
        return try await Page.render("catalog", titleKey: "catalog_title", title: "\(Page.localizer(for: req)["catalog_title"]) · \(client.name)", page: content, for: req)
    }

    func export(req: Request) async throws -> Response {
        let client = try await req.client()
        let encoding: FileEncoding = (try? req.query.get(String.self, at: "encoding")) == "gb18030" ? .gb18030 : .utf8
        let entries = try await CatalogRepository(database: req.db).entries(of: client.id, limit: 1_000_000)
        let response = Response(status: .ok, body: .init(data: CatalogFile.export(entries, encoding: encoding)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=\(encoding == .utf8 ? "utf-8" : "gb18030")")
        response.headers.contentDisposition = .init(.attachment, filename: "catalog-\(BusinessDay(containing: req.now)).csv")
        return response
    }
}
