import Crypto
import Foundation

/// Seals the secrets Daiyun keeps for others (channel app secrets, sellers' sessions) with
/// AES-256-GCM under a key kept apart from the database, so a copy of the database or a backup
/// does not give away the stores. Sealed text reads `v1:` followed by base64 of nonce, ciphertext
/// and tag; the same secret sealed twice reads differently.
public struct SecretBox: Sendable {
    private let key: SymmetricKey
    static let prefix = "v1:"

    /// A box for a key given as base64 of 32 bytes (`DAIYUN_SECRETS_KEY`, the key file).
    public init(base64Key text: String) throws(KeyError) {
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw KeyError()
        }
        key = SymmetricKey(data: bytes)
    }

    /// A new random key, as base64 text to keep.
    public static func newKeyText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public func seal(_ secret: String) -> String {
        // AES-GCM sealing fails only for a key of the wrong size, which the initialiser rules out.
        let box = try! AES.GCM.seal(Data(secret.utf8), using: key)
        return Self.prefix + box.combined!.base64EncodedString()
    }

    /// The secret inside sealed text; fails if it was sealed under another key or is not sealed text.
    public func open(_ sealed: String) throws(OpenError) -> String {
        guard Self.isSealed(sealed), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key), let text = String(data: plain, encoding: .utf8)
        else {
            throw OpenError()
        }
        return text
    }

    /// Whether the text is sealed (rows written before secrets were sealed hold plain text).
    public static func isSealed(_ text: String) -> Bool {
        text.hasPrefix(prefix)
    }

    /// The key is not base64 of 32 bytes.
    public struct KeyError: Error, CustomStringConvertible {
        public var description: String { "the secrets key must be base64 of 32 bytes (make one with: openssl rand -base64 32)" }
    }

    /// Sealed text that this key cannot open.
    public struct OpenError: Error, CustomStringConvertible {
        public var description: String {
            "a stored channel secret cannot be opened with this secrets key (DAIYUN_SECRETS_KEY or the key file is not the one it was sealed with); reconnect the store or restore the key"
        }
    }
}
