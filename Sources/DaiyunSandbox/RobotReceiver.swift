import DaiyunChannels
import Foundation
import Vapor

/// A local stand-in for the DingTalk and WeCom robot webhooks that checks what they check: a
/// known access token or key, DingTalk's timestamp within an hour and its signature, a markdown
/// body, and at most 20 messages a minute per robot, answering errors as they do (`errcode`).
/// It keeps what it accepted, for tests and the demo (`GET /robot/messages`).
public actor RobotReceiver {
    /// A message accepted: which robot, and its markdown.
    public struct Received: Sendable, Equatable, Codable {
        public var robot: String
        public var title: String
        public var text: String
        public var at: Date
    }

    /// DingTalk tokens with their `SEC…` secrets, and WeCom keys.
    let dingTalk: [String: String]
    let weCom: Set<String>
    let clock: @Sendable () -> Date
    public private(set) var received: [Received] = []
    private var recent: [String: [Date]] = [:]

    public init(dingTalk: [String: String] = [:], weCom: Set<String> = [], clock: @escaping @Sendable () -> Date = { Date() }) {
        self.dingTalk = dingTalk
        self.weCom = weCom
        self.clock = clock
    }

    /// DingTalk's answer to a POST `/robot/send` with these query parameters and body.
    public func dingTalk(token: String?, timestamp: String?, sign: String?, body: Data) -> (Int, String) {
        guard let token, let secret = dingTalk[token] else { return (300_001, "token is not exist") }
        let now = clock()
        guard let timestamp, let millis = Int64(timestamp), abs(Double(millis) / 1000 - now.timeIntervalSince1970) <= 3_600 else {
            return (310_000, "sign not match, timestamp is invalid")
        }
        guard let sign, sign == RobotClient.dingTalkSignature(secret: secret, timestamp: millis) else {
            return (310_000, "sign not match")
        }
        return accept(robot: "dingtalk:\(token)", body: body, titleKey: "title", textKey: "text", tooFast: 130_101, now: now)
    }

    /// WeCom's answer to a POST `/cgi-bin/webhook/send?key=…`.
    public func weCom(key: String?, body: Data) -> (Int, String) {
        guard let key, weCom.contains(key) else { return (93_000, "invalid webhook url") }
        return accept(robot: "wecom:\(key)", body: body, titleKey: nil, textKey: "content", tooFast: 45_009, now: clock())
    }

    private func accept(robot: String, body: Data, titleKey: String?, textKey: String, tooFast: Int, now: Date) -> (Int, String) {
        let window = (recent[robot] ?? []).filter { now.timeIntervalSince($0) < 60 }
        guard window.count < 20 else {
            recent[robot] = window
            return (tooFast, "send too fast, exceed 20 times per minute")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], object["msgtype"] as? String == "markdown",
            let markdown = object["markdown"] as? [String: Any], let text = markdown[textKey] as? String, !text.isEmpty
        else { return (40_035, "invalid parameter") }
        recent[robot] = window + [now]
        received.append(Received(robot: robot, title: titleKey.flatMap { markdown[$0] as? String } ?? "", text: text, at: now))
        return (0, "ok")
    }

    /// Serves the receiver's routes on `app`.
    public nonisolated func routes(_ app: Application) {
        app.post("robot", "send") { request async throws -> Response in
            let body = Data(request.body.data.map { Array($0.readableBytesView) } ?? [])
            let (code, message) = await self.dingTalk(
                token: request.query["access_token"], timestamp: request.query["timestamp"], sign: request.query["sign"], body: body)
            return Self.answer(code, message)
        }
        app.post("cgi-bin", "webhook", "send") { request async throws -> Response in
            let body = Data(request.body.data.map { Array($0.readableBytesView) } ?? [])
            let (code, message) = await self.weCom(key: request.query["key"], body: body)
            return Self.answer(code, message)
        }
        app.get("robot", "messages") { _ async throws -> Response in
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: try encoder.encode(await self.received)))
        }
    }

    static func answer(_ code: Int, _ message: String) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: ["errcode": code, "errmsg": message])) ?? Data()
        return Response(status: .ok, headers: ["Content-Type": "application/json;charset=UTF-8"], body: .init(data: data))
    }
}
