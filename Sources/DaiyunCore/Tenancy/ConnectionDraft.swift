/// A store's connection to its channel's open platform as someone entered it, checked.
public struct ConnectionDraft: Sendable, Equatable {
    public static let signMethods = ["hmac-sha256", "hmac", "md5"]
    /// The channels whose stores sync through a connection today (the Taobao Open Platform).
    /// JD, Douyin and Pinduoduo have their request signing and order mapping, not yet a sync.
    public static let syncedChannels: [Channel] = [.tmall, .taobao]

    public var endpoint: String
    public var appKey: String
    public var appSecret: String
    public var session: String
    public var signMethod: String
    public var syncEverySeconds: Int

    /// Checked for a store on `channel`: only the channels in `syncedChannels` connect, and only to a
    /// gateway in `gateways`.
    public init(
        channel: Channel, endpoint: String, appKey: String, appSecret: String, session: String, signMethod: String,
        syncEverySeconds: String,
        gateways: GatewayAllowList
    ) throws {
        guard Self.syncedChannels.contains(channel) else {
            throw ValidationError(field: "channel", rule: .oneOf(Self.syncedChannels.map(\.rawValue)))
        }
        let endpoint = try TextRules.required(endpoint, field: "endpoint", maxLength: 300)
        guard endpoint.hasPrefix("https://") || endpoint.hasPrefix("http://"), !endpoint.contains(" ") else {
            throw ValidationError(field: "endpoint", rule: .webAddress)
        }
        self.endpoint = endpoint
        self.appKey = try TextRules.required(appKey, field: "app_key", maxLength: 64)
        self.appSecret = try TextRules.required(appSecret, field: "app_secret", maxLength: 128)
        self.session = try TextRules.required(session, field: "session", maxLength: 256)
        guard Self.signMethods.contains(signMethod) else { throw ValidationError(field: "sign_method", rule: .oneOf(Self.signMethods)) }
        self.signMethod = signMethod
        guard let every = Int(syncEverySeconds.trimmingCharacters(in: .whitespaces)), (10...86_400).contains(every) else {
            throw ValidationError(field: "sync_every_seconds", rule: .between(min: 10, max: 86_400))
        }
        self.syncEverySeconds = every
        try gateways.check(endpoint, field: "endpoint")
    }
}
