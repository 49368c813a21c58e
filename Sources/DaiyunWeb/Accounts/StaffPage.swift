import DaiyunCore
import Foundation

/// Staff and their store assignments, and the forms to add both.
struct StaffPage: PageContent {
    static let template = "accounts/staff"
    static let strings: [StringTable] = [.accounts, .auth, .tenancy]
    var title: String
    struct UserRow: Encodable {
        var id: String
        var login: String
        var name: String
        var kind: String
        var clientName: String
        var assignments: [AssignmentRow]
        var isDisabled: Bool
        var isLocked: Bool
        var mustChangePassword: Bool
        /// The signed-in admin's own row: they cannot disable themselves.
        var isSelf: Bool
        var passwordPath: String
        var unlockPath: String
        var disablePath: String
        var enablePath: String
    }
    struct AssignmentRow: Encodable {
        var id: String
        var storeName: String
        var role: String
        var deletePath: String
    }
    var users: [UserRow]
    var assignPath = SiteURL.assignments.path
    var createPath = SiteURL.staff.path
    var invitePath = SiteURL.invitations.path
    var workloadPath = SiteURL.staffWorkload.path
    var staff: [Choice]
    var stores: [Choice]
    var clients: [Choice]
    var kinds: [Choice]
    var roles: [Choice]
    var languages: [Choice]

    /// The agency's accounts with their assignments, and the clients and stores the admin sees.
    init(
        users: [User], assignments: [StoreAssignment], clients: [Client], stores: [Store], locked: Set<String>, me: ID<User>,
        _ l10n: Localizer
    ) {
        let clientNames = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.name) })
        let storeNames = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, "\($0.name)（\(clientNames[$0.clientID] ?? "")）") })
        let byUser = Dictionary(grouping: assignments, by: \.userID)
        title = l10n["staff_title"]
        self.users = users.map { user in
            UserRow(
                id: user.id.description, login: user.login, name: user.displayName, kind: l10n.kind(user.kind),
                clientName: user.clientID.flatMap { clientNames[$0] } ?? "",
                assignments: (byUser[user.id] ?? []).map {
                    AssignmentRow(
                        id: $0.id.description, storeName: storeNames[$0.storeID] ?? "", role: l10n.role($0.role),
                        deletePath: SiteURL.deleteAssignment($0.id.description).path)
                }.sorted { $0.storeName < $1.storeName }, isDisabled: user.isDisabled, isLocked: locked.contains(user.login),
                mustChangePassword: user.mustChangePassword, isSelf: user.id == me, passwordPath: SiteURL.staffPassword(user.id).path,
                unlockPath: SiteURL.staffUnlock(user.id).path, disablePath: SiteURL.staffDisable(user.id).path,
                enablePath: SiteURL.staffEnable(user.id).path)
        }
        staff = users.filter { $0.kind == .staff }.map {
            Choice(value: $0.id.description, label: "\($0.displayName) (\($0.login))", selected: false)
        }
        self.stores = stores.map { Choice(value: $0.id.description, label: storeNames[$0.id] ?? $0.name, selected: false) }
        self.clients = clients.map { Choice(value: $0.id.description, label: $0.name, selected: false) }
        // No kind is chosen for the admin: an account's kind is picked on purpose.
        kinds = [Choice(value: "", label: l10n["choose_kind"], selected: true)] + l10n.kindChoices()
        roles = l10n.roleChoices()
        languages = Language.allCases.map { Choice(value: $0.rawValue, label: l10n[$0 == .zhCN ? "lang_zh" : "lang_en"], selected: false) }
    }
}
