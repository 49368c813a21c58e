import DaiyunCore
import Foundation
import Testing

@testable import DaiyunPersistence
@testable import DaiyunWeb

@Suite("Robot messages")
struct AlertRobotTextTests {
    static let store = Store(
        id: ID(UUID()), agencyID: ID(UUID()), clientID: ID(UUID()), channel: .tmall, shopID: "tm-1", name: "花漾旗舰店", status: .active,
        takenOverOn: BusinessDay("2025-01-01")!)

    static func alert(_ link: AlertLink, severity: AlertSeverity) -> Alert {
        Alert(
            id: UUID(), storeID: store.id, ruleID: UUID(), kind: .roiBelowTarget, subject: "ztc:C1", severity: severity, status: .open,
            message: Message("alert_roi_below_target", ["核心词", "3", "2.55", "3.00"], english: "x"), link: link, openedAt: Date(),
            lastSeenAt: Date())
    }

    @Test("each alert links to its rows at the public address, and the digest to the inbox; without the address, no links")
    func links() {
        let alerts = [
            (alert: Self.alert(.campaign("ztc:C1"), severity: .warning), store: Self.store),
            (alert: Self.alert(.day(BusinessDay("2026-11-30")!), severity: .critical), store: Self.store),
        ]
        let linked = AlertRobotText.text(publicURL: "https://daiyun.example.com")(alerts, .zhCN).markdown
        #expect(linked.contains("[查看](https://daiyun.example.com/stores/\(Self.store.id)/ads#campaign-ztc-C1)"))
        #expect(linked.contains("[查看](https://daiyun.example.com/stores/\(Self.store.id)/orders?paid=2026-11-30)"))
        #expect(linked.contains("核心词：最近 3 天每天投产比都低于目标，合计 2.55，目标 3.00"))
        #expect(linked.contains("(https://daiyun.example.com/alerts)"))
        #expect(linked.range(of: "严重")!.lowerBound < linked.range(of: "警告")!.lowerBound, "the most severe first")
        let plain = AlertRobotText.text(publicURL: nil)(alerts, .en).markdown
        #expect(!plain.contains("](") && plain.contains("ROI below target"))
    }

    @Test("a robot's last failure reads in the page's language, with what the platform said kept as it said it")
    func lastError() {
        let robot = Robot(
            id: UUID(), agencyID: Self.store.agencyID, clientID: Self.store.clientID, storeID: Self.store.id, kind: .dingtalk, name: "运营群",
            webhook: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: "SECx", language: .zhCN)
        let failed = RobotDelivery(
            id: UUID(), robotID: robot.id, alertID: UUID(), status: .failed, attempts: 1, nextAttemptAt: Date(), sentAt: nil,
            lastError: "the robot refused the message: 310000 keywords not in content",
            errorMessage: Message("robot_error_refused", ["310000", "keywords not in content"], english: "x"))
        func shown(_ language: Language) -> String? {
            AlertRulesPage(
                store: Self.store, clientName: "花漾", rules: [], robots: [(robot, [failed])], canEdit: true, Localizer(language: language)
            )
            .robots.first?.lastError
        }
        #expect(shown(.zhCN) == "最近错误：机器人拒收（310000 keywords not in content）：请检查 Webhook 地址、加签密钥和安全关键词")
        #expect(shown(.en)?.hasPrefix("Last error: the robot refused the message (310000 keywords not in content)") == true)
    }
}

@Suite("Audit words")
struct AuditWordsCodeTests {
    @Test("an alert's status, severity and kind in the audit log read as words, not codes; other text stays as it is")
    func codes() {
        let zh = Localizer(language: .zhCN)
        #expect(AuditWords.value("acknowledged", field: "status", zh) == "处理中")
        #expect(AuditWords.value("critical", field: "severity", zh) == "严重")
        #expect(AuditWords.value("roi_below_target", field: "kind", zh) == "投产比低于目标")
        #expect(AuditWords.value("acknowledged", field: "name", zh) == "acknowledged")
        let switched = try! JSONSerialization.jsonObject(with: Data(#"{"enabled":false,"other":true}"#.utf8)) as! [String: Any]
        #expect(AuditWords.value(switched["enabled"], field: "enabled", zh) == "关")
        #expect(AuditWords.value(true, field: "enabled", Localizer(language: .en)) == "on")
    }
}
