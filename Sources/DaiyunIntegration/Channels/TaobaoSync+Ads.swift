import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Foundation

extension TaobaoSync {

    /// The unified ad report of the whole days up to yesterday, once a Shanghai day: every level
    /// (campaigns, keywords, crowds) under the store's own attribution and under last click over
    /// 15 days (the dashboards' default), each page kept as a source record and applied in its
    /// own transaction (a later report of a row replaces it). The cursor stands at the start of
    /// the day read through; the first pass reaches back as far as the platform answers.
    func syncAds(now: Date, report: inout SyncReport.Kind) async throws {
        let cursors = SyncCursorRepository(database: database, ids: ids)
        let today = BusinessDay(containing: now)
        let cursor = try await cursors.cursor(store: store.id, kind: "ads")
        if let cursor, cursor.syncedUntil >= today.start { return }
        let target = try await AdTargetRepository(database: database).targets(of: store.id).store
        var attributions = [(AdTarget.standard.model, AdTarget.standard.windowDays)]
        if target.model != AdTarget.standard.model || target.windowDays != AdTarget.standard.windowDays {
            attributions.append((target.model, target.windowDays))
        }
        // A day's attributed orders keep coming in until its window has closed: each pass reads
        // again the days of the longest window read.
        let reread = attributions.map(\.1).max() ?? AdTarget.standard.windowDays
        let earliest = BusinessDay(containing: TOPHistory.earliest(at: now))
        let first = max(earliest, cursor.map { BusinessDay(containing: $0.syncedUntil).advanced(by: -reread) } ?? earliest)
        let last = today.advanced(by: -1)
        report.from = first.start
        do {
            for (model, window) in attributions {
                for level in TOPAdReportLevel.allCases {
                    try await syncForward(
                        method: level.method, window: (first.start, today.start), pageSize: TOPAdReportQueries.pageSize, report: &report,
                        parameters: TOPAdReportQueries.parameters(from: first, through: last, model: model, window: window)
                    ) { response, store in
                        let page = try response.decode(TOPAdReportPage.self)
                        return (try page.rows(store: store.id, model: model, window: window), page.hasNext)
                    } apply: { rows, store, source, context, tx in
                        try await AdReportRepository(database: tx).apply(rows, store: store, source: source, by: context)
                    }
                }
            }
            try await cursors.advance(store: store.id, kind: "ads", to: today.start, now: clock())
        } catch {
            try? await cursors.recordError(store: store.id, kind: "ads", message: "\(error)", start: first.start, now: clock())
            throw error
        }
        report.windows += 1
        report.until = today.start
    }
}
