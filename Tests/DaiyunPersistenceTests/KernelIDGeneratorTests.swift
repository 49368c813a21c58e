import DaiyunCore
import DaiyunPersistence
import Foundation
import Testing

@Suite("The kernel's id generator")
struct KernelIDGeneratorTests {
    let generator: any IDGenerator = .kernel

    @Test("ids are version 4, RFC 4122 variant, and distinct across buffer refills")
    func versionAndUniqueness() {
        let ids = (0..<1000).map { _ in generator.random() }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        #expect(ids.map(\.uuidString).allSatisfy { $0.count == 36 && Array($0)[14] == "4" })
    }

    @Test("time-ordered ids are version 7, carry the millisecond, and sort in the order made, as bytes and as text")
    func timeOrdered() {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        // 5,000 ids in one millisecond overflow the 12-bit counter: the later ones borrow the next millisecond.
        let now = Date()
        let ids = (0..<5000).map { _ in generator.timeOrdered(at: now) } + (0..<100).map { _ in generator.timeOrdered(at: Date()) }
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        let millis = ids.map { id in withUnsafeBytes(of: id.uuid) { $0.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } } }
        #expect(millis.first! >= before && millis.first! <= after)
        #expect(millis[4999] > millis[0], "the counter overflowed into the next millisecond")
        #expect(millis.last! <= after + 2)
        let bytes = ids.map { id in withUnsafeBytes(of: id.uuid) { Array($0) } }
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        // SQLite keeps UUIDs as upper-case text: its order must be the same.
        let texts = ids.map(\.uuidString)
        #expect(zip(texts, texts.dropFirst()).allSatisfy { $0 < $1 })
    }
}
