import Crypto
import DaiyunCore
import DaiyunCrypto
import Foundation

/// The signing step the Taobao, JD and Pinduoduo gateways share: every parameter but the
/// signature, sorted by key in byte order, written `key1value1key2value2…` with values as they
/// are (not URL-encoded); parameters with an empty key or value are left out.
enum ParameterSigning {
    static func concatenated(_ parameters: [String: String], excluding excluded: Set<String> = ["sign"]) -> String {
        parameters
            .filter { !$0.key.isEmpty && !$0.value.isEmpty && !excluded.contains($0.key) }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { $0.key + $0.value }
            .joined()
    }

    /// `MD5(secret + text + secret)` as uppercase hex.
    static func wrappedMD5(_ text: String, secret: String) -> String {
        Hex.encode(Insecure.MD5.hash(data: Data((secret + text + secret).utf8))).uppercased()
    }

    static func hmacMD5(_ text: String, secret: String) -> String {
        Hex.encode(HMAC<Insecure.MD5>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func hmacSHA256(_ text: String, secret: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }
}
