import Foundation

/// The digest that seals audit entries: SHA-256 of an entry's canonical JSON, as lowercase hex.
/// Core names what the chain needs; `DaiyunCrypto.SHA256Digest` computes it, so that Core needs
/// no crypto library.
public protocol AuditDigest: Sendable {
    func sha256Hex(_ text: String) -> String
}
