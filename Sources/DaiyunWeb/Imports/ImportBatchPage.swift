import DaiyunChannels
import DaiyunCore
import Foundation

/// One import's result: its counts, its bad rows, and the file it read.
struct ImportBatchPage: PageContent {
    static let template = "imports/import-batch"
    static let strings: [StringTable] = [.imports, .orders]
    var title: String
    var batch: ImportsPage.Batch
    var errors: [RowError]
    var sourceID: String
    var sourcePath: String
    var importsPath = SiteURL.imports.path
}
