import Foundation

/// The channel gateways a store connection may call: the platforms' official ones, and those the
/// operator configured (the demo's sandbox on loopback, a test platform). Anything else would let
/// whoever edits a store make the server call any host.
public struct GatewayAllowList: Sendable, Equatable {
    /// The Taobao Open Platform's gateways, production and its sandbox (protocols.md §1).
    public static let official = [
        "https://eco.taobao.com/router/rest", "https://gw.api.taobao.com/router/rest", "http://gw.api.taobao.com/router/rest",
        "https://gw.api.tbsandbox.com/router/rest",
    ]

    /// Origins the operator allows besides the official gateways: `scheme://host` (any port) or
    /// `scheme://host:port`.
    public var extra: [String]

    public init(extra: [String] = []) {
        self.extra = extra
    }

    /// Whether a connection may call `endpoint`.
    public func allows(_ endpoint: String) -> Bool {
        if Self.official.contains(endpoint) { return true }
        guard let url = URLComponents(string: endpoint), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
            url.user == nil, url.password == nil
        else { return false }
        return extra.contains { origin in
            guard let allowed = URLComponents(string: origin), allowed.scheme?.lowercased() == scheme, allowed.host?.lowercased() == host
            else {
                return false
            }
            return allowed.port == nil || allowed.port == url.port
        }
    }

    /// Throws unless `endpoint` may be called.
    public func check(_ endpoint: String, field: String) throws {
        guard allows(endpoint) else { throw ValidationError(field: field, rule: .gatewayNotAllowed) }
    }
}
