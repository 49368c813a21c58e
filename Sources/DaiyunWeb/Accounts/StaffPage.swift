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
    var staff: [Choice]
    var stores: [Choice]
    var clients: [Choice]
    var kinds: [Choice]
    var roles: [Choice]
}
