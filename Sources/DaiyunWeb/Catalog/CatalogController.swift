import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// A client's catalog: products and SKUs with their prices, searchable, exportable as CSV.
struct CatalogController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("clients", ":clientID", "catalog", use: show)
        routes.get("clients", ":clientID", "catalog.csv", use: export)
        let sku = routes.grouped("clients", ":clientID", "catalog", "skus", ":skuID")
        sku.get(use: edit)
        sku.post(use: update)
        sku.post("listings", use: addListing)
    }

    func show(req: Request) async throws -> Response {
        let client = try await req.client()
        let search = (try? req.query.get(String.self, at: "q")) ?? ""
        let catalog = CatalogRepository(database: req.db)
        let entries = try await catalog.entries(of: client.id, search: search)
        let listings = try await catalog.listings(of: client.id)
        let content = CatalogPage(
            client: client, search: search, entries: entries, listingCounts: listings.mapValues(\.count),
            canEdit: AccessPolicy.decide(try req.principal(), .importData, in: .client(client.agencyID, client.id)) == .allow,
            Page.localizer(for: req))
        return try await Page.render(content, for: req)
    }

    func edit(req: Request) async throws -> Response {
        let client = try await req.client(for: .importData)
        let sku = try await Self.sku(of: client, req)
        let catalog = CatalogRepository(database: req.db)
        let stores = try await req.tenancy.stores(visibleTo: AccessPolicy.visibility(of: try req.principal()), client: client.id)
        let title = try await catalog.entries(of: client.id, search: sku.outerID).first { $0.sku.id == sku.id }?.product.title ?? ""
        let content = SKUPage(
            client: client, sku: sku, productTitle: title, listings: try await catalog.listings(of: client.id)[sku.id] ?? [],
            stores: stores,
            Page.localizer(for: req))
        return try await Page.render(content, for: req)
    }

    func update(req: Request) async throws -> Response {
        let client = try await req.client(for: .importData)
        let sku = try await Self.sku(of: client, req)
        let path = SiteURL.sku(client.id, skuID: sku.id)
        return try await Page.formAction(req, failurePath: path) {
            let draft = try SKUDraft(
                outerID: req.formField("outer_id"), barcode: req.formField("barcode"), properties: req.formField("properties"),
                listPrice: try Money(yuan: req.formField("list_price"), field: "list_price"),
                floorPrice: try Money(yuan: req.formField("floor_price"), field: "floor_price"),
                cost: try Money(yuan: req.formField("cost"), field: "cost"))
            _ = try await CatalogRepository(database: req.db).update(sku, with: draft, client: client, by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    func addListing(req: Request) async throws -> Response {
        let client = try await req.client(for: .importData)
        let sku = try await Self.sku(of: client, req)
        let path = SiteURL.sku(client.id, skuID: sku.id)
        return try await Page.formAction(req, failurePath: path) {
            // The listing decides where stock is pushed: the store must be one the user may import into.
            let store = try await req.targetStore(req.formField("store_id"), field: "store_id", for: .importData)
            guard store.clientID == client.id else { throw ValidationError(field: "store_id", rule: .unknownReference) }
            _ = try await CatalogRepository(database: req.db).addListing(
                sku: sku, store: store, channelItemID: req.formField("channel_item_id"),
                channelSKUID: req.formField("channel_sku_id"), by: try req.writeContext())
            return Page.saved(req, to: path)
        }
    }

    /// The SKU named by the path, if it is the client's.
    static func sku(of client: Client, _ req: Request) async throws -> SKU {
        guard let id = req.parameters.get("skuID").flatMap(UUID.init(uuidString:)),
            let sku = try await CatalogRepository(database: req.db).sku(id), sku.clientID == client.id
        else { throw AccessDenied.notFound }
        return sku
    }

    func export(req: Request) async throws -> Response {
        let client = try await req.client()
        let encoding: FileEncoding = try req.queryCSVFormat() == .gb18030 ? .gb18030 : .utf8
        let entries = try await CatalogRepository(database: req.db).entries(of: client.id, limit: 1_000_000)
        let type = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": encoding == .utf8 ? "utf-8" : "gb18030"])
        return Download.attachment(
            CatalogFile.export(entries, encoding: encoding), filename: "catalog-\(BusinessDay(containing: req.now)).csv", contentType: type)
    }
}
