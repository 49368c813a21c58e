import DaiyunCore
import DaiyunTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

@testable import DaiyunPersistence

@Suite("Bulk writes")
struct BulkWriteTests {
    /// The test tenancy, and a source record of store A1 for the rows to cite.
    static func tenancyWithSource(_ app: Application, _ name: String) async throws -> (TestTenancy, UUID) {
        let t = try await TestTenancy.create(on: app)
        let source = try await SourceRecordRepository(database: app.db).keep(
            Data(name.utf8), name: name, kind: "upload", agency: t.agencyA.id, store: t.storeA1.id,
            by: WriteContext(actor: "job:test", now: Date())
        ).record.id
        return (t, source)
    }

    @Test(
        "rows added as new (COPY on PostgreSQL) read back as the same rows written by an upsert (array parameters)",
        arguments: TestDatabase.available)
    func newRowsAgreeWithUpserts(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let (t, source) = try await Self.tenancyWithSource(app, "bulk")
            let texts = ["plain", "tab\there", "line\nbreak", "carriage\rreturn", #"back\slash"#, #"\N"#, "中文，全角", "", "\"quoted\""]
            let times = [
                1_794_326_400, 1_794_326_400.1234567, 946_684_799.9999996, 946_684_800.000001, 4_102_444_799.999999, 1_000_000_000.5,
            ]
            .map(Date.init(timeIntervalSince1970:))
            func rows(_ prefix: String) -> [StatusChangeRow] {
                texts.indices.flatMap { i in
                    times.indices.map { j in
                        StatusChangeRow(
                            id: KernelIDGenerator().timeOrdered(at: Date()), storeId: t.storeA1.id.rawValue, tid: "\(prefix)-\(i)-\(j)",
                            status: texts[i], observedAt: times[j], sourceRecordId: source)
                    }
                }
            }
            let copied = rows("new")
            let upserted = rows("upsert")
            try await app.db.transaction { tx in
                try await tx.insert(copied, into: "order_status_history")
                try await tx.upsert(upserted, into: "order_status_history", conflict: ["id"])
            }
            let stored = try await app.db.select(
                StatusChangeRow.self, from: "order_status_history", store: t.storeA1.id.rawValue,
                where: "tid", in: (copied + upserted).map(\.tid))
            let byTid = Dictionary(uniqueKeysWithValues: stored.map { ($0.tid, $0) })
            #expect(stored.count == copied.count * 2)
            for (new, upsert) in zip(copied, upserted) {
                let a = try #require(byTid[new.tid])
                let b = try #require(byTid[upsert.tid])
                #expect(a.id == new.id && a.status == new.status && a.sourceRecordId == source)
                #expect(a.status == b.status)
                #expect(
                    a.observedAt == b.observedAt,
                    "\(new.observedAt.timeIntervalSince1970): \(a.observedAt.timeIntervalSince1970) vs \(b.observedAt.timeIntervalSince1970)"
                )
            }
        }
    }

    @Test(
        "a bulk insert that breaks a key is refused with the key's kind of error, and its transaction keeps none of its rows",
        arguments: TestDatabase.available)
    func brokenKeysRollBack(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let (t, source) = try await Self.tenancyWithSource(app, "keys")
            func row(_ tid: String, id: UUID = KernelIDGenerator().timeOrdered(at: Date()), store: UUID? = nil) -> StatusChangeRow {
                StatusChangeRow(
                    id: id, storeId: store ?? t.storeA1.id.rawValue, tid: tid, status: "WAIT_SELLER_SEND_GOODS",
                    observedAt: Date(timeIntervalSince1970: 1_794_326_400), sourceRecordId: source)
            }
            let repeated = KernelIDGenerator().timeOrdered(at: Date())
            var cases: [(rows: [StatusChangeRow], kind: ConstraintKind)] = [
                ([row("k-1"), row("k-2", id: repeated), row("k-3"), row("k-4", id: repeated)], .unique)
            ]
            // Only SQLite checks a fact's store row by row; PostgreSQL's writers check it per batch (M0019).
            if database == .sqlite { cases.append(([row("k-5"), row("k-6", store: KernelIDGenerator().random())], .other)) }
            for (rows, kind) in cases {
                let error = await #expect(throws: (any Error).self) {
                    try await app.db.transaction { tx in try await tx.insert(rows, into: "order_status_history") }
                }
                let refused = try #require(error)
                #expect((refused as? any DatabaseError)?.isConstraintFailure == true, "\(refused)")
                #expect(ConstraintKind(refused) == kind, "\(refused)")
                let kept = try await app.db.select(
                    StatusChangeRow.self, from: "order_status_history", store: t.storeA1.id.rawValue,
                    where: "tid", in: rows.map(\.tid))
                #expect(kept.isEmpty)
            }

            // The same refund number twice in a store breaks the (store_id, refund_id) unique key.
            let refund = Refund(
                storeID: t.storeA1.id, refundID: "R-twice", tid: "k-7", oid: "k-7-1", status: .waitSellerAgree, phase: .aftersale,
                refundFee: Money(fen: 1_990), createdAt: Date(timeIntervalSince1970: 1_794_326_400))
            let twice = [
                RefundRow(refund, id: KernelIDGenerator().timeOrdered(at: Date()), source: source),
                RefundRow(refund, id: KernelIDGenerator().timeOrdered(at: Date()), source: source),
            ]
            let error = await #expect(throws: (any Error).self) {
                try await app.db.transaction { tx in try await tx.insert(twice, into: "refunds") }
            }
            #expect(ConstraintKind(try #require(error)) == .unique, "\(String(describing: error))")
            #expect(
                try await app.db.select(RefundRow.self, from: "refunds", store: t.storeA1.id.rawValue, where: "refund_id", in: ["R-twice"])
                    .isEmpty)
        }
    }
}
