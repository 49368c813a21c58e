import DaiyunIntegration
import DaiyunJobs
import DaiyunPersistence
import Vapor

extension JobRegistry {
    /// The channel jobs on a test app's database, as the web app registers them.
    static func channels(_ app: Application) -> JobRegistry {
        var registry = JobRegistry()
        registry.registerChannelJobs(database: app.db, secrets: app.secrets)
        return registry
    }
}
