import DaiyunPersistence
import Fluent
import Leaf
import Vapor

/// Sets the app up from its configuration: database, migrations, sessions, templates, middleware
/// and routes. Applies no migration: callers decide when (`serve` at start, `migrate` on demand).
public func configure(_ app: Application, config: AppConfig) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: ResourceDirectory.locate(home: config.home))
    try await app.useDatabase(config.database)
    app.secrets = try config.secretsKey.box(logger: app.logger)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    let decoy = try await app.password.async.hash([UInt8].random(count: 24).base64)
    app.services = AppServices(config: config, now: { Date() }, ids: .kernel, metrics: AppMetrics(), decoyPasswordHash: decoy)

    app.sessions.use { _ in DatabaseSessions() }
    app.sessions.configuration = SessionsConfiguration(cookieName: "daiyun_session") { id in
        HTTPCookies.Value(
            string: id.string, maxAge: Int(SessionExpiry.lifetime), path: "/", isSecure: config.secureCookies, isHTTPOnly: true,
            sameSite: .lax)
    }
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port

    app.middleware = Middlewares()
    app.middleware.use(RequestObserver(metrics: app.services.metrics))
    app.middleware.use(SecurityHeaders())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(AddressLimit())
    app.middleware.use(KnownMethods())
    app.middleware.use(PublicFiles(publicDirectory: app.directory.publicDirectory))
    // Sessions for every dynamic request, so that any error page can speak the user's language;
    // signing in by session cookie is limited to pages, the API takes bearer tokens only.
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionStartStamp())
    if config.runJobs { app.lifecycle.use(BackgroundJobs()) }
    try routes(app, config: config)
}

/// Every route of the app. Pages sit behind sessions and CSRF, the API behind bearer tokens, and
/// both behind sign-in except the few listed here as public.
func routes(_ app: Application, config: AppConfig) throws {
    let poolSize = if case .postgres = config.database { 8 * System.coreCount } else { System.coreCount }
    try app.register(collection: OperationsController(metrics: app.services.metrics, poolSize: poolSize))

    let pages = app.grouped(SessionUserAuthenticator(), CSRFMiddleware())
    try pages.register(collection: SignInController())
    try pages.register(collection: APIReferenceController())
    try pages.register(collection: InvitationController())
    let signedIn = pages.grouped(RequireSignIn(redirect: true), RequirePasswordChange())
    try signedIn.register(collection: HomeController())
    try signedIn.register(collection: ClientsController())
    try signedIn.register(collection: StoresController())
    try signedIn.register(collection: OrdersController())
    try signedIn.register(collection: DashboardsController())
    try signedIn.register(collection: AdsController())
    try signedIn.register(collection: AlertsController())
    try signedIn.register(collection: ContractsController())
    try signedIn.register(collection: OrderSearchController())
    try signedIn.register(collection: BatchShippingController())
    try signedIn.register(collection: StockController())
    try signedIn.register(collection: CatalogController())
    try signedIn.register(collection: ImportsController())
    try signedIn.register(collection: SyncController())
    try signedIn.register(collection: StaffController())
    try signedIn.register(collection: AuditController())
    try signedIn.register(collection: AccountController())

    let api = app.grouped("api", "v1")
    try api.register(collection: OpenAPIController())
    let authenticated = api.grouped(BearerUserAuthenticator(), RequireSignIn(redirect: false))
    try authenticated.register(collection: TenancyAPIController())
    try authenticated.register(collection: StaffAPIController())
    try authenticated.register(collection: AuditAPIController())
    try authenticated.register(collection: OrdersAPIController())
    try authenticated.register(collection: DashboardsAPIController())
    try authenticated.register(collection: AdsAPIController())
    try authenticated.register(collection: AlertsAPIController())
    try authenticated.register(collection: ContractsAPIController())
    try authenticated.register(collection: InventoryAPIController())
    try authenticated.register(collection: CatalogAPIController())
    try authenticated.register(collection: ImportsAPIController())
    try authenticated.register(collection: SyncAPIController())
}
