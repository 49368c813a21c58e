import Fluent
import SQLKit

/// Shipments sent to the channel, and the index the stock-push scheduler reads.
struct M0016_CreateShipmentsAndPushIndex: AsyncMigration {
    var name: String { "0016_create_shipments_and_push_index" }

    func prepare(on database: any Database) async throws {
        try await database.schema("shipments")
            .id()
            .field("store_id", .uuid, .required, .references("stores", "id"))
            .field("tid", .string, .required)
            .field("oids", .string, .required)
            .field("company_code", .string, .required)
            .field("waybill", .string, .required)
            .field("status", .string, .required)
            .field("error", .string)
            .field("actor", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "shipments_order").on("shipments").column("store_id").column("tid").run()
        try await sql.create(index: "stock_movements_client_at").on("stock_movements").column("client_id").column("at").run()
        try await sql.create(index: "stock_movements_store_sku_at").on("stock_movements").column("store_id").column("sku_id").column("at")
            .run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "stock_movements_store_sku_at").run()
        try await sql.drop(index: "stock_movements_client_at").run()
        try await database.schema("shipments").delete()
    }
}
