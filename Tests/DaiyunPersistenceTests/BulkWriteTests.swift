import DaiyunCore
@testable import DaiyunPersistence
import DaiyunTestSupport
import Foundation
import Testing

@Suite("Bulk writes")
struct BulkWriteTests {
    @Test("rows added as new (COPY on PostgreSQL) read back as the same rows written by an upsert (array parameters)",
          arguments: TestDatabase.available)
    func newRowsAgreeWithUpserts(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let t = try await TestTenancy.create(on: app)
            let source = try await SourceRecordRepository(database: app.db).keep(
                Data("bulk".utf8), name: "bulk", kind: "upload", agency: t.agencyA.id, store: t.storeA1.id,
                by: WriteContext(actor: "job:test", now: Date())).record.id
            let texts = ["plain", "tab\there", "line\nbreak", "carriage\rreturn", #"back\slash"#, #"\N"#, "中文，全角", "", "\"quoted\""]
            let times = [1_794_326_400, 1_794_326_400.1234567, 946_684_799.9999996, 946_684_800.000001, 4_102_444_799.999999, 1_000_000_000.5]
                .map(Date.init(timeIntervalSince1970:))
            func rows(_ prefix: String) -> [StatusChangeRow] {
                texts.indices.flatMap { i in
                    times.indices.map { j in
                        StatusChangeRow(id: UUID.timeOrdered(), storeId: t.storeA1.id.rawValue, tid: "\(prefix)-\(i)-\(j)",
                                        status: texts[i], observedAt: times[j], sourceRecordId: source)
                    }
                }
            }
            let copied = rows("new"), upserted = rows("upsert")
            try await app.db.transaction { tx in
                try await tx.insert(copied, into: "order_status_history")
                try await tx.upsert(upserted, into: "order_status_history", conflict: ["id"])
            }
            let stored = try await app.db.select(StatusChangeRow.self, from: "order_status_history", store: t.storeA1.id.rawValue,
                                                 where: "tid", in: (copied + upserted).map(\.tid))
            let byTid = Dictionary(uniqueKeysWithValues: stored.map { ($0.tid, $0) })
            #expect(stored.count == copied.count * 2)
            for (new, upsert) in zip(copied, upserted) {
                let a = try #require(byTid[new.tid]), b = try #require(byTid[upsert.tid])
                #expect(a.id == new.id && a.status == new.status && a.sourceRecordId == source)
                #expect(a.status == b.status)
                #expect(a.observedAt == b.observedAt, "\(new.observedAt.timeIntervalSince1970): \(a.observedAt.timeIntervalSince1970) vs \(b.observedAt.timeIntervalSince1970)")
            }
        }
    }
}
