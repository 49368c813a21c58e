import Foundation
import Vapor
import Yams

/// The OpenAPI document read into what the API page shows: operations grouped by resource, each
/// with its parameters, body and answers, and the schemas they name.
struct APIReference: Sendable, Encodable {
    struct Parameter: Sendable, Encodable {
        var name, location, type, description: String
        var required: Bool
    }
    struct Answer: Sendable, Encodable {
        var status, description, schema: String
    }
    struct Operation: Sendable, Encodable {
        var method, path, summary, anchor, body: String
        var parameters: [Parameter]
        var answers: [Answer]
    }
    struct Group: Sendable, Encodable {
        var name: String
        var operations: [Operation]
    }
    struct Property: Sendable, Encodable {
        var name, type, description: String
        var required: Bool
    }
    struct Schema: Sendable, Encodable {
        var name, type, description: String
        var properties: [Property]
    }

    var title, version, description, server: String
    var groups: [Group]
    var schemas: [Schema]

    static let methods = ["get", "post", "put", "patch", "delete"]

    /// Reads the document's text; a document that is not the OpenAPI shape is an error.
    init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any], let paths = root["paths"] as? [String: Any] else {
            throw Abort(.internalServerError, reason: "the OpenAPI document has no paths")
        }
        let info = root["info"] as? [String: Any] ?? [:]
        title = info["title"] as? String ?? ""
        version = "\(info["version"] ?? "")"
        // The YAML block's line breaks are the file's, not paragraphs: the page wraps the text itself.
        description = (info["description"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
        server = ((root["servers"] as? [[String: Any]])?.first?["url"] as? String) ?? ""
        let components = root["components"] as? [String: Any] ?? [:]
        let sharedParameters = components["parameters"] as? [String: Any] ?? [:]
        func resolve(_ value: Any) -> [String: Any] {
            guard let object = value as? [String: Any] else { return [:] }
            if let ref = object["$ref"] as? String, let name = ref.split(separator: "/").last {
                return sharedParameters[String(name)] as? [String: Any] ?? [:]
            }
            return object
        }
        var byGroup: [String: [Operation]] = [:]
        for path in paths.keys.sorted() {
            guard let item = paths[path] as? [String: Any] else { continue }
            let common = (item["parameters"] as? [Any] ?? []).map(resolve)
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let parameters = (common + (operation["parameters"] as? [Any] ?? []).map(resolve)).map {
                    Parameter(
                        name: $0["name"] as? String ?? "", location: $0["in"] as? String ?? "",
                        type: Self.typeName($0["schema"]), description: $0["description"] as? String ?? "",
                        required: $0["required"] as? Bool ?? false)
                }
                let body = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]).map { content in
                    content.keys.sorted().map { type in
                        let schema = (content[type] as? [String: Any])?["schema"]
                        return type == "application/json" ? Self.typeName(schema) : type
                    }.joined(separator: ", ")
                }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                let answers = responses.keys.sorted().map { status in
                    let answer = responses[status] as? [String: Any] ?? [:]
                    if let ref = answer["$ref"] as? String {
                        return Answer(status: status, description: Self.lastPart(ref), schema: "Error")
                    }
                    let schema = ((answer["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                    return Answer(
                        status: status, description: answer["description"] as? String ?? "",
                        schema: schema == nil ? "" : Self.typeName(schema))
                }
                let group = path.split(separator: "/").first.map(String.init) ?? "/"
                byGroup[group, default: []].append(
                    Operation(
                        method: method.uppercased(), path: path, summary: operation["summary"] as? String ?? "",
                        anchor: operation["operationId"] as? String ?? "\(method)-\(path)", body: body ?? "",
                        parameters: parameters, answers: answers))
            }
        }
        groups = byGroup.keys.sorted().map { Group(name: $0, operations: byGroup[$0]!) }
        let schemaObjects = components["schemas"] as? [String: Any] ?? [:]
        schemas = schemaObjects.keys.sorted().map { name in
            let schema = schemaObjects[name] as? [String: Any] ?? [:]
            let required = Set(schema["required"] as? [String] ?? [])
            let properties = schema["properties"] as? [String: Any] ?? [:]
            return Schema(
                name: name, type: Self.typeName(schema), description: schema["description"] as? String ?? "",
                properties: properties.keys.sorted().map { key in
                    let property = properties[key] as? [String: Any] ?? [:]
                    return Property(
                        name: key, type: Self.typeName(property), description: property["description"] as? String ?? "",
                        required: required.contains(key))
                })
        }
    }

    static func lastPart(_ ref: String) -> String { ref.split(separator: "/").last.map(String.init) ?? ref }

    /// A schema as one short text in the notation developers read in any language: a named
    /// schema, `[Client]` for an array, `string (uuid)`, `"0" | "1"` for a choice, `?` for nullable.
    static func typeName(_ value: Any?) -> String {
        guard let schema = value as? [String: Any] else { return "" }
        if let ref = schema["$ref"] as? String { return lastPart(ref) }
        if let values = schema["enum"] as? [Any] { return values.map { "\"\($0)\"" }.joined(separator: " | ") }
        let type = schema["type"] as? String ?? "object"
        if type == "array" { return "[" + typeName(schema["items"]) + "]" }
        var text = type
        if let format = schema["format"] as? String { text += " (\(format))" }
        if let minimum = schema["minimum"], let maximum = schema["maximum"] { text += " \(minimum)–\(maximum)" }
        if schema["nullable"] as? Bool == true { text += "?" }
        return text
    }
}
