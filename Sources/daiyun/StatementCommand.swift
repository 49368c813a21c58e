import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import Foundation

/// `daiyun statement show --client C --month 2026-11 [--format text|json]`: a contract's month
/// computed from the rollups, each line with its arithmetic; `daiyun statement verify`: whether
/// a kept statement still hashes as kept, and whether the data gives it again.
struct StatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement", abstract: "Monthly settlement statements of the contracts.", subcommands: [Show.self, Verify.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The month's statement of a client's contracts, as the data gives it now.",
            discussion: "Money in fen in JSON, in yuan in text; days and months in Asia/Shanghai.")

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "Client id or exact name.")
        var client: String

        @ArgumentParser.Option(help: "The month, YYYY-MM (Asia/Shanghai).", transform: BusinessMonth.argument)
        var month: BusinessMonth

        @ArgumentParser.Option(help: "text (each line with its arithmetic) or json (every figure).")
        var format: ReportCommand.Format = .text

        func run() async throws {
            let app = try await AppLauncher.makeApp(try options.config())
            do {
                _ = try await AppLauncher.migrate(app)
                let client = try await ClientLookup.find(client, in: app.db)
                let contracts = try await ContractRepository(database: app.db).contracts(of: [client.id])
                guard !contracts.isEmpty else { throw ArgumentParser.ValidationError("\(client.name) has no contract") }
                for contract in contracts {
                    let statement = try await SettlementRepository(database: app.db).statement(of: contract, month: month)
                    print(try Self.render(statement, contract: contract, format: format))
                }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }

        static func render(_ statement: StatementFigures, contract: Contract, format: ReportCommand.Format) throws -> String {
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return String(decoding: try encoder.encode(statement), as: UTF8.self)
            }
            var lines = ["\(contract.name) — \(statement.month)"]
            for line in statement.lines {
                let period = "\(line.first)…\(line.last)" + (line.version.map { " v\($0)" } ?? "")
                switch line.kind {
                case .fee:
                    let share = line.share.map { "\($0.days)/\($0.monthDays)" } ?? ""
                    lines.append("  fee \(period): \(line.monthlyFee ?? .zero) × \(share) = \(line.amount)")
                case .commission:
                    guard let charge = line.commission else { continue }
                    lines.append(
                        "  commission \(period) on \(line.commissionBase?.rawValue ?? "") \(charge.base) (\(charge.mode.rawValue)):")
                    for part in charge.parts {
                        let bounds = "\(part.from)–\(part.upTo.map(\.description) ?? "")"
                        lines.append("    tier \(part.tier) [\(bounds)) \(part.portion) × \(percent(part.rateBP)) = \(part.amount)")
                    }
                    let limit = charge.limit.map { " (\($0.rawValue) \(($0 == .minimum ? charge.minimum : charge.cap) ?? .zero))" } ?? ""
                    lines.append("    = \(charge.amount)\(limit)")
                case .kpiRefund, .kpiBonus:
                    lines.append("  \(line.kind.rawValue): \(line.amount)")
                case .adSpend:
                    lines.append("  ad spend passed through: \(line.amount)")
                case .adjustment:
                    lines.append(
                        "  adjustment for \(line.adjustment?.month.description ?? ""): \(line.amount) (\(line.adjustment?.reason ?? ""))")
                }
            }
            for kpi in statement.kpis {
                let target = kpi.target.map(String.init) ?? "-"
                let actual = kpi.actual.map(String.init) ?? "-"
                lines.append(
                    "  KPI \(kpi.metric.code): target \(target), actual \(actual): \(kpi.outcome.rawValue), \(kpi.missesInRow) missed in a row"
                )
            }
            lines.append("  total \(statement.total)")
            return lines.joined(separator: "\n")
        }

        static func percent(_ bp: Int) -> String { "\(bp / 100).\(String(format: "%02d", bp % 100))%" }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks the month's kept statements of a client's contracts against their content hash.",
            discussion: """
                For each contract: the kept figures must hash (SHA-256 of their canonical JSON) to the kept hash, \
                or the statement was altered (exit status 1); and the figures are computed again from the data, \
                which gives the same hash unless data reached Daiyun since (a difference a later month adjusts).
                """)

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "Client id or exact name.")
        var client: String

        @ArgumentParser.Option(help: "The month, YYYY-MM (Asia/Shanghai).", transform: BusinessMonth.argument)
        var month: BusinessMonth

        func run() async throws {
            let app = try await AppLauncher.makeApp(try options.config())
            var altered = false
            do {
                _ = try await AppLauncher.migrate(app)
                let client = try await ClientLookup.find(client, in: app.db)
                let statements = StatementRepository(database: app.db)
                for contract in try await ContractRepository(database: app.db).contracts(of: [client.id]) {
                    guard let kept = try await statements.statement(of: contract.id, month: month) else {
                        print("\(contract.name) \(month): no statement kept")
                        continue
                    }
                    let (intact, now) = try await statements.verify(kept, contract: contract)
                    let again = StatementRepository.hash(now)
                    print("\(contract.name) \(month) revision \(kept.revision), \(kept.state.rawValue), total \(kept.figures.total)")
                    print("  kept hash      \(kept.contentHash)")
                    print(
                        "  kept figures   " + (intact ? "hash as kept" : "ALTERED: they hash to \(StatementRepository.hash(kept.figures))"))
                    print(
                        "  from the data  \(again) "
                            + (again == kept.contentHash ? "(the same)" : "(differs: the data now gives \(now.total))"))
                    altered = altered || !intact
                }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            if altered { throw ExitCode(1) }
        }
    }
}
