import DaiyunChannels
import DaiyunCore
import Foundation

/// An upload's preview: what was read, each bad row with its line and reason, and the confirm form.
struct ImportPreviewPage: PageContent {
    static let template = "imports/import-preview"
    static let strings: [StringTable] = [.imports]
    var title: String
    var kind, kindLabel, target, targetLabel, sourceID, fileName, sha256, encoding: String
    var rowsRead, goodRows: Int
    var errors: [RowError]
    var moreErrors: Int
    var modeAll: Bool
    var importsPath = SiteURL.imports.path
}
