import DaiyunChannels
import DaiyunCore
import DaiyunIntegration
import DaiyunPersistence
import Foundation
import Testing

@testable import DaiyunWeb

/// Every string a user can see is defined in both languages, where the page that shows it gets it.
@Suite("Localisation")
struct LocalizationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every page; a template that extends the layout and is missing here fails `everyTemplateIsAPage`.
    static let pages: [any PageContent.Type] = [
        ErrorPage.self, SignInPage.self, WorkbenchPage.self, OrderSearchPage.self, BatchShippingPage.self, ClientPage.self, StorePage.self,
        OrdersIndexPage.self,
        OrderPage.self,
        SyncPage.self, CatalogPage.self, SKUPage.self, StockPage.self, ImportsPage.self, ImportPreviewPage.self, ImportBatchPage.self,
        AccountPage.self, StaffPage.self, AuditPage.self, APIReferencePage.self, StoreDashboardPage.self, OverviewPage.self,
        AlertsPage.self,
        AlertRulesPage.self, AdsPage.self, AdRowsPage.self, ContractsPage.self, ContractPage.self, StatementPage.self, InvitationPage.self,
        StaffWorkloadPage.self,
    ]

    /// Keys code builds at run time from a value (`status_\(order.status)`), with every value they take.
    static let families: [String: [String]] = [
        "status_": OrderStatus.allCases.map(\.rawValue) + StoreStatus.allCases.map(\.rawValue),
        "channel_": Channel.allCases.map(\.rawValue),
        "role_": StoreRole.allCases.map(\.rawValue),
        "kind_": UserKind.allCases.map(\.rawValue),
        // Changes by hand, and the movements orders make.
        "stock_kind_": StockChangeKind.allCases.map(\.rawValue) + ["reserve", "release", "deduct"],
        "stock_": LineStockState.allCases.map(\.rawValue),
        "job_kind_": [JobKind.sync, .stockPush, .ship, .alerts, .robots].map(\.rawValue),
        "job_status_": JobStatus.allCases.map(\.rawValue),
        "sync_kind_": ["orders", "refunds", "reviews", "ads"],
        "alert_subscription_": AlertSubscription.allCases.map(\.rawValue),
        "import_kind_": ImportKind.allCases.map(\.rawValue),
        "import_outcome_": ["imported", "rejected"],
        "shipment_": ["pending", "sent", "failed"],
        "review_": ReviewResult.allCases.map(\.rawValue),
        "refund_status_": RefundStatus.allCases.map(\.rawValue),
        "refund_phase_": RefundPhase.allCases.map(\.rawValue),
        "sync_health_": SyncHealth.allCases.map(\.rawValue),
        "actor_": Localizer.machineActors.map(Localizer.actorKey),
        "audit_action_": AuditWords.actions.map(AuditWords.key),
        "audit_entity_": [
            "agency", "client", "store", "user", "sku", "product", "order", "warehouse", "store_assignment", "api_token", "import_batch",
            "safety_stock", "listing", "audit_chain", "stock_level", "alert", "alert_rule", "robot", "contract", "statement",
        ],
        "movement_reason_": Array(Localizer.movementReasons.values),
        "promotion_": PromotionCalendar.names,
        "attention_": AttentionReason.allCases.map(\.rawValue),
        "overview_period_": OverviewPeriod.allCases.map(\.rawValue),
        "dashboard_skus_": SKURanking.allCases.map(\.rawValue),
        "alert_kind_": AlertKind.allCases.map(\.rawValue),
        "alerts_unit_": AlertKind.allCases.map(\.rawValue),
        "robots_kind_": Robot.Kind.allCases.map(\.rawValue),
        "ad_product_": AdProduct.allCases.map(\.rawValue),
        "ad_model_": AttributionModel.allCases.map(\.rawValue),
        "ad_action_": AdSuggestion.Action.allCases.map(\.rawValue),
        "ads_table_": AdsTables.names,
        "dashboard_preset_": ["7", "30", "90", "month", "last_month"],
        "alert_severity_": AlertSeverity.allCases.map(\.rawValue),
        "alert_status_": AlertStatus.allCases.map(\.rawValue),
        "alert_dsr_drop_": ["description", "service", "logistics"],
        "job_error_channel_family_": TOPError.Family.allCases.map(\.rawValue),
        "statement_state_": StatementState.allCases.map(\.rawValue) + ["none"],
        "statement_action_": StatementAction.allCases.map(\.rawValue),
        "statement_step_": StatementStep.names,
        "statement_line_": StatementLine.Kind.allCases.map(\.rawValue),
        "statement_adjustment_": ["late_data"],
        "commission_base_": CommissionBase.allCases.map(\.rawValue),
        "tier_mode_": TierMode.allCases.map(\.rawValue),
        "kpi_outcome_": KPIResult.Outcome.allCases.map(\.rawValue),
        "dsr_dimension_": DSRDimension.allCases.map(\.rawValue),
        "service_module_": ServiceModule.allCases.map(\.rawValue),
        "team_role_": TeamRole.allCases.map(\.rawValue),
        "contract_ad_spend_": AdSpendHandling.allCases.map(\.rawValue),
        // Labels of the fields an error names; a name without a label reads as itself.
        "field_": [],
    ]

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The `t.key`s a template uses, with those of the templates it extends.
    static func keys(ofTemplate name: String) throws -> Set<String> {
        let source = try text("Resources/Views/\(name).leaf")
        var keys = Set(source.matches(of: /\bt\.([a-z0-9_A-Z]+)/).map { String($0.1) })
        for partial in source.matches(of: /#extend\("([a-z\/-]+)"\)/) {
            keys.formUnion(try Self.keys(ofTemplate: String(partial.1)))
        }
        return keys
    }

    /// The web code, and the modules that compose `Message`s for it.
    static var swiftSources: [String] {
        ["DaiyunWeb", "DaiyunCore", "DaiyunChannels", "DaiyunIntegration", "DaiyunJobs", "DaiyunPersistence"].flatMap { module in
            let folder = root.appendingPathComponent("Sources/\(module)")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            return files.filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasSuffix("Strings.swift") }
                .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        }
    }

    /// Keys code looks up by name: `l10n["key"]`, `format("key", …)`, `localizer(for: req)["key"]`.
    static var codeKeys: Set<String> {
        var keys = Set<String>()
        for source in swiftSources {
            for match in source.matches(
                of: /(?:\]|\)|l10n|self)\["([a-z][a-z0-9_]*)"\]|format\(\s*"([a-z][a-z0-9_]*)"|Message\(\s*"([a-z][a-z0-9_]*)"/)
            {
                keys.insert(String(match.1 ?? match.2 ?? match.3 ?? ""))
            }
            // `l10n[isStaff ? "a" : "b"]`
            for match in source.matches(of: /\[[^\]\n]*\?\s*"([a-z][a-z0-9_]*)"\s*:\s*"([a-z][a-z0-9_]*)"\s*\]/) {
                keys.insert(String(match.1))
                keys.insert(String(match.2))
            }
        }
        return keys
    }

    @Test("every key is defined once, in both languages")
    func definedOnce() {
        var seen: [String: String] = [:]
        for table in StringTable.all {
            for (key, entry) in table.entries {
                #expect(seen[key] == nil, "\(key) is in \(table.name) and \(seen[key] ?? "")")
                seen[key] = table.name
                #expect(!entry.zh.isEmpty && !entry.en.isEmpty, "\(key) has an empty translation")
            }
        }
    }

    @Test("each page's template finds every key it uses in the tables the page is given")
    func pagesGetTheirKeys() throws {
        for page in Self.pages {
            let given = Set(([StringTable.shared] + page.strings).flatMap(\.entries.keys))
            let missing = try Self.keys(ofTemplate: page.template).subtracting(given)
            #expect(missing.isEmpty, "\(page.template) uses keys it is not given: \(missing.sorted())")
        }
    }

    @Test("every template that extends the layout is a page's")
    func everyTemplateIsAPage() throws {
        let folder = Self.root.appendingPathComponent("Resources/Views")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        let pages = Set(Self.pages.map { $0.template })
        for file in files where file.pathExtension == "leaf" {
            let name = file.path.replacingOccurrences(of: folder.path + "/", with: "").replacingOccurrences(of: ".leaf", with: "")
            guard try String(contentsOf: file, encoding: .utf8).contains("#extend(\"app/layout\")") else { continue }
            #expect(pages.contains(name), "\(name) is no page's template")
        }
    }

    @Test("keys code uses, by name or built from a value, are defined; keys in code are built only from known families")
    func codeKeysDefined() {
        let defined = StringTable.merged
        for key in Self.codeKeys {
            #expect(defined[key] != nil, "code uses \(key), which no table defines")
        }
        for (prefix, values) in Self.families {
            for value in values {
                #expect(defined[prefix + value] != nil, "\(prefix + value) is built at run time and not defined")
            }
        }
        for source in Self.swiftSources {
            for match in source.matches(of: /"([a-z_]+_)\\\(/) {
                #expect(Self.families[String(match.1)] != nil, "code builds keys \(match.1)… not listed in the families")
            }
        }
    }

    @Test("no key is defined and never used")
    func noUnusedKeys() throws {
        var used = Self.codeKeys
        for page in Self.pages { used.formUnion(try Self.keys(ofTemplate: page.template)) }
        for (prefix, values) in Self.families { used.formUnion(values.map { prefix + $0 }) }
        let unused = StringTable.merged.keys.filter { !used.contains($0) && !$0.hasPrefix("field_") }
        #expect(unused.isEmpty, "defined and never used: \(unused.sorted())")
    }

    @Test("messages code composes read in the page's language, arguments in place; unknown keys fall back to the English")
    func messages() throws {
        var report = SyncReport()
        report.orders.fetched = 192
        report.orders.counts = UpsertCounts(inserted: 1, updated: 5)
        let zh = Localizer(language: .zhCN)
        #expect(zh.say(report.message).hasPrefix("订单读取 192 单（新增 1，变更 5）"))
        #expect(Localizer(language: .en).say(report.message) == report.summary)
        #expect(zh.say(ValidationError(field: "x", rule: .between(min: 1, max: 720)).message) == "须为 1 到 720 之间的整数")
        #expect(zh.say(Message("no_such_key", ["a"], english: "as stored")) == "as stored")
        let rowError = RowError(line: 3, column: "买家实际支付金额", Message("row_not_amount", ["九十九"], english: "x"))
        #expect(zh.reason(rowError) == "不是以元为单位的金额：九十九")
    }
}
