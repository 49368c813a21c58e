import Foundation

/// One client's chain as a file the brand keeps and verifies with `daiyun audit verify --file`,
/// without the database.
public struct AuditExport: Sendable, Equatable, Codable {
    public static let currentFormat = "daiyun-audit-chain/1"

    public var format: String
    public var chain: String
    /// The client's name, for a person reading the file.
    public var clientName: String
    public var exportedAtMillis: Int64
    public var head: AuditChainHead
    public var entries: [AuditEntry]

    public init(chain: String, clientName: String, exportedAt: Date, head: AuditChainHead, entries: [AuditEntry]) {
        self.format = Self.currentFormat
        self.chain = chain
        self.clientName = clientName
        self.exportedAtMillis = Int64(exportedAt.timeIntervalSince1970 * 1000)
        self.head = head
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case format, chain, head, entries
        case clientName = "client_name"
        case exportedAtMillis = "exported_at_ms"
    }

    /// Verifies the entries, the head written into the file, and a head the brand saw earlier.
    public func verify(expectedHead: AuditChainHead?, digest: some AuditDigest) -> Result<AuditChainHead, AuditChainProblem> {
        let result = AuditChainVerifier.verify(chain: chain, entries: entries, expectedHead: expectedHead, digest: digest)
        if case .success(let actual) = result, actual != head {
            return .failure(.headNotFound(chain: chain, head: head, actualCount: actual.count))
        }
        return result
    }

    /// The file's bytes: pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads an export file, refusing other formats.
    public static func decode(_ data: Data) throws -> AuditExport {
        let export = try JSONDecoder().decode(AuditExport.self, from: data)
        guard export.format == currentFormat else {
            throw ValidationError(field: "format", rule: .oneOf([currentFormat]))
        }
        return export
    }
}
