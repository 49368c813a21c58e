import DaiyunCore
import Foundation

/// A chain's entries, filtered and paged, with its head and a verify link.
struct AuditPage: PageContent {
    static let template = "audit/audit"
    static let strings: [StringTable] = [.audit]
    var title: String
    struct Row: Encodable {
        var seq: Int64
        var time: String
        var actor: String
        var action: String
        var entity: String
        var change: String
        var hash: String
    }
    var chains: [Choice]
    var chain: String
    var isClientChain: Bool
    var clientID: String
    var filterPath = SiteURL.audit.path
    var verifyPath: String
    var exportPath: String
    var headCount: Int64
    var headHash: String
    var entries: [Row]
    var filter: [String: String]
    var verified: String?
    var broken: String?
    var previousPage: String?
    var nextPage: String?
}
