import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Vapor

/// Imports in the browser: upload → preview with each bad row → confirm with the chosen mode →
/// result; and the import history of what the user may see.
struct ImportsController: RouteCollection {
    static let maxUpload: ByteCount = "64mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("imports", use: index)
        routes.on(.POST, "imports", "preview", body: .collect(maxSize: Self.maxUpload), use: preview)
            .userInfo[CSRF.uploadLimitKey] = Self.maxUpload.value
        routes.post("imports", use: run)
        routes.get("imports", ":batchID", use: show)
    }

    func index(req: Request) async throws -> Response {
        let l10n = Page.localizer(for: req)
        let scope = try await ImportScope(req)
        let batches = try await ImportBatchRepository(database: req.db).batches(
            stores: scope.stores.map(\.id.rawValue), clients: scope.clients.map(\.id.rawValue))
        let content = ImportsPage(batches: batches, scope: scope, l10n)
        return try await Page.render(content, for: req)
    }

    func preview(req: Request) async throws -> Response {
        struct Upload: Decodable {
            var kind: String
            var target: String
            var mode: String?
            var file: File
        }
        let l10n = Page.localizer(for: req)
        return try await Page.formAction(req, failurePath: .imports) {
            let upload = try req.content.decode(Upload.self)
            let kind = try TextRules.choice(upload.kind, field: "import_kind", as: ImportKind.self)
            let target = try await ImportScope.resolve(upload.target, kind: kind, on: req)
            let data = Data(buffer: upload.file.data)
            let (source, _) = try await SourceRecordRepository(database: req.db).keep(
                data, name: upload.file.filename, kind: "upload:\(kind.rawValue)", agency: target.client.agencyID, store: target.store?.id,
                by: try req.writeContext())
            let preview: ImportPreview
            do {
                preview = try ImportService(database: req.db).preview(data, kind: kind, target: target)
            } catch let problem as FileProblem {
                preview = ImportPreview(
                    kind: kind, encoding: .utf8, rowsRead: 0, goodRows: 0, errors: [problem.rowError])
            }
            let content = ImportPreviewPage(
                kind: kind, targetKey: upload.target, target: target, source: source, preview: preview,
                modeAll: upload.mode == ImportMode.allOrNothing.rawValue, l10n)
            return try await Page.render(content, for: req)
        }
    }

    func run(req: Request) async throws -> Response {
        try await Page.formAction(req, failurePath: .imports) {
            let kind = try TextRules.choice(req.formField("kind"), field: "import_kind", as: ImportKind.self)
            let mode = try TextRules.choice(req.formField("mode"), field: "import_mode", as: ImportMode.self)
            let target = try await ImportScope.resolve(req.formField("target"), kind: kind, on: req)
            guard let sourceID = UUID(uuidString: req.formField("source_id")),
                let record = try await SourceRecordRepository(database: req.db).record(sourceID),
                record.agencyID == target.client.agencyID,
                let data = try await SourceRecordRepository(database: req.db).content(of: sourceID)
            else {
                throw ValidationError(field: "import_file", rule: .unknownReference)
            }
            // Only a file the user may see can be imported: not another store's upload.
            try await req.authorizeSource(record)
            let result = try await ImportService(database: req.db).run(
                data, name: record.name, kind: kind, mode: mode, target: target, by: try req.writeContext())
            return req.redirect(to: SiteURL.importBatch(result.batch.id).path)
        }
    }

    func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("batchID").flatMap(UUID.init(uuidString:)),
            let batch = try await ImportBatchRepository(database: req.db).batch(id)
        else { throw AccessDenied.notFound }
        let scope = try await ImportScope(req)
        guard scope.canSee(batch) else { throw AccessDenied.notFound }
        let errors = (try? JSONDecoder().decode([RowError].self, from: Data(batch.errorsJson.utf8))) ?? []
        let content = ImportBatchPage(batch: batch, target: scope.targetName(of: batch), errors: errors, Page.localizer(for: req))
        return try await Page.render(content, for: req)
    }
}

/// The stores and clients a user sees, and those they may import into.
struct ImportScope {
    var stores: [Store]
    var clients: [Client]
    var importable: [(key: String, label: String)]

    init(_ req: Request) async throws {
        let principal = try req.principal()
        let l10n = Page.localizer(for: req)
        let visibility = AccessPolicy.visibility(of: principal)
        clients = try await req.tenancy.clients(visibleTo: visibility)
        stores = try await req.tenancy.stores(visibleTo: visibility)
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        importable =
            stores.filter { AccessPolicy.decide(principal, .importData, in: $0.scope) == .allow }
            .map { ("store:\($0.id)", "\(names[$0.clientID] ?? "") · \($0.name)") }
            + clients.filter { AccessPolicy.decide(principal, .importData, in: .client($0.agencyID, $0.id)) == .allow }
            .map { ("client:\($0.id)", l10n.format("import_catalog_target", $0.name)) }
    }

    func canSee(_ batch: ImportBatch) -> Bool {
        stores.contains { $0.id.rawValue == batch.storeID } || clients.contains { $0.id.rawValue == batch.clientID }
    }

    /// The name of the store or client `batch` imported into.
    func targetName(of batch: ImportBatch) -> String {
        stores.first { $0.id.rawValue == batch.storeID }?.name ?? clients.first { $0.id.rawValue == batch.clientID }?.name ?? ""
    }

    /// The target a form names (`store:<id>` or `client:<id>`), if the user may import into it.
    static func resolve(_ text: String, kind: ImportKind, on req: Request) async throws -> ImportTarget {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError(field: "import_target", rule: .required) }
        switch (parts[0], kind) {
        case ("store", .orders), ("store", .lines), ("store", .refunds), ("store", .traffic):
            let store = try await req.targetStore(parts[1], for: .importData)
            guard let client = try await req.tenancy.client(store.clientID) else {
                throw ValidationError(field: "import_target", rule: .unknownReference)
            }
            return ImportTarget(client: client, store: store)
        case ("client", .catalog):
            let client = try await req.targetClient(parts[1], for: .importData)
            return ImportTarget(client: client, store: nil)
        default:
            throw ValidationError(field: "import_target", rule: .wrongTarget(needsStore: kind != .catalog))
        }
    }
}
