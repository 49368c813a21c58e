import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends a form-encoded POST to a channel gateway and returns the HTTP status and body.
public protocol ChannelTransport: Sendable {
    func post(_ url: String, form body: String) async throws -> (status: Int, body: Data)
}

/// The transport over HTTP(S), through AsyncHTTPClient's shared client.
public struct HTTPChannelTransport: ChannelTransport {
    public var timeout: TimeAmount
    /// Answers larger than this are refused (an order page is a few hundred kilobytes).
    public var maxBodyBytes: Int

    public init(timeout: TimeAmount = .seconds(30), maxBodyBytes: Int = 32 << 20) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    public func post(_ url: String, form body: String) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded;charset=utf-8")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: maxBodyBytes)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }
}
