import DaiyunCore
import DaiyunPersistence
import Foundation

/// Who works on what, and how much waits for them: each staff member's stores and roles (from
/// the assignments, and the contracts' named teams), the work waiting in those stores, and their
/// service figures of the last 30 days; then each store with its people by role.
struct StaffWorkloadPage: PageContent {
    static let template = "accounts/workload"
    static let strings: [StringTable] = [.accounts]
    var title: String
    var period: String
    var people: [Person]
    var stores: [StoreRow]

    struct Person: Encodable {
        var name: String
        var login: String
        var roles: [String]
        var team: [String]
        var stores: String
        var toShip: String
        var overdue: Bool
        var refunds: String
        var reviews: String
        var alerts: String
        var acknowledged: String
        var shipped: String
    }

    struct StoreRow: Encodable {
        var name: String
        var path: String
        var people: [String]
    }

    /// What each store has waiting.
    struct Waiting {
        var toShip = 0
        var overdue = 0
        var refunds = 0
        var reviews = 0
        var alerts = 0
    }

    init(
        users: [User], assignments: [StoreAssignment], stores: [Store], contracts: [Contract], waiting: [ID<Store>: Waiting],
        kpis: [String: StaffKPIs], today: BusinessDay, _ l10n: Localizer
    ) {
        title = l10n["workload_title"]
        period = l10n.format("workload_period", String(30), String(StaffKPIs.acknowledgeHours))
        let storeNames = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0.name) })
        let byUser = Dictionary(grouping: assignments, by: \.userID)
        // The teams of the versions in force today.
        var teams: [ID<User>: [String]] = [:]
        var storeTeams: [ID<Store>: [String]] = [:]
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.displayName) })
        for contract in contracts {
            guard let terms = contract.version(on: today)?.terms else { continue }
            for member in terms.team {
                let role = l10n["team_role_" + member.role.rawValue]
                teams[member.userID, default: []].append(role + "：" + contract.name)
                for store in terms.stores {
                    storeTeams[store, default: []].append(role + "：" + (names[member.userID] ?? member.userID.description))
                }
            }
        }
        people = users.filter { $0.kind == .staff && !$0.isDisabled }.map { user in
            let held = byUser[user.id] ?? []
            let own = Set(held.map(\.storeID))
            var sum = Waiting()
            for store in own {
                let w = waiting[store] ?? Waiting()
                (sum.toShip, sum.overdue, sum.refunds, sum.reviews, sum.alerts) = (
                    sum.toShip + w.toShip, sum.overdue + w.overdue, sum.refunds + w.refunds, sum.reviews + w.reviews, sum.alerts + w.alerts
                )
            }
            let figures = kpis["user:" + user.login] ?? StaffKPIs()
            return Person(
                name: user.displayName, login: user.login,
                roles: held.map { l10n.role($0.role) + "：" + (storeNames[$0.storeID] ?? "") }.sorted(), team: teams[user.id] ?? [],
                stores: l10n.count(own.count),
                toShip: sum.overdue > 0
                    ? l10n.format("workload_to_ship_overdue", l10n.count(sum.toShip), l10n.count(sum.overdue)) : l10n.count(sum.toShip),
                overdue: sum.overdue > 0, refunds: l10n.count(sum.refunds), reviews: l10n.count(sum.reviews),
                alerts: l10n.count(sum.alerts),
                acknowledged: Self.share(figures.alertsInTime, of: figures.alertsAcknowledged, bp: figures.alertsInTimeBP, l10n),
                shipped: Self.share(figures.shipmentsInTime, of: figures.shipments, bp: figures.shipmentsInTimeBP, l10n))
        }
        let people = Dictionary(grouping: assignments, by: \.storeID)
        self.stores = stores.map { store in
            let assigned = (people[store.id] ?? []).compactMap { a in names[a.userID].map { l10n.role(a.role) + "：" + $0 } }.sorted()
            return StoreRow(name: store.name, path: SiteURL.store(store.id).path, people: assigned + (storeTeams[store.id] ?? []))
        }
    }

    /// `12 / 15（80.00%）`, or a dash without any.
    static func share(_ part: Int, of whole: Int, bp: Int?, _ l10n: Localizer) -> String {
        guard let bp else { return "—" }
        return l10n.format("workload_share", l10n.count(part), l10n.count(whole), l10n.percent(bp))
    }
}
