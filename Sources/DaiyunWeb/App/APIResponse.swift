import DaiyunCore
import DaiyunPersistence
import Foundation
import Vapor

/// Encodes API answers the one way the OpenAPI document describes: snake_case keys, ISO 8601 times.
enum APIResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status, body: .init(data: try encoder.encode(value)))
        response.headers.contentType = .json
        return response
    }

    /// A list answer: `{ "items": [...] }`, so that fields can be added beside the items later.
    struct Items<T: Encodable>: Encodable {
        var items: [T]
    }
}
