import DaiyunCore
import Foundation
import Testing

@testable import DaiyunPersistence

@Suite("UUIDs as SQLite text")
struct UUIDTextTests {
    @Test("written as Foundation writes them, read back in either case")
    func roundTrip() {
        let ids =
            (0..<500).map { _ in KernelIDGenerator().random() } + (0..<500).map { _ in KernelIDGenerator().timeOrdered(at: Date()) }
            + [
                UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
            ]
        for id in ids {
            #expect(id.withSQLiteText { String(decoding: $0, as: UTF8.self) } == id.uuidString)
            #expect(UUID(sqliteText: id.uuidString) == id)
            #expect(UUID(sqliteText: id.uuidString.lowercased()) == id)
        }
    }

    @Test(
        "anything else is not a UUID",
        arguments: [
            "", "not a uuid", "0000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-0000000000000",
            "00000000_0000-0000-0000-000000000000", "0000000G-0000-0000-0000-000000000000", "000000000000-0000-0000-0000-00000000",
            "{00000000-0000-0000-0000-000000000000}", "00000000-0000-0000-0000-00000000000é",
        ])
    func refused(_ text: String) {
        #expect(UUID(sqliteText: text) == nil)
        #expect(UUID(uuidString: text) == nil, "Foundation agrees")
    }
}
