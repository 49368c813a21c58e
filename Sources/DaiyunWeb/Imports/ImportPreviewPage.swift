import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation

/// An upload's preview: what was read, each bad row with its line and reason, and the confirm form.
struct ImportPreviewPage: PageContent {
    static let template = "imports/import-preview"
    static let strings: [StringTable] = [.imports]
    /// Bad rows listed on the page; the rest are counted.
    static let shownErrors = 200
    var title: String
    var kind, kindLabel, target, targetLabel, sourceID, fileName, sha256, encoding: String
    var rowsRead, goodRows: Int
    var errors: [ImportErrorRow]
    var moreErrors: Int
    var modeAll: Bool
    var importsPath = SiteURL.imports.path

    /// `targetKey`: the form's target (`store:<id>`, `client:<id>`), sent back with the confirmation.
    init(
        kind: ImportKind, targetKey: String, target: ImportTarget, source: SourceRecord, preview: ImportPreview, modeAll: Bool,
        _ l10n: Localizer
    ) {
        title = l10n["import_preview_title"]
        self.kind = kind.rawValue
        kindLabel = l10n["import_kind_\(kind.rawValue)"]
        self.target = targetKey
        targetLabel = target.store.map { "\(target.client.name) · \($0.name)" } ?? target.client.name
        sourceID = source.id.uuidString.lowercased()
        fileName = source.name
        sha256 = source.sha256
        encoding = preview.encoding.rawValue
        rowsRead = preview.rowsRead
        goodRows = preview.goodRows
        errors = preview.errors.prefix(Self.shownErrors).map { ImportErrorRow($0, l10n) }
        moreErrors = max(0, preview.errors.count - Self.shownErrors)
        self.modeAll = modeAll
    }
}
