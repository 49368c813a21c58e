import DaiyunCore
import Foundation

/// The app's and the seller's credentials for calls on one store.
public struct TOPCredentials: Sendable, Equatable {
    public var appKey: String
    public var appSecret: String
    /// The seller's access token (`session`).
    public var session: String
    public var signMethod: TOPSignMethod

    public init(appKey: String, appSecret: String, session: String, signMethod: TOPSignMethod = .hmacSHA256) {
        self.appKey = appKey
        self.appSecret = appSecret
        self.session = session
        self.signMethod = signMethod
    }
}

/// One API call: the method name and its business parameters.
public struct TOPRequest: Sendable, Equatable {
    public var method: String
    public var parameters: [String: String]

    public init(method: String, parameters: [String: String] = [:]) {
        self.method = method
        self.parameters = parameters
    }

    /// All parameters as sent: the business ones, the system ones and the signature.
    public func signedParameters(with credentials: TOPCredentials, at now: Date) -> [String: String] {
        var all = parameters
        all["method"] = method
        all["app_key"] = credentials.appKey
        all["session"] = credentials.session
        all["timestamp"] = ShanghaiTime.format(now)
        all["v"] = "2.0"
        all["format"] = "json"
        all["sign_method"] = credentials.signMethod.rawValue
        all["sign"] = credentials.signMethod.sign(all, secret: credentials.appSecret)
        return all
    }

    /// The key of a successful answer: `taobao.trades.sold.get` → `trades_sold_get_response`.
    public var responseKey: String {
        let name = method.hasPrefix("taobao.") ? String(method.dropFirst("taobao.".count)) : method
        return name.replacingOccurrences(of: ".", with: "_") + "_response"
    }
}

/// `application/x-www-form-urlencoded` bodies, percent-encoded as UTF-8 (only RFC 3986 unreserved
/// characters stay as they are, so `+` and `&` in values survive).
public enum FormEncoding {
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func encode(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }
            .map { escape($0.key) + "=" + escape($0.value) }
            .joined(separator: "&")
    }

    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Parses a form body; `+` is a space. Nil when the body is not valid percent-encoding.
    public static func decode(_ body: String) -> [String: String]? {
        var result: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                let value = (parts.count > 1 ? String(parts[1]) : "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { return nil }
            result[key] = value
        }
        return result
    }
}
