import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation

/// One import's result: its counts, its bad rows, and the file it read.
struct ImportBatchPage: PageContent {
    static let template = "imports/import-batch"
    static let strings: [StringTable] = [.imports, .orders]
    var title: String
    var batch: ImportsPage.Batch
    var errors: [ImportErrorRow]
    var sourceID: String
    var sourcePath: String
    var importsPath = SiteURL.imports.path

    init(batch: ImportBatch, target: String, errors: [RowError], _ l10n: Localizer) {
        title = l10n["import_batch_title"]
        self.batch = ImportsPage.Batch(batch, target: target, l10n)
        self.errors = errors.map { ImportErrorRow($0, l10n) }
        sourceID = batch.sourceRecordID?.uuidString.lowercased() ?? ""
        sourcePath = batch.sourceRecordID.map { SiteURL.sourceRecord($0).path } ?? ""
    }
}
