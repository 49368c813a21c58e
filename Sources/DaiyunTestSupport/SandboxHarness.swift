import DaiyunChannels
import DaiyunSandbox
import Foundation
import Vapor

/// Runs `body` with the platform sandbox serving `shops` on a free loopback port; `body` gets
/// the `/router/rest` address.
public func withSandbox<T>(_ gateway: SandboxGateway, shops: [SandboxShop], _ body: (String) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    SandboxServer.routes(app, gateway: gateway, shops: shops)
    do {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else {
            throw Abort(.internalServerError, reason: "the sandbox has no port")
        }
        let result = try await body("http://127.0.0.1:\(port)/router/rest")
        await app.server.shutdown()
        try await app.asyncShutdown()
        return result
    } catch {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        throw error
    }
}

/// Runs `body` with a robot receiver listening on a free loopback port; `body` gets its base address.
public func withRobotReceiver<T>(_ receiver: RobotReceiver, _ body: (String) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    receiver.routes(app)
    do {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
        let result = try await body("http://127.0.0.1:\(port)")
        await app.server.shutdown()
        try await app.asyncShutdown()
        return result
    } catch {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        throw error
    }
}

/// A transport that fails every call after the first `calls`, as a process killed mid-sync would stop.
public final class KilledTransport: ChannelTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private let inner = HTTPChannelTransport()

    public init(after calls: Int) { remaining = calls }

    public func post(_ url: String, form body: String) async throws -> (status: Int, body: Data) {
        let allowed = lock.withLock {
            remaining -= 1
            return remaining >= 0
        }
        guard allowed else { throw CancellationError() }
        return try await inner.post(url, form: body)
    }
}
