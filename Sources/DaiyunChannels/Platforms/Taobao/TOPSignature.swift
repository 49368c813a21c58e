import Foundation

/// How a Taobao Open Platform request is signed (its `sign_method` parameter).
public enum TOPSignMethod: String, Sendable, CaseIterable, Codable {
    /// `MD5(secret + params + secret)`.
    case md5
    /// `HMAC-MD5(secret, params)`, without the secret around the text.
    case hmac
    /// `HMAC-SHA256(secret, params)`.
    case hmacSHA256 = "hmac-sha256"

    /// The `sign` value of a request with these parameters (system and business alike; `sign`
    /// itself and empty values are skipped): uppercase hex.
    public func sign(_ parameters: [String: String], secret: String) -> String {
        let text = ParameterSigning.concatenated(parameters)
        return switch self {
        case .md5: ParameterSigning.wrappedMD5(text, secret: secret)
        case .hmac: ParameterSigning.hmacMD5(text, secret: secret).uppercased()
        case .hmacSHA256: ParameterSigning.hmacSHA256(text, secret: secret).uppercased()
        }
    }
}
