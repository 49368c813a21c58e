import AsyncHTTPClient
import Crypto
import DaiyunCore
import Foundation
import NIOCore
import NIOFoundationCompat

/// Posts markdown to a DingTalk custom robot (§9.1: `timestamp` in milliseconds and `sign` =
/// base64 of HMAC-SHA256 keyed with the secret over `timestamp\nsecret`, URL-encoded) or a WeCom
/// group robot (§9.2: the key in the webhook), and reads the answer's `errcode`.
public struct RobotClient: Sendable {
    let transport: any RobotTransport

    public init(transport: any RobotTransport = HTTPRobotTransport()) {
        self.transport = transport
    }

    /// What a robot answered.
    public enum Outcome: Sendable, Equatable {
        case sent
        /// Too many messages this minute: try again after a minute.
        case rateLimited
        /// Refused for good (a bad key or signature, a removed robot), with what it said.
        case refused(Message)
        /// The platform or the network failed: try again later.
        case failed(Message)
    }

    /// DingTalk's signature of `timestamp` (milliseconds), before URL-encoding.
    public static func dingTalkSignature(secret: String, timestamp: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// The address a message goes to: DingTalk's with the timestamp and signature added.
    public static func address(of robot: Robot, at now: Date) -> String {
        guard robot.kind == .dingtalk, let secret = robot.secret else { return robot.webhook }
        let timestamp = Int64(now.timeIntervalSince1970 * 1000)
        let sign =
            dingTalkSignature(secret: secret, timestamp: timestamp)
            .addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics) ?? ""
        return robot.webhook + (robot.webhook.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(sign)"
    }

    /// The JSON body of a markdown message with its title (DingTalk shows the title in the chat list).
    public static func body(of robot: Robot, title: String, markdown: String) -> Data {
        let payload: [String: Any] =
            robot.kind == .dingtalk
            ? ["msgtype": "markdown", "markdown": ["title": title, "text": markdown]]
            : ["msgtype": "markdown", "markdown": ["content": markdown]]
        return (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()
    }

    public func send(_ robot: Robot, title: String, markdown: String, at now: Date) async -> Outcome {
        do {
            let (status, data) = try await transport.postJSON(
                Self.address(of: robot, at: now), body: Self.body(of: robot, title: title, markdown: markdown))
            guard (200..<300).contains(status) else {
                return status == 429
                    ? .rateLimited
                    : .failed(Message("robot_error_http", [String(status)], english: "the robot's service answered HTTP \(status)"))
            }
            let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            let code = String((answer?["errcode"] as? NSNumber)?.intValue ?? -1)
            // What the platform said stays as it said it, in its own words, inside the message.
            let said = String((answer?["errmsg"] as? String ?? "").prefix(200))
            switch code {
            case "0": return .sent
            // DingTalk: 130101 send too fast; WeCom: 45009 api freq out of limit.
            case "130101", "45009": return .rateLimited
            // DingTalk: 310000 keywords, signature, timestamp or IP; 300001 token; WeCom: 93000 invalid key.
            case "310000", "300001", "93000", "40001":
                return .refused(Message("robot_error_refused", [code, said], english: "the robot refused the message: \(code) \(said)"))
            default: return .failed(Message("robot_error_code", [code, said], english: "the robot's service failed: \(code) \(said)"))
            }
        } catch {
            return .failed(Message("robot_error_unreachable", english: "the robot's service could not be reached: \(error)"))
        }
    }
}

/// Posts a JSON body and returns the HTTP status and body.
public protocol RobotTransport: Sendable {
    func postJSON(_ url: String, body: Data) async throws -> (status: Int, body: Data)
}

/// The transport over HTTP(S).
public struct HTTPRobotTransport: RobotTransport {
    public init() {}

    public func postJSON(_ url: String, body: Data) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json;charset=utf-8")
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }
}
