import DaiyunCore
import DaiyunPersistence
import Foundation

extension CatalogFile {
    /// The catalog as the CSV this importer reads back: UTF-8 with a BOM (so Excel opens it
    /// right), or GB18030 for older Chinese tools. CRLF line ends.
    public static func export(_ entries: [CatalogEntry], encoding: FileEncoding) -> Data {
        let rows = entries.map { e in
            [e.product.title, e.product.category, e.product.mainImageURL, e.product.sellingPoints, e.product.detail,
             e.sku.outerID, e.sku.barcode, e.sku.properties, e.sku.listPrice.yuanString, e.sku.floorPrice.yuanString,
             e.sku.cost.yuanString]
        }
        let text = CSVWriter.text([header] + rows)
        switch encoding {
        case .utf8: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030: return text.data(using: FileEncoding.gb18030Encoding) ?? Data(text.utf8)
        }
    }
}
