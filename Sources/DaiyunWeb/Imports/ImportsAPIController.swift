import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// `/api/v1` imports of export files and the source records they and the syncs keep, under the
/// same access rules as the pages.
struct ImportsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("imports", use: imports)
        routes.on(.POST, "imports", body: .collect(maxSize: ImportsController.maxUpload), use: runImport)
        routes.get("imports", ":batchID", use: importBatch)
        routes.get("source-records", ":recordID", use: source)
    }

    func imports(req: Request) async throws -> Response {
        let scope = try await ImportScope(req)
        let batches = try await ImportBatchRepository(database: req.db).batches(
            stores: scope.stores.map(\.id.rawValue), clients: scope.clients.map(\.id.rawValue))
        return try APIResponse.json(APIResponse.Items(items: batches))
    }

    /// The file is the request body; `kind`, `target` (`store:<id>` or `client:<id>`), `mode` and
    /// `name` come in the query string.
    func runImport(req: Request) async throws -> Response {
        let kind = try TextRules.choice((try? req.query.get(String.self, at: "kind")) ?? "", field: "kind", as: ImportKind.self)
        let mode = try TextRules.choice(
            (try? req.query.get(String.self, at: "mode")) ?? ImportMode.skipBadRows.rawValue, field: "mode", as: ImportMode.self)
        let target = try await ImportScope.resolve((try? req.query.get(String.self, at: "target")) ?? "", kind: kind, on: req)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ValidationError(field: "body", rule: .required) }
        let name = (try? req.query.get(String.self, at: "name")) ?? "api-upload.csv"
        let result = try await ImportService(database: req.db).run(
            Data(buffer: body), name: name, kind: kind, mode: mode, target: target, by: try req.writeContext())
        return try APIResponse.json(result, status: result.batch.outcome == "rejected" ? .unprocessableEntity : .created)
    }

    func importBatch(req: Request) async throws -> Response {
        guard let id = req.parameters.get("batchID").flatMap(UUID.init(uuidString:)),
            let batch = try await ImportBatchRepository(database: req.db).batch(id)
        else { throw AccessDenied.notFound }
        guard try await ImportScope(req).canSee(batch) else { throw AccessDenied.notFound }
        return try APIResponse.json(batch)
    }

    func source(req: Request) async throws -> Response { try await Download.sourceRecord(req) }
}
