import DaiyunCore
import Leaf
import Vapor

/// A page's own content: its template, the strings it needs besides the shared ones, and its
/// title. Built from domain values by a plain function (no request), so that it renders, and is
/// snapshot-tested, without a database or a request.
protocol PageContent: Encodable, Sendable {
    static var template: String { get }
    static var strings: [StringTable] { get }
    /// The page title, in the page's language.
    var title: String { get }
}

/// What every page shows around its own content: user, navigation, CSRF token, flash.
struct Layout: Encodable, Sendable {
    var lang: String
    var title: String
    var csrf: String
    var user: Badge?
    var flash: String?
    var flashError: String?
    var currentPath: String
    var nav = Navigation()

    /// The signed-in user as the header shows them.
    struct Badge: Encodable, Sendable {
        var name: String
        var login: String
        var kind: String
        var isAdmin: Bool
        var isBrandViewer: Bool
        var canSeeAudit: Bool
        /// Imports need an admin or a store manager: the menu offers them to those only.
        var canImport: Bool
        /// Contracts and statements: the admins and the brand, not the staff.
        var canSeeContracts: Bool
        var homePath: String
    }

    /// The header's and footer's links.
    struct Navigation: Encodable, Sendable {
        var login = SiteURL.login().path
        var logout = SiteURL.logout.path
        var language = SiteURL.language.path
        var imports = SiteURL.imports.path
        var staff = SiteURL.staff.path
        var audit = SiteURL.audit.path
        var account = SiteURL.account.path
        var orderSearch = SiteURL.orderSearch.path
        var overview = SiteURL.overview(nil).path
        var alerts = SiteURL.alerts(resolved: false).path
        var contracts = SiteURL.contracts.path
    }
}

/// A page's context: the strings, the layout and the page's own content, rendered by one template.
struct PageContext<Content: Encodable>: Encodable {
    var t: [String: String]
    var layout: Layout
    var page: Content
}

enum Page {
    /// The language of the request: the user's, else the session's choice, else Chinese.
    static func localizer(for request: Request) -> Localizer {
        if let user = request.auth.get(CurrentUser.self)?.user { return Localizer(language: user.language) }
        if let chosen = request.cookies[AnonymousCookies.language]?.string, let language = Language(rawValue: chosen) {
            return Localizer(language: language)
        }
        return Localizer(language: .zhCN)
    }

    /// Renders a page for a request: the layout from the request's user, session and language.
    static func render<Content: PageContent>(_ page: Content, status: HTTPStatus = .ok, for request: Request) async throws -> Response {
        let l10n = localizer(for: request)
        // Flash messages live in a session; a page without one creates none.
        let flash = request.hasSession ? request.session.data["flash"] : nil
        let flashError = request.hasSession ? request.session.data["flash_error"] : nil
        if flash != nil { request.session.data["flash"] = nil }
        if flashError != nil { request.session.data["flash_error"] = nil }
        let layout = Layout(
            lang: l10n.language.rawValue,
            title: page.title,
            csrf: CSRF.token(for: request),
            user: request.auth.get(CurrentUser.self).map { badge(for: $0, l10n) },
            flash: flash,
            flashError: flashError,
            currentPath: request.url.path
        )
        let view = try await self.view(page, layout: layout, language: l10n.language, on: request.view)
        let response = try await view.encodeResponse(for: request)
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        CSRF.setPendingCookie(on: response, for: request)
        return response
    }

    /// The one renderer: a page with its layout, in a language, to HTML.
    static func view<Content: PageContent>(_ page: Content, layout: Layout, language: Language, on renderer: any ViewRenderer) async throws
        -> View
    {
        try await renderer.render(
            Content.template, PageContext(t: Localizer(language: language).strings(Content.strings), layout: layout, page: page))
    }

    private static func badge(for current: CurrentUser, _ l10n: Localizer) -> Layout.Badge {
        let principal = current.principal
        // Staff are named by their roles (店长, 库管 …), everyone else by their kind of account.
        let held = Set(principal.assignments.values.flatMap { $0 })
        let roles = StoreRole.allCases.filter(held.contains)
        let kind = principal.kind == .staff && !roles.isEmpty ? roles.map(l10n.role).joined(separator: "、") : l10n.kind(current.user.kind)
        return Layout.Badge(
            name: current.user.displayName, login: current.user.login, kind: kind,
            isAdmin: principal.kind == .agencyAdmin, isBrandViewer: principal.kind == .brandViewer,
            canSeeAudit: principal.kind != .staff,
            canImport: principal.kind == .agencyAdmin || principal.assignments.values.contains { $0.contains(.storeManager) },
            canSeeContracts: principal.kind != .staff,
            homePath: SiteURL.home.path
        )
    }

    /// Redirects with a message shown once on the next page.
    static func redirect(_ request: Request, to url: SiteURL, flash: String? = nil, error: String? = nil) -> Response {
        if let flash { request.session.data["flash"] = flash }
        if let error { request.session.data["flash_error"] = error }
        return request.redirect(to: url.path, redirectType: .normal)
    }

    /// Redirects after a successful form with the "saved" message.
    static func saved(_ request: Request, to url: SiteURL) -> Response {
        redirect(request, to: url, flash: localizer(for: request)["saved"])
    }

    /// Runs a form action; a validation or duplicate error goes back to `failurePath` as a message
    /// in the user's language, while the form's input is never half-saved.
    static func formAction(_ request: Request, failurePath: SiteURL, _ action: () async throws -> Response) async throws -> Response {
        do {
            return try await action()
        } catch {
            let appError = AppError.from(error)
            guard appError.status == .unprocessableEntity || appError.status == .conflict else { throw error }
            return redirect(request, to: failurePath, error: localizer(for: request).message(for: appError))
        }
    }
}

/// The error page, in the user's language.
struct ErrorPage: PageContent {
    static let template = "app/error"
    static let strings: [StringTable] = []
    var title: String
    var status: Int
    var message: String
    var homePath = SiteURL.home.path

    init(_ error: AppError, _ l10n: Localizer) {
        title = l10n["error_title"]
        status = Int(error.status.code)
        message = l10n.message(for: error)
    }

    static func render(_ error: AppError, for request: Request) async throws -> Response {
        try await Page.render(ErrorPage(error, Page.localizer(for: request)), status: error.status, for: request)
    }
}

/// Form decoding helpers: a missing field reads as empty text, for the domain to judge.
extension Request {
    func formField(_ name: String) -> String {
        (try? content.get(String.self, at: name)) ?? ""
    }

    func optionalFormField(_ name: String) -> String? {
        let value = formField(name)
        return value.isEmpty ? nil : value
    }
}
