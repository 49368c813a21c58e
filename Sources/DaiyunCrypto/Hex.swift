import Crypto
import Foundation

/// Lowercase hex text for digests and random secrets.
public enum Hex {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of the text's UTF-8 bytes, as hex.
    public static func sha256(_ text: String) -> String {
        encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// SHA-256 of raw bytes, as hex.
    public static func sha256(_ data: Data) -> String {
        encode(SHA256.hash(data: data))
    }

    /// `count` random bytes from the system's secure generator, as hex.
    public static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
