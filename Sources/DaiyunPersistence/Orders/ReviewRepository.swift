import DaiyunCore
import Fluent
import Foundation
import SQLKit

/// Buyers' reviews: written as the channel reports them (a later report, with the seller's
/// reply say, replaces the earlier), read per order.
public struct ReviewRepository: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Upserts the reviews; returns how many rows changed.
    public func apply(_ reviews: [Review], store: Store, source: UUID, by context: WriteContext) async throws -> UpsertCounts {
        guard !reviews.isEmpty else { return UpsertCounts() }
        try await database.lockForWriting()
        let sql = try database.sql()
        let kept = try await self.reviews(store: store.id, oids: reviews.map(\.oid))
        var counts = UpsertCounts()
        for review in reviews {
            if let old = kept[review.oid] {
                guard old != review else {
                    counts.unchanged += 1
                    continue
                }
                counts.updated += 1
            } else {
                counts.inserted += 1
            }
            try await sql.raw(
                """
                INSERT INTO reviews (id, store_id, tid, oid, result, content, reply, buyer_nick, item_title, created_at, source_record_id)
                VALUES (\(bind: context.ids.random()), \(bind: store.id.rawValue), \(bind: review.tid), \(bind: review.oid), \(bind: review.result.rawValue), \(bind: review.content),
                        \(bind: review.reply), \(bind: review.buyerNick), \(bind: review.itemTitle), \(bind: review.createdAt), \(bind: source))
                ON CONFLICT (store_id, oid) DO UPDATE SET result = excluded.result, content = excluded.content, reply = excluded.reply,
                    source_record_id = excluded.source_record_id
                """
            ).run()
        }
        return counts
    }

    public func reviews(store: ID<Store>, tid: String) async throws -> [Review] {
        try await database.sql().raw("SELECT * FROM reviews WHERE store_id = \(bind: store.rawValue) AND tid = \(bind: tid) ORDER BY oid")
            .all().map(Self.review)
    }

    func reviews(store: ID<Store>, oids: [String]) async throws -> [String: Review] {
        let rows = try await database.sql().raw(
            """
            SELECT * FROM reviews WHERE store_id = \(bind: store.rawValue) AND oid IN \(SQLBind.group(oids))
            """
        ).all()
        return Dictionary(try rows.map(Self.review).map { ($0.oid, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func count(store: ID<Store>, result: ReviewResult? = nil) async throws -> Int {
        let filter = result.map { SQLRaw(" AND result = '\($0.rawValue)'") } ?? SQLRaw("")
        return try await database.sql().raw("SELECT COUNT(*) AS n FROM reviews WHERE store_id = \(bind: store.rawValue)\(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    static func review(_ row: any SQLRow) throws -> Review {
        Review(
            storeID: DaiyunCore.ID(try row.decode(column: "store_id", as: UUID.self)), tid: try row.decode(column: "tid", as: String.self),
            oid: try row.decode(column: "oid", as: String.self),
            result: ReviewResult(rawValue: try row.decode(column: "result", as: String.self)) ?? .neutral,
            content: try row.decode(column: "content", as: String.self), reply: try row.decode(column: "reply", as: String.self),
            buyerNick: try row.decode(column: "buyer_nick", as: String.self),
            itemTitle: try row.decode(column: "item_title", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
