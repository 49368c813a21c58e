import DaiyunCore
import Foundation
import Testing

@Suite("Random UUIDs")
struct RandomUUIDTests {
    @Test("ids are version 4, RFC 4122 variant, and distinct across buffer refills")
    func versionAndUniqueness() {
        let ids = (0..<1000).map { _ in UUID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        #expect(ids.map(\.uuidString).allSatisfy { $0.count == 36 && Array($0)[14] == "4" })
    }
}
