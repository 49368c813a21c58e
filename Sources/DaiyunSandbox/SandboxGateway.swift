import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import Foundation

/// The sandbox's `/router/rest`: checks a call as the Taobao Open Platform does (app key,
/// signature, timestamp window, session, call rate, required parameters) and answers it from the
/// shops, in the platform's JSON, errors included.
public actor SandboxGateway {
    /// App key → app secret.
    public nonisolated let apps: [String: String]
    let shops: [String: SandboxShop]
    /// Calls one session may make per second before it is banned for a second.
    public var callsPerSecond: Int
    /// How far a request's timestamp may be from the sandbox's clock.
    public var timestampTolerance: TimeInterval = 600
    private var recentCalls: [String: [Date]] = [:]
    public private(set) var callCount = 0
    /// Answer the increment API without sub-orders, as the platform does for fields it leaves
    /// to `taobao.trade.fullinfo.get`.
    public var partialLists = false

    public init(apps: [String: String], shops: [SandboxShop], callsPerSecond: Int = 100) {
        self.apps = apps
        self.shops = Dictionary(shops.map { ($0.session, $0) }, uniquingKeysWith: { a, _ in a })
        self.callsPerSecond = callsPerSecond
    }

    public func setCallsPerSecond(_ limit: Int) { callsPerSecond = limit }
    public func setPartialLists(_ partial: Bool) { partialLists = partial }

    /// Answers one form-encoded call; the body is always JSON, as the platform's is.
    public func handle(_ parameters: [String: String], now: Date = Date()) async -> Data {
        callCount += 1
        do {
            let (shop, method) = try verify(parameters, now: now)
            let body = try await SandboxMethods(shop: shop, parameters: parameters, now: now, partialLists: partialLists).answer(method)
            let key = String(method.dropFirst("taobao.".count)).replacingOccurrences(of: ".", with: "_") + "_response"
            return Self.json([key: body])
        } catch let failure as SandboxFailure {
            var body: [String: Any] = ["code": failure.code, "msg": failure.message, "request_id": Hex.random(bytes: 6)]
            if let sub = failure.subCode { body["sub_code"] = sub }
            if let sub = failure.subMessage { body["sub_msg"] = sub }
            return Self.json(["error_response": body])
        } catch {
            return Self.json([
                "error_response": ["code": 15, "msg": "Remote service error", "sub_code": "isp.unknown-error", "sub_msg": "\(error)"]
            ])
        }
    }

    /// A `timestamp` in either form the platform accepts: `yyyy-MM-dd HH:mm:ss` in GMT+8, or
    /// milliseconds since 1970 as the platform's own SDKs send it.
    static func time(_ stamp: String) -> Date? {
        if stamp.count >= 12, stamp.count <= 14, stamp.allSatisfy({ $0.isASCII && $0.isNumber }), let millis = Int64(stamp) {
            return Date(timeIntervalSince1970: Double(millis) / 1000)
        }
        return ShanghaiTime.parse(stamp)
    }

    private func verify(_ p: [String: String], now: Date) throws -> (SandboxShop, String) {
        guard let method = p["method"], !method.isEmpty else { throw SandboxFailure(21, "Missing Method") }
        guard let appKey = p["app_key"], !appKey.isEmpty else { throw SandboxFailure(28, "Missing App Key") }
        guard let secret = apps[appKey] else { throw SandboxFailure(29, "Invalid App Key") }
        guard let stamp = p["timestamp"], !stamp.isEmpty else { throw SandboxFailure(30, "Missing Timestamp") }
        guard let time = Self.time(stamp), abs(time.timeIntervalSince(now)) <= timestampTolerance else {
            throw SandboxFailure(
                31, "Invalid Timestamp", sub: "isv.invalid-parameter:timestamp",
                subMessage: "时间戳与服务器时间相差超过\(Int(timestampTolerance / 60))分钟")
        }
        guard p["v"] == "2.0" else { throw SandboxFailure(33, "Invalid Version") }
        guard let sign = p["sign"], !sign.isEmpty else { throw SandboxFailure(24, "Missing Signature") }
        guard let signMethod = TOPSignMethod(rawValue: p["sign_method"] ?? "md5") else { throw SandboxFailure(50, "Invalid Sign Method") }
        guard signMethod.sign(p, secret: secret) == sign.uppercased() else { throw SandboxFailure(25, "Invalid Signature") }
        guard let session = p["session"] ?? p["access_token"], !session.isEmpty else { throw SandboxFailure(26, "Missing Session") }
        guard let shop = shops[session] else {
            throw SandboxFailure(27, "Invalid Session", sub: "invalid-sessionkey", subMessage: "SessionKey非法或已过期，请卖家重新授权")
        }
        let window = (recentCalls[session] ?? []).filter { now.timeIntervalSince($0) < 1 }
        guard window.count < callsPerSecond else {
            recentCalls[session] = window
            throw SandboxFailure(7, "App Call Limited", sub: "accesscontrol.limited", subMessage: "This ban will last for 1 more seconds")
        }
        recentCalls[session] = window + [now]
        return (shop, method)
    }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}

/// An `error_response` the sandbox answers.
struct SandboxFailure: Error {
    var code: Int
    var message: String
    var subCode: String?
    var subMessage: String?

    init(_ code: Int, _ message: String, sub: String? = nil, subMessage: String? = nil) {
        self.code = code
        self.message = message
        self.subCode = sub
        self.subMessage = subMessage
    }

    static func missing(_ name: String) -> SandboxFailure {
        SandboxFailure(40, "Missing Required Arguments", sub: "isv.missing-parameter:\(name)", subMessage: "缺少必选参数:\(name)")
    }

    static func invalid(_ name: String, _ why: String) -> SandboxFailure {
        SandboxFailure(41, "Invalid Arguments", sub: "isv.invalid-parameter:\(name)", subMessage: why)
    }
}
