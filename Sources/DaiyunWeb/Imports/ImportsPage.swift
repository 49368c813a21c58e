import DaiyunCore
import Foundation

/// The imports page: the upload form and the import history of what the user may see.
struct ImportsPage: PageContent {
    static let template = "imports/imports"
    static let strings: [StringTable] = [.imports]
    var title: String
    struct Batch: Encodable {
        var id, when, kind, target, outcome, outcomeClass, actor: String
        var rows, inserted, updated, unchanged, rejected: Int
        var path: String
    }
    var batches: [Batch]
    var kinds: [Choice]
    var targets: [Choice]
    var previewPath = SiteURL.importPreview.path
}
