import DaiyunCore
import DaiyunPersistence
import Foundation

extension CatalogFile {
    /// The catalog as the CSV this importer reads back: UTF-8 with a BOM (so Excel opens it
    /// right), or GB18030 for older Chinese tools. CRLF line ends.
    public static func export(_ entries: [CatalogEntry], encoding: FileEncoding) -> Data {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [header.joined(separator: ",")]
        for e in entries {
            lines.append([e.product.title, e.product.category, e.product.mainImageURL, e.product.sellingPoints, e.product.detail,
                          e.sku.outerID, e.sku.barcode, e.sku.properties, e.sku.listPrice.yuanString, e.sku.floorPrice.yuanString,
                          e.sku.cost.yuanString].map(field).joined(separator: ","))
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        switch encoding {
        case .utf8: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030: return text.data(using: FileEncoding.gb18030Encoding) ?? Data(text.utf8)
        }
    }
}
