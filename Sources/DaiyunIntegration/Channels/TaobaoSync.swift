import DaiyunChannels
import DaiyunCore
import DaiyunPersistence
import Fluent
import Foundation

/// A store's incremental sync from the Taobao Open Platform: orders by modified time through
/// `taobao.trades.sold.increment.get`, refunds through `taobao.refunds.receive.get`, buyers'
/// reviews through `taobao.traderates.get`, and once a day the ad report through
/// `taobao.universalbp.report.query.*` (`TaobaoSync+Ads`).
///
/// Each kind has a cursor: every change up to it is in Daiyun. A run starts a little before the
/// cursor (the overlap catches a change stamped on a window's edge or indexed late), walks
/// windows of at most a day up to now, and reads each window's pages from the last backwards,
/// so that a trade modified meanwhile (it leaves the window and the rest move up) is never
/// skipped. Each page is kept as a source record and applied in its own transaction through
/// the order writer (idempotent, statuses only forward); the cursor moves only once its window
/// is committed. A run killed half-way leaves the cursor at the last whole window; the next run
/// repeats the unfinished window and changes nothing it already wrote.
public struct TaobaoSync: Sendable {
    let database: any Database
    let client: TOPClient
    let store: Store
    public var window: TimeInterval = 86_400
    public var overlap: TimeInterval = 300
    public var pageSize = 100
    /// The clock that stamps cursors and writes.
    public var clock: @Sendable () -> Date = { Date() }
    /// Where the rows it writes take their ids.
    public var ids: any IDGenerator = .kernel

    public init(database: any Database, client: TOPClient, store: Store) {
        self.database = database
        self.client = client
        self.store = store
    }

    /// Syncs orders, then refunds, up to `now` (the clock's time when not given). `since` replaces
    /// the stored cursor (a re-sync).
    public func run(since: Date? = nil, now: Date? = nil, progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws
        -> SyncReport
    {
        let now = now ?? clock()
        var report = SyncReport()
        report.orders = try await sync(kind: "orders", since: since, now: now, progress: progress) { start, end, report in
            try await syncOrderWindow(from: start, to: end, report: &report)
        }
        report.refunds = try await sync(kind: "refunds", since: since, now: now, progress: progress) { start, end, report in
            try await syncRefundWindow(from: start, to: end, report: &report)
        }
        report.reviews = try await sync(kind: "reviews", since: since, now: now, progress: progress) { start, end, report in
            try await syncReviewWindow(from: start, to: end, report: &report)
        }
        try await syncAds(now: now, report: &report.ads)
        return report
    }

    /// The windows of one kind from its cursor to `now`, each committed before the cursor moves.
    func sync(
        kind: String, since: Date?, now: Date, progress: @Sendable (SyncProgress) -> Void,
        window body: (Date, Date, inout SyncReport.Kind) async throws -> Void
    ) async throws -> SyncReport.Kind {
        let cursors = SyncCursorRepository(database: database, ids: ids)
        // A first sync reaches back as far as the platform answers: whole days (it was exactly
        // 90 × 24 h, which missed the first hours of the oldest day the platform still serves).
        let earliest = TOPHistory.earliest(at: now)
        var start = earliest
        if let since {
            start = since
        } else if let cursor = try await cursors.cursor(store: store.id, kind: kind) {
            start = cursor.syncedUntil.addingTimeInterval(-overlap)
        }
        start = max(start, earliest)
        var report = SyncReport.Kind()
        let windows = max(1, Int((now.timeIntervalSince(start) / window).rounded(.up)))
        report.from = start
        while start < now {
            let end = min(start.addingTimeInterval(window), now)
            do {
                try await body(start, end, &report)
                try await cursors.advance(store: store.id, kind: kind, to: end, now: clock())
            } catch {
                try? await cursors.recordError(store: store.id, kind: kind, message: "\(error)", start: start, now: clock())
                throw error
            }
            report.windows += 1
            progress(SyncProgress(kind: kind, windowsDone: report.windows, windows: windows, records: report.fetched))
            start = end
        }
        report.until = now
        return report
    }

    func syncOrderWindow(from start: Date, to end: Date, report: inout SyncReport.Kind) async throws {
        func request(page: Int) -> TOPRequest { TOPTradeQueries.incrementRequest(from: start, to: end, page: page, pageSize: pageSize) }
        // Page 1 first for the count; it is read again last when there are more pages.
        let first = try await client.call(request(page: 1))
        let total = try first.decode(TOPTradePage.self).totalResults
        let pages = max(1, (total + pageSize - 1) / pageSize)
        for page in stride(from: pages, through: 1, by: -1) {
            let response = page == 1 && pages == 1 ? first : try await client.call(request(page: page))
            var orders = try response.decode(TOPTradePage.self).orders(store: store.id)
            // The list may leave out sub-orders; the full record has them.
            for index in orders.indices where orders[index].lines.isEmpty {
                let detail = try await client.call(
                    TOPRequest(
                        method: "taobao.trade.fullinfo.get", parameters: ["fields": TOPTradeQueries.tradeFields, "tid": orders[index].tid]))
                orders[index] = try detail.decode(TOPTradeDetail.self).order(store: store.id)
                report.details += 1
            }
            let source = try await keep(response, name: "\(ShanghaiTime.format(start))–\(ShanghaiTime.format(end)) p\(page)")
            let store = self.store
            let batch = orders
            let context = writeContext()
            let ids = self.ids
            let counts = try await database.transaction { tx in
                let counts = try await OrderWriter(database: tx).apply(batch, store: store, source: source, by: context)
                try await StockPushPlanner(database: tx, ids: ids).learnListings(
                    store: store,
                    from: batch.flatMap { order in
                        order.lines.map { (itemID: $0.itemID, skuID: $0.skuID, outerID: $0.outerSkuID) }
                    })
                return counts
            }
            report.pages += 1
            report.fetched += orders.count
            report.counts = report.counts + counts
        }
    }

    func syncRefundWindow(from start: Date, to end: Date, report: inout SyncReport.Kind) async throws {
        try await syncForward(
            method: "taobao.refunds.receive.get", window: (start, end), pageSize: pageSize, report: &report,
            parameters: [
                "fields": TOPTradeQueries.refundFields, "start_modified": ShanghaiTime.format(start),
                "end_modified": ShanghaiTime.format(end),
            ]
        ) { response, store in
            let page = try response.decode(TOPRefundPage.self)
            return (try page.refunds(store: store.id), page.hasNext)
        } apply: { refunds, store, source, context, tx in
            try await RefundWriter(database: tx).apply(refunds, store: store, source: source, by: context)
        }
    }

    /// Buyers' reviews created in the window (`rate_type=get, role=buyer`: what buyers wrote about us).
    func syncReviewWindow(from start: Date, to end: Date, report: inout SyncReport.Kind) async throws {
        try await syncForward(
            method: "taobao.traderates.get", window: (start, end), pageSize: 150, report: &report,
            parameters: [
                "fields": "tid,oid,role,nick,result,created,rated_nick,item_title,content,reply", "rate_type": "get", "role": "buyer",
                "start_date": ShanghaiTime.format(start), "end_date": ShanghaiTime.format(end),
            ]
        ) { response, store in
            let page = try response.decode(TOPTradeRatePage.self)
            return (try page.reviews(store: store.id), page.hasNext)
        } apply: { reviews, store, source, context, tx in
            try await ReviewRepository(database: tx).apply(reviews, store: store, source: source, by: context)
        }
    }

    /// Pages of a `use_has_next` list read forward, each non-empty one kept as a source record and
    /// applied in its own transaction.
    func syncForward<Record: Sendable>(
        method: String, window: (start: Date, end: Date), pageSize: Int, report: inout SyncReport.Kind, parameters: [String: String],
        read: (TOPResponse, Store) throws -> ([Record], Bool),
        apply: @escaping @Sendable ([Record], Store, UUID, WriteContext, any Database) async throws -> UpsertCounts
    ) async throws {
        var page = 1
        while true {
            var pageParameters = parameters
            pageParameters["page_no"] = String(page)
            pageParameters["page_size"] = String(pageSize)
            pageParameters["use_has_next"] = "true"
            let response = try await client.call(TOPRequest(method: method, parameters: pageParameters))
            let (records, hasNext) = try read(response, store)
            if !records.isEmpty {
                let source = try await keep(
                    response, name: "\(ShanghaiTime.format(window.start))–\(ShanghaiTime.format(window.end)) p\(page)")
                let (store, context) = (self.store, writeContext())
                report.counts =
                    report.counts + (try await database.transaction { tx in try await apply(records, store, source, context, tx) })
            }
            report.pages += 1
            report.fetched += records.count
            guard hasNext else { return }
            page += 1
        }
    }

    private func keep(_ response: TOPResponse, name: String) async throws -> UUID {
        try await SourceRecordRepository(database: database).keep(
            response.raw, name: "\(response.method) \(name).json", kind: "api:\(response.method)", agency: store.agencyID, store: store.id,
            by: writeContext()
        ).record.id
    }

    /// What the sync writes is the sync job's, at the clock's time.
    private func writeContext() -> WriteContext {
        WriteContext(actor: "job:sync", now: clock(), ids: ids)
    }
}

/// What a sync did, per kind.
public struct SyncReport: Sendable, Codable, Equatable {
    public struct Kind: Sendable, Codable, Equatable {
        public var from: Date?
        public var until: Date?
        public var windows = 0
        public var pages = 0
        public var fetched = 0
        /// Orders read again through `taobao.trade.fullinfo.get`.
        public var details = 0
        public var counts = UpsertCounts()
    }

    public var orders = Kind()
    public var refunds = Kind()
    public var reviews = Kind()
    public var ads = Kind()

    public init() {}
}

/// Where a running sync is, for a progress bar.
public struct SyncProgress: Sendable {
    public var kind: String
    public var windowsDone: Int
    public var windows: Int
    public var records: Int
}
