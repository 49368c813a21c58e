import DaiyunCore
import DaiyunPersistence
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
        /// The action as recorded (`store.update`), for filtering and reading the export.
        var actionCode: String
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

    /// `entries`: up to one more than `pageSize` (the extra one says a next page exists);
    /// `verification`: the chain's verification, when asked for.
    init(
        chains: [(key: AuditChainKey, client: Client?)], key: AuditChainKey, client: Client?, head: AuditChainHead, entries: [AuditEntry],
        query: AuditQuery, pageSize: Int, verification: Result<AuditChainHead, AuditChainProblem>?, _ l10n: Localizer
    ) {
        title = l10n["audit_title"]
        self.chains = chains.map {
            Choice(value: $0.key.description, label: $0.client?.name ?? l10n["audit_agency_chain"], selected: $0.key == key)
        }
        chain = key.description
        isClientChain = client != nil
        clientID = client?.id.description ?? ""
        verifyPath = SiteURL.auditVerify(key.description).path
        exportPath = client.map { SiteURL.auditExport($0.id).path } ?? ""
        headCount = head.count
        headHash = head.hash
        self.entries = entries.prefix(pageSize).map { Self.row($0, l10n) }
        filter = query.echo
        switch verification {
        case .success(let head): verified = l10n.format("audit_verified", Int(head.count))
        case .failure(let problem): broken = l10n["audit_broken"] + problem.description
        case nil: break
        }
        previousPage = query.page > 0 ? query.link(chain: key, page: query.page - 1) : nil
        nextPage = entries.count > pageSize ? query.link(chain: key, page: query.page + 1) : nil
    }

    static func row(_ entry: AuditEntry, _ l10n: Localizer) -> AuditPage.Row {
        let instant = Date(timeIntervalSince1970: Double(entry.atMillis) / 1000)
        return AuditPage.Row(
            seq: entry.seq, time: Self.timeFormatter.string(from: instant), actor: l10n.actor(entry.actor),
            action: AuditWords.action(entry.action, l10n), actionCode: entry.action,
            entity: AuditWords.entity(type: entry.entityType, id: entry.entityID, l10n),
            change: AuditWords.summary(entry, l10n), hash: String(entry.hash.prefix(12))
        )
    }

    static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Foundation.Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BusinessDay.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()

}
