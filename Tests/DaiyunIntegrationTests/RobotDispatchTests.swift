import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunIntegration
import DaiyunPersistence
import DaiyunSandbox
import DaiyunTestSupport
import Foundation
import Testing
import Vapor

@Suite("Robot delivery")
struct RobotDispatchTests {
    static let now = ShanghaiTime.parse("2026-12-01 09:00:00")!
    static let secrets = try! SecretBox(base64Key: SecretBox.newKeyText())
    static let text: RobotText = { alerts, language in
        (
            "告警 \(alerts.count)",
            alerts.map { "- \($0.store.name) \($0.alert.message.english)" }.joined(separator: "\n") + " \(language.rawValue)"
        )
    }

    @Test("DingTalk's signature matches the published example")
    func signature() {
        #expect(
            RobotClient.dingTalkSignature(secret: "SECabc", timestamp: 1_700_000_000_000) == "jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=")
    }

    /// `count` bad-review alerts opened in store a1.
    static func alerts(_ app: Application, _ t: TestTenancy, count: Int) async throws -> [Alert] {
        let context = WriteContext(actor: "job:test", now: now)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data("reviews".utf8), name: "r", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id, by: context
        ).record.id
        let reviews = (1...count).map {
            Review(
                storeID: t.storeA1.id, tid: "R\($0)", oid: "R\($0)1", result: .bad, content: "差", reply: "", buyerNick: "b", itemTitle: "x",
                createdAt: now.addingTimeInterval(-600))
        }
        _ = try await ReviewRepository(database: app.db).apply(reviews, store: t.storeA1, source: source, by: context)
        return try await AlertEvaluator(database: app.db).evaluate(t.storeA1, at: now).filter { $0.kind == .badReview }
    }

    @Test(
        "25 alerts reach a signed DingTalk robot as 20 messages in the minute, the last a digest; a WeCom robot with a wrong key gives up",
        arguments: TestDatabase.available)
    func dispatch(_ database: TestDatabase) async throws {
        let receiver = RobotReceiver(dingTalk: ["tok": "SECsecret"], weCom: ["good-key"], clock: { Self.now })
        try await withRobotReceiver(receiver) { base in
            try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                let robots = RobotRepository(database: app.db, secrets: Self.secrets)
                let context = WriteContext(actor: "user:admin", now: Self.now)
                let ding = try await robots.add(
                    Robot(
                        id: UUID(), agencyID: t.agencyA.id, clientID: t.clientA1.id, storeID: nil, kind: .dingtalk, name: "运营群",
                        webhook: "\(base)/robot/send?access_token=tok", secret: "SECsecret", language: .zhCN), by: context)
                let wrong = try await robots.add(
                    Robot(
                        id: UUID(), agencyID: t.agencyA.id, clientID: t.clientA1.id, storeID: t.storeA1.id, kind: .wecom, name: "客服群",
                        webhook: "\(base)/cgi-bin/webhook/send?key=bad-key", secret: nil, language: .en), by: context)
                let opened = try await Self.alerts(app, t, count: 25)
                #expect(opened.count == 25)
                let dispatcher = RobotDispatcher(database: app.db, secrets: Self.secrets, text: Self.text)
                _ = try await dispatcher.dispatch(client: t.clientA1.id, at: Self.now)
                let received = await receiver.received
                #expect(received.count == 20, "at most 20 a minute")
                #expect(received.last?.title == "告警 6", "19 alone, the other 6 in one digest")
                #expect(received.allSatisfy { $0.robot == "dingtalk:tok" })
                let sent = try await robots.deliveries(of: ding.id, limit: 100)
                #expect(sent.count == 25 && sent.allSatisfy { $0.status == .sent })
                let refused = try await robots.deliveries(of: wrong.id, limit: 100)
                #expect(
                    refused.count == 25
                        && refused.allSatisfy {
                            $0.status == .failed && $0.errorMessage?.key == "robot_error_refused"
                                && $0.errorMessage?.arguments.first == "93000"
                                && $0.lastError?.contains("93000") == true
                        })

                // A minute later nothing is due: nothing is sent twice.
                _ = try await dispatcher.dispatch(client: t.clientA1.id, at: Self.now.addingTimeInterval(61))
                #expect(await receiver.received.count == 20)
            }
        }
    }

    @Test("a robot answering 'too fast' gets the message again after a minute", arguments: TestDatabase.available)
    func rateLimited(_ database: TestDatabase) async throws {
        let receiver = RobotReceiver(weCom: ["k"], clock: { Self.now })
        try await withRobotReceiver(receiver) { base in
            try await withTestDatabase(database) { app in
                let t = try await TestTenancy.create(on: app)
                let robots = RobotRepository(database: app.db, secrets: Self.secrets)
                let robot = Robot(
                    id: UUID(), agencyID: t.agencyA.id, clientID: t.clientA1.id, storeID: nil, kind: .wecom, name: "群",
                    webhook: "\(base)/cgi-bin/webhook/send?key=k", secret: nil, language: .zhCN)
                _ = try await robots.add(robot, by: WriteContext(actor: "user:admin", now: Self.now))
                // Another sender used up the robot's minute.
                for _ in 0..<20 { _ = await receiver.weCom(key: "k", body: RobotClient.body(of: robot, title: "x", markdown: "x")) }
                _ = try await Self.alerts(app, t, count: 1)
                let next = try await RobotDispatcher(database: app.db, secrets: Self.secrets, text: Self.text).dispatch(
                    client: t.clientA1.id, at: Self.now)
                #expect(next == Self.now.addingTimeInterval(65))
                let delivery = try #require(try await robots.deliveries(of: robot.id).first)
                #expect(delivery.status == .pending && delivery.lastError == "rate limited" && delivery.attempts == 1)
            }
        }
    }
}
