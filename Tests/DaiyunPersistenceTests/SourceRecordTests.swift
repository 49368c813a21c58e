import DaiyunCore
import DaiyunTestSupport
import Foundation
import Testing

@testable import DaiyunPersistence

@Suite("Source records")
struct SourceRecordTests {
    @Test("the same bytes kept by many writers at once are one record, new to exactly one of them", arguments: TestDatabase.available)
    func concurrentKeep(_ database: TestDatabase) async throws {
        try await withTestDatabase(database) { app in
            let t = try await TestTenancy.create(on: app)
            let bytes = Data(#"{"logistics_offline_send_response":{"shipping":{"is_success":true}}}"#.utf8)
            let kept = try await withThrowingTaskGroup(of: (SourceRecord, Bool).self) { group in
                for n in 0..<8 {
                    group.addTask {
                        try await SourceRecordRepository(database: app.db).keep(
                            bytes, name: "answer \(n).json", kind: "api:test", agency: t.agencyA.id, store: t.storeA1.id,
                            by: WriteContext(actor: "job:test", now: Date()))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(kept.map(\.0.id)).count == 1, "one record")
            #expect(kept.filter(\.1).count == 1, "new to one writer")
            let content = try await SourceRecordRepository(database: app.db).content(of: kept[0].0.id)
            #expect(content == bytes)
            let other = try await SourceRecordRepository(database: app.db).keep(
                bytes, name: "b", kind: "api:test", agency: t.agencyB.id, store: t.storeB.id,
                by: WriteContext(actor: "job:test", now: Date()))
            #expect(other.isNew && other.record.id != kept[0].0.id, "another agency keeps its own")
        }
    }
}
