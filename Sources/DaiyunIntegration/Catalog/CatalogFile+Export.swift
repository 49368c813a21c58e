import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation

extension CatalogFile {
    /// The catalog as the CSV this importer reads back, in `encoding`. CRLF line ends.
    public static func export(_ entries: [CatalogEntry], encoding: FileEncoding) -> Data {
        let rows = entries.map { e in
            [
                e.product.title, e.product.category, e.product.mainImageURL, e.product.sellingPoints, e.product.detail,
                e.sku.outerID, e.sku.barcode, e.sku.properties, e.sku.listPrice.yuanString, e.sku.floorPrice.yuanString,
                e.sku.cost.yuanString,
            ]
        }
        return encoding.file(CSVWriter.text([header] + rows))
    }
}
