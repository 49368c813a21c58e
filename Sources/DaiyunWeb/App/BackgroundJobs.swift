import DaiyunChannels
import DaiyunIntegration
import DaiyunJobs
import Foundation
import Vapor

/// Runs the job runner while the app serves: started when the app boots, stopped (its current
/// pass finished) when it shuts down.
final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        let runner = JobRunner(
            database: app.db, worker: worker, logger: app.logger, registry: app.jobRegistry, clock: app.services.now, ids: app.services.ids)
        app.logger.info("background jobs running", metadata: ["worker": "\(worker)"])
        lock.withLock { task = Task { await runner.run() } }
    }

    func shutdownAsync(_ app: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }
}

extension Application {
    /// Every job kind the app runs, with its planners. A feature with background work registers it here.
    public var jobRegistry: JobRegistry {
        var registry = JobRegistry()
        registry.registerChannelJobs(database: db, secrets: secrets, clock: services.now, ids: services.ids)
        registry.registerAlertJobs(database: db, ids: services.ids)
        registry.registerRobotJobs(
            database: db, secrets: secrets, text: AlertRobotText.text(publicURL: services.config.publicURL), ids: services.ids)
        return registry
    }
}
