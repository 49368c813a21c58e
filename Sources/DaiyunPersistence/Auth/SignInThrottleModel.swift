import Fluent
import Foundation

/// The `sign_in_throttles` table: failed sign-ins per login name, for lock-out.
public final class SignInThrottleModel: Model, @unchecked Sendable {
    public static let schema = "sign_in_throttles"

    @IDProperty<SignInThrottleModel, UUID>(key: .id) public var id: UUID?
    @Field(key: "login") public var login: String
    @Field(key: "failures") public var failures: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?

    public init() {}
}
