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

/// The API's reference as a page in the app's style, for anyone, signed in or not, read from the
/// document when asked for (a few milliseconds), so that starting the app reads no more than before.
struct APIReferenceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api-docs", use: page)
    }

    func page(req: Request) async throws -> Response {
        let text = String(buffer: try await req.fileio.collectFile(at: OpenAPIController.path(req.application)))
        return try await Page.render(APIReferencePage(try APIReference(yaml: text), Page.localizer(for: req)), for: req)
    }
}
