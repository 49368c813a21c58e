import Crypto
import DaiyunCore
import Foundation

/// SHA-256 from swift-crypto, as the audit chain needs it.
public struct SHA256Digest: AuditDigest {
    public init() {}

    public func sha256Hex(_ text: String) -> String { Hex.sha256(text) }
}
