import DaiyunChannels
import DaiyunCore
import Foundation

/// Every page address the app links to or redirects to, in one place: a path is never built by
/// hand in a controller or a page context.
enum SiteURL: Sendable, Equatable {
    case home
    /// The API's reference page, and the OpenAPI document it is read from.
    case apiReference
    case openAPIDocument
    case login(next: String? = nil)
    /// The sign-in page after signing out, in the language of the user who left.
    case signedOut(Language?)
    case logout
    case language
    case account
    case accountTokens
    case accountPassword
    case staffPassword(ID<User>)
    case staffUnlock(ID<User>)
    case staffDisable(ID<User>)
    case staffEnable(ID<User>)
    case revokeToken(UUID)
    case assignments
    case deleteAssignment(String)
    case auditVerify(String)
    case staff
    case audit
    case auditChain(String)
    case auditExport(ID<Client>)
    case imports
    case importPreview
    case importBatch(UUID)
    case sourceRecord(UUID)
    case clients
    case client(ID<Client>)
    case clientStores(ID<Client>)
    case stock(ID<Client>)
    case catalog(ID<Client>)
    case catalogFile(ID<Client>, FileEncoding)
    case sku(ID<Client>, skuID: UUID)
    case skuListings(ID<Client>, skuID: UUID)
    case warehouses(ID<Client>)
    case stockChanges(ID<Client>)
    case safetyStock(ID<Client>)
    case stockWarnings(ID<Client>)
    /// A page of the client's stock movements, newest first.
    case stockMovements(ID<Client>, page: Int)
    case store(ID<Store>)
    case orders(ID<Store>)
    /// The filtered orders as CSV, or XLSX.
    case ordersExport(ID<Store>, xlsx: Bool)
    /// Orders by number or buyer across the stores the user may see (`?q=`).
    case orderSearch
    case batchShipping(ID<Store>)
    /// The store's orders to ship; `overdue`: only those past the store's promised time.
    case ordersToShip(ID<Store>, overdue: Bool)
    case order(ID<Store>, tid: String)
    case orderShipments(ID<Store>, tid: String)
    case sync(ID<Store>)
    /// A page of the store's job log, newest first.
    case syncJobs(ID<Store>, page: Int)
    case storeConnection(ID<Store>)
    case retryJob(ID<Store>, UUID)
    /// The store's dashboard over a period (the default one when nil), its SKUs ranked as named.
    case dashboard(ID<Store>, DashboardPeriod?, skus: SKURanking = .sales)
    /// A table of the dashboard as a file: `days` or `skus` (ranked as named), CSV or XLSX.
    case dashboardFile(ID<Store>, DashboardPeriod, table: String, xlsx: Bool, skus: SKURanking = .sales)
    /// The store's orders a day's GMV counts.
    case ordersPaidOn(ID<Store>, BusinessDay)
    /// The store's ads over a period, each table in the order `sorts` names (by table, `-cost` style).
    case ads(ID<Store>, DashboardPeriod?, sorts: [String: String] = [:])
    /// A table of the ads page as a file: `campaigns`, `keywords`, `crowds` or `suggestions`.
    case adsFile(ID<Store>, DashboardPeriod, table: String, xlsx: Bool)
    case adTargets(ID<Store>)
    /// The report rows a campaign's (or every campaign's) figures add up, with their files.
    case adRows(ID<Store>, DashboardPeriod, campaign: String?)
    /// Every store the user may see, over a period of `OverviewPeriod`.
    case overview(OverviewPeriod?)
    case overviewFile(OverviewPeriod, xlsx: Bool)
    /// The alert inbox: unresolved alerts, or resolved ones.
    case alerts(resolved: Bool)
    /// Acknowledges an alert, or resolves it.
    case alertAction(UUID, resolve: Bool)
    /// A store's alert rules, and the form that changes one.
    case alertRules(ID<Store>)
    case alertRule(ID<Store>, AlertKind)
    /// Adds a robot to a store (or its client), and removes one.
    case robots(ID<Store>)
    case alertSubscriptions
    case robot(ID<Store>, UUID)
    case robotRemove(ID<Store>, UUID)
    /// The page an invitation link opens, and the staff page's form that invites a brand's viewer.
    case invitation(String)
    case invitations
    /// The team's workload and service figures.
    case staffWorkload
    /// The contracts the user may read, one contract with its months, and a month's statement.
    case contracts
    case contract(ID<Contract>)
    case statement(ID<Contract>, BusinessMonth)
    /// A step on the month's statement (`StatementStep.name`), posted.
    case statementStep(ID<Contract>, BusinessMonth, String)
    /// The month's statement as a file: CSV (UTF-8 with a BOM) or XLSX.
    case statementFile(ID<Contract>, BusinessMonth, xlsx: Bool)

    /// The path, with its query when it has one.
    var path: String {
        switch self {
        case .home: "/"
        case .apiReference: "/api-docs"
        case .openAPIDocument: "/api/v1/openapi.yaml"
        case .login(let next):
            next.map { "/login?next=" + ($0.addingPercentEncoding(withAllowedCharacters: Self.nextAllowed) ?? "/") } ?? "/login"
        case .signedOut(let language): "/login?signed_out=1" + (language == .en ? "&lang=en" : "")
        case .logout: "/logout"
        case .language: "/language"
        case .account: "/account"
        case .accountTokens: "/account/tokens"
        case .accountPassword: "/account/password"
        case .staffPassword(let id): "/staff/\(id)/password"
        case .staffUnlock(let id): "/staff/\(id)/unlock"
        case .staffDisable(let id): "/staff/\(id)/disable"
        case .staffEnable(let id): "/staff/\(id)/enable"
        case .revokeToken(let id): "/account/tokens/\(id.uuidString.lowercased())/revoke"
        case .assignments: "/staff/assignments"
        case .deleteAssignment(let id): "/staff/assignments/\(id)/delete"
        case .auditVerify(let chain): "/audit?chain=" + Self.escaped(chain) + "&verify=true"
        case .staff: "/staff"
        case .audit: "/audit"
        case .auditChain(let chain): "/audit?chain=" + Self.escaped(chain)
        case .auditExport(let client): "/audit/export?client=\(client)"
        case .imports: "/imports"
        case .importPreview: "/imports/preview"
        case .importBatch(let id): "/imports/\(id.uuidString.lowercased())"
        case .sourceRecord(let id): "/source-records/\(id.uuidString.lowercased())"
        case .clients: "/clients"
        case .client(let id): "/clients/\(id)"
        case .clientStores(let id): "/clients/\(id)/stores"
        case .stock(let id): "/clients/\(id)/stock"
        case .catalog(let id): "/clients/\(id)/catalog"
        case .catalogFile(let id, let encoding):
            encoding == .utf8 ? "/clients/\(id)/catalog.csv" : "/clients/\(id)/catalog.csv?encoding=gb18030"
        case .sku(let client, let sku): "/clients/\(client)/catalog/skus/\(sku.uuidString.lowercased())"
        case .skuListings(let client, let sku): "/clients/\(client)/catalog/skus/\(sku.uuidString.lowercased())/listings"
        case .warehouses(let id): "/clients/\(id)/warehouses"
        case .stockChanges(let id): "/clients/\(id)/stock/changes"
        case .safetyStock(let id): "/clients/\(id)/safety-stock"
        case .stockWarnings(let id): "/clients/\(id)/stock/warnings"
        case .stockMovements(let id, let page): "/clients/\(id)/stock" + (page > 0 ? "?movements_page=\(page)#movements" : "#movements")
        case .store(let id): "/stores/\(id)"
        case .orders(let id): "/stores/\(id)/orders"
        case .ordersExport(let id, let xlsx): "/stores/\(id)/orders.\(xlsx ? "xlsx" : "csv")"
        case .orderSearch: "/orders/search"
        case .batchShipping(let id): "/stores/\(id)/shipments/batch"
        case .ordersToShip(let id, let overdue): "/stores/\(id)/orders?to_ship=1" + (overdue ? "&overdue=1" : "")
        case .order(let store, let tid): "/stores/\(store)/orders/" + Self.escaped(tid)
        case .orderShipments(let store, let tid): "/stores/\(store)/orders/" + Self.escaped(tid) + "/shipments"
        case .sync(let id): "/stores/\(id)/sync"
        case .syncJobs(let id, let page): "/stores/\(id)/sync" + (page > 0 ? "?jobs_page=\(page)#jobs" : "#jobs")
        case .storeConnection(let id): "/stores/\(id)/connection"
        case .retryJob(let store, let job): "/stores/\(store)/jobs/\(job.uuidString.lowercased())/retry"
        case .dashboard(let id, let period, let skus):
            "/stores/\(id)/dashboard" + Self.joined((period.map { [Self.query($0)] } ?? []) + Self.ranking(skus))
        case .dashboardFile(let id, let period, let table, let xlsx, let skus):
            "/stores/\(id)/dashboard.\(xlsx ? "xlsx" : "csv")?"
                + (["table=\(table)", Self.query(period)] + (table == "skus" ? Self.ranking(skus) : [])).joined(separator: "&")
        case .ordersPaidOn(let id, let day): "/stores/\(id)/orders?paid=\(day)"
        case .ads(let id, let period, let sorts):
            "/stores/\(id)/ads"
                + Self.joined(
                    (period.map { [Self.query($0)] } ?? [])
                        + sorts.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\(Self.escapedQuery($0.value))" })
        case .adsFile(let id, let period, let table, let xlsx):
            "/stores/\(id)/ads.\(xlsx ? "xlsx" : "csv")?table=\(table)&" + Self.query(period)
        case .adTargets(let id): "/stores/\(id)/ads/targets"
        case .adRows(let id, let period, let campaign):
            "/stores/\(id)/ads/rows?" + Self.query(period) + (campaign.map { "&campaign=" + Self.escapedQuery($0) } ?? "")
        case .overview(let period): "/overview" + (period.map { "?period=\($0.rawValue)" } ?? "")
        case .overviewFile(let period, let xlsx): "/overview.\(xlsx ? "xlsx" : "csv")?period=\(period.rawValue)"
        case .alerts(let resolved): resolved ? "/alerts?status=resolved" : "/alerts"
        case .alertAction(let id, let resolve): "/alerts/\(id.uuidString.lowercased())/\(resolve ? "resolve" : "acknowledge")"
        case .alertRules(let id): "/stores/\(id)/alert-rules"
        case .alertRule(let id, let kind): "/stores/\(id)/alert-rules/\(kind.rawValue)"
        case .robots(let id): "/stores/\(id)/robots"
        case .alertSubscriptions: "/alerts/subscriptions"
        case .invitation(let secret): "/invitations/\(secret)"
        case .invitations: "/staff/invitations"
        case .staffWorkload: "/staff/workload"
        case .contracts: "/contracts"
        case .contract(let id): "/contracts/\(id)"
        case .statement(let id, let month): "/contracts/\(id)/statements/\(month)"
        case .statementStep(let id, let month, let step): "/contracts/\(id)/statements/\(month)/\(step)"
        case .statementFile(let id, let month, let xlsx): "/contracts/\(id)/statements/\(month)/download?format=\(xlsx ? "xlsx" : "csv")"
        case .robot(let store, let robot): "/stores/\(store)/robots/\(robot.uuidString.lowercased())"
        case .robotRemove(let store, let robot): "/stores/\(store)/robots/\(robot.uuidString.lowercased())/delete"
        }
    }

    /// A path to come back to keeps its slashes; only what would end the query value is escaped.
    private static let nextAllowed = CharacterSet.urlQueryAllowed.subtracting(["&", "=", "?"])

    private static func query(_ period: DashboardPeriod) -> String { "from=\(period.first)&until=\(period.last)" }

    /// The SKU ranking's query parameter, none for the standard one (by sales).
    private static func ranking(_ ranking: SKURanking) -> [String] { ranking == .sales ? [] : ["sku_sort=\(ranking.rawValue)"] }

    private static func joined(_ parameters: [String]) -> String { parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&") }

    private static func escapedQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? ""
    }

    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? text
    }
}

extension CharacterSet {
    /// What a query value or a path segment may hold unescaped.
    static let urlQueryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?/#"))
}
