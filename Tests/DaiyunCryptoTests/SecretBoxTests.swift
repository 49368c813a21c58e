import DaiyunCrypto
import Foundation
import Testing

@Suite("Secret box")
struct SecretBoxTests {
    @Test("a sealed secret opens with its key only, reads differently each time, and a changed byte is refused")
    func sealing() throws {
        let box = try SecretBox(base64Key: SecretBox.newKeyText())
        let first = box.seal("app-secret-值")
        let second = box.seal("app-secret-值")
        #expect(first.hasPrefix("v1:") && first != second && !first.contains("app-secret"))
        #expect(try box.open(first) == "app-secret-值" && box.open(second) == "app-secret-值")

        let other = try SecretBox(base64Key: SecretBox.newKeyText())
        #expect(throws: SecretBox.OpenError.self) { try other.open(first) }
        var bytes = Data(base64Encoded: String(first.dropFirst(3)))!
        bytes[bytes.count - 1] ^= 1
        #expect(throws: SecretBox.OpenError.self) { try box.open("v1:" + bytes.base64EncodedString()) }
        #expect(throws: SecretBox.OpenError.self) { try box.open("plain text") }
    }

    @Test("a key must be base64 of 32 bytes")
    func keys() {
        #expect(throws: SecretBox.KeyError.self) { try SecretBox(base64Key: "c2hvcnQ=") }
        #expect(throws: SecretBox.KeyError.self) { try SecretBox(base64Key: "not base64 at all") }
        #expect(Data(base64Encoded: SecretBox.newKeyText())?.count == 32)
    }
}
