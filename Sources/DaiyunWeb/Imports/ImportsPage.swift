import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation

/// The imports page: the upload form and the import history of what the user may see.
struct ImportsPage: PageContent {
    static let template = "imports/imports"
    static let strings: [StringTable] = [.imports]
    var title: String
    var batches: [Batch]
    var kinds: [Choice]
    var targets: [Choice]
    var previewPath = SiteURL.importPreview.path

    /// One import as a row of the history.
    struct Batch: Encodable {
        var id, when, kind, target, outcome, outcomeClass, actor: String
        var rows, inserted, updated, unchanged, rejected: Int
        var path: String

        /// `target`: the name of the store or client it imported into.
        init(_ b: ImportBatch, target: String, _ l10n: Localizer) {
            id = b.id.uuidString.lowercased()
            when = ShanghaiTime.format(b.startedAt)
            kind = l10n["import_kind_\(b.kind)"]
            self.target = target
            outcome = l10n["import_outcome_\(b.outcome)"]
            outcomeClass = b.outcome == "imported" ? "active" : "ended"
            actor = l10n.actor(b.actor)
            rows = b.rowsRead
            inserted = b.inserted
            updated = b.updated
            unchanged = b.unchanged
            rejected = b.rejected
            path = SiteURL.importBatch(b.id).path
        }
    }

    /// `scope`: what the user sees and may import into.
    init(batches: [ImportBatch], scope: ImportScope, _ l10n: Localizer) {
        title = l10n["imports_title"]
        self.batches = batches.map { Batch($0, target: scope.targetName(of: $0), l10n) }
        kinds = ImportKind.allCases.map { Choice(value: $0.rawValue, label: l10n["import_kind_\($0.rawValue)"], selected: false) }
        targets = scope.importable.map { Choice(value: $0.key, label: $0.label, selected: false) }
    }
}
