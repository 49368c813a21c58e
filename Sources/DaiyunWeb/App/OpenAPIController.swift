import Vapor

/// Serves the OpenAPI 3 document that describes `/api/v1` (`Resources/openapi.yaml`).
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.yaml", use: document)
    }

    func document(req: Request) async throws -> Response {
        let response = try await req.fileio.asyncStreamFile(at: Self.path(req.application))
        response.headers.replaceOrAdd(name: .contentType, value: "application/yaml; charset=utf-8")
        return response
    }

    static func path(_ app: Application) -> String { app.directory.resourcesDirectory + "openapi.yaml" }
}

/// The API's reference as a page in the app's style, for anyone, signed in or not: the document
/// is read once, when the app starts.
struct APIReferenceController: RouteCollection {
    let reference: APIReference

    init(app: Application) throws {
        reference = try APIReference(yaml: try String(contentsOfFile: OpenAPIController.path(app), encoding: .utf8))
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api-docs", use: page)
    }

    func page(req: Request) async throws -> Response {
        try await Page.render(APIReferencePage(reference, Page.localizer(for: req)), for: req)
    }
}
