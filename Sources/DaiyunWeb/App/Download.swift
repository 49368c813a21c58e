import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// Files the app sends for saving: the one place that writes `Content-Disposition`.
enum Download {
    /// `attachment` with the name as RFC 6266 gives it: an ASCII `filename` for old clients and the
    /// UTF-8 `filename*`, percent-encoded, so that no name can carry a quote or a line break into a
    /// header.
    static func contentDisposition(filename: String) -> String {
        let name = FileName.sanitized(filename, fallback: "download")
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "%" ? Character($0) : "_" })
        var encoded = ""
        for byte in name.utf8 {
            if Self.attributeCharacters.contains(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// A response that saves `data` as `filename`.
    static func attachment(_ data: Data, filename: String, contentType: HTTPMediaType) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = contentType
        response.headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(filename: filename))
        return response
    }

    /// The media type of a table's file.
    static func mediaType(of format: SpreadsheetFormat) -> HTTPMediaType {
        switch format {
        case .csv: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        case .gb18030: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "gb18030"])
        case .xlsx: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    /// The raw bytes of the source record named by the path, for whoever may see the store it came
    /// into; the page and the API answer alike.
    static func sourceRecord(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("recordID").flatMap(UUID.init(uuidString:)),
            let record = try await SourceRecordRepository(database: req.db).record(id)
        else { throw AccessDenied.notFound }
        try await req.authorizeSource(record)
        let content = try await SourceRecordRepository(database: req.db).content(of: id) ?? Data()
        let response = attachment(content, filename: record.name.isEmpty ? "source-\(id)" : record.name, contentType: .binary)
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: record.sha256)
        return response
    }

    // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    private static let attributeCharacters = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8))
}
