import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import DaiyunJobs
import DaiyunPersistence
import Fluent
import Foundation

/// The text of a robot message for some alerts of their stores, in a language: a title and markdown.
public typealias RobotText = @Sendable (_ alerts: [(alert: Alert, store: Store)], _ language: Language) -> (title: String, markdown: String)

/// Sends a client's robots their due alerts: each alert alone while the robot's 20 messages a
/// minute allow, the rest together in one digest; a rate-limited message waits a minute and
/// more, a failed one is retried with a doubling wait up to `maxAttempts`, a refused one (a bad
/// key or signature) is given up with what the robot said.
public struct RobotDispatcher: Sendable {
    public static let maxAttempts = 5

    let database: any Database
    let robots: RobotRepository
    let client: RobotClient
    let text: RobotText
    let ids: any IDGenerator

    public init(
        database: any Database, secrets: SecretBox, client: RobotClient = RobotClient(), text: @escaping RobotText,
        ids: any IDGenerator = .kernel
    ) {
        self.database = database
        robots = RobotRepository(database: database, secrets: secrets)
        self.client = client
        self.text = text
        self.ids = ids
    }

    /// Sends what is due to the client's robots; returns when something is due next.
    @discardableResult
    public func dispatch(client clientID: ID<Client>, at now: Date) async throws -> Date? {
        let tenancy = TenancyRepository(database: database)
        var next: Date?
        for robot in try await robots.robots(of: clientID) where robot.enabled {
            let due = try await robots.due(robot, now: now)
            if !due.isEmpty {
                let capacity = Robot.perMinute - (try await robots.messagesSent(robot, since: now.addingTimeInterval(-60)))
                var messages: [[(delivery: RobotDelivery, alert: Alert)]] = []
                if capacity > 0 {
                    if due.count <= capacity {
                        messages = due.map { [$0] }
                    } else {
                        messages = due.prefix(capacity - 1).map { [$0] } + [Array(due.dropFirst(capacity - 1))]
                    }
                }
                for message in messages {
                    var shown: [(alert: Alert, store: Store)] = []
                    for item in message {
                        if let store = try await tenancy.store(item.alert.storeID) { shown.append((item.alert, store)) }
                    }
                    let (title, markdown) = text(shown, robot.language)
                    let deliveries = message.map(\.delivery.id)
                    let attempts = message.map(\.delivery.attempts).max() ?? 0
                    switch await client.send(robot, title: title, markdown: markdown, at: now) {
                    case .sent: try await robots.sent(deliveries, message: ids.random(), at: now)
                    case .rateLimited: try await robots.failed(deliveries, error: .robotRateLimited, retryAt: now.addingTimeInterval(65))
                    case .refused(let said): try await robots.failed(deliveries, error: said, retryAt: nil)
                    case .failed(let said):
                        let retry = attempts + 1 < Self.maxAttempts ? now.addingTimeInterval(30 * pow(2, Double(attempts))) : nil
                        try await robots.failed(deliveries, error: said, retryAt: retry)
                    }
                }
                if capacity <= 0 {
                    try await robots.failed(due.map(\.delivery.id), error: .robotRateLimited, retryAt: now.addingTimeInterval(60))
                }
            }
            if let due = try await robots.nextDue(robot) { next = min(next ?? due, due) }
        }
        return next
    }
}

extension JobKind {
    /// Sends a client's robots their due alerts.
    public static let robots = JobKind("robots", locksScope: false)
}

extension JobRegistry {
    /// Sends robot messages when alerts open, and again when a put-off delivery is due.
    public mutating func registerRobotJobs(
        database: any Database, secrets: SecretBox, client: RobotClient = RobotClient(), text: @escaping RobotText,
        ids: any IDGenerator = .kernel
    ) {
        register(
            .robots,
            JobClosure { job, now in
                guard let clientID = job.scope.clientID else { return Message("job_no_store", english: "the store is gone") }
                let dispatcher = RobotDispatcher(database: database, secrets: secrets, client: client, text: text, ids: ids)
                if let next = try await dispatcher.dispatch(client: clientID, at: now) {
                    try await JobQueue(database: database, ids: ids).enqueue(
                        .robots, scope: job.scope, key: "robots-retry:\(clientID)", runAt: max(next, now.addingTimeInterval(1)),
                        maxAttempts: 3, now: now)
                }
                return Message("robots_dispatched", english: "robot messages sent")
            })
    }
}

extension Message {
    /// The robot took no more messages this minute; the delivery waits for the next.
    static let robotRateLimited = Message("robot_error_rate_limited", english: "rate limited")
}
