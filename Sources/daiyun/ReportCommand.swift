import ArgumentParser
import DaiyunCore
import DaiyunPersistence
import Foundation

/// `daiyun report month --store S --month 2025-11 [--format json|text]`: a store's month figures
/// from the rollups.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "A store's figures, read from the daily rollups.", subcommands: [Month.self])

    /// How the report prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    struct Month: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The month's figures: the year by month, the top 20 merchant codes, the days, refunds and repurchase.",
            discussion:
                "Money in fen, rates in basis points, days and months in Asia/Shanghai. JSON keys: monthly, top_skus, daily, refunds, repurchase."
        )

        @OptionGroup var options: AppOptions

        @ArgumentParser.Option(help: "Store id, channel shop id or exact name.")
        var store: String

        @ArgumentParser.Option(help: "The month, YYYY-MM (Asia/Shanghai).", transform: BusinessMonth.argument)
        var month: BusinessMonth

        @ArgumentParser.Option(help: "text (a summary) or json (every figure).")
        var format: Format = .text

        func run() async throws {
            let app = try await AppLauncher.makeApp(try options.config())
            do {
                _ = try await AppLauncher.migrate(app)
                let store = try await StoreLookup.find(store, in: app.db)
                let report = try await MonthReportRepository(database: app.db).report(store: store.id, month: month)
                print(try Self.render(report, month: month, format: format))
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }

        static func render(_ report: DaiyunCore.MonthReport, month: BusinessMonth, format: Format) throws -> String {
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return String(decoding: try encoder.encode(report), as: UTF8.self)
            case .text:
                let current = report.monthly.first { $0.month == month }
                var lines = [
                    "\(month): \(current?.orders ?? 0) orders, \(current?.buyers ?? 0) buyers, GMV \(Money(fen: current?.gmvFen ?? 0)), AOV \(Money(fen: current?.aovFen ?? 0))",
                    "repurchase: \(report.repurchase.repeatBuyers) of \(report.repurchase.buyers) buyers (\(report.repurchase.rateBP) bp)",
                    "top merchant codes:",
                ]
                lines += report.topSKUs.map { "  \($0.rank). \($0.sku)  \(Money(fen: $0.salesFen))  \($0.qty)" }
                return lines.joined(separator: "\n")
            }
        }
    }
}
