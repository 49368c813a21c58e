import Foundation

/// A group chat robot alerts are posted to: a DingTalk custom robot (signed) or a WeCom group
/// robot, for one store or for every store of a client, writing in its language.
public struct Robot: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case dingtalk, wecom
    }

    public var id: UUID
    public var agencyID: ID<Agency>
    public var clientID: ID<Client>
    /// nil: every store of the client.
    public var storeID: ID<Store>?
    public var kind: Kind
    public var name: String
    /// The webhook address with its access token or key: a secret.
    public var webhook: String
    /// DingTalk's 加签 secret (`SEC…`); none for WeCom, whose key is in the webhook.
    public var secret: String?
    public var language: Language
    public var enabled: Bool

    public init(
        id: UUID, agencyID: ID<Agency>, clientID: ID<Client>, storeID: ID<Store>?, kind: Kind, name: String, webhook: String,
        secret: String?, language: Language, enabled: Bool = true
    ) {
        self.id = id
        self.agencyID = agencyID
        self.clientID = clientID
        self.storeID = storeID
        self.kind = kind
        self.name = name
        self.webhook = webhook
        self.secret = secret
        self.language = language
        self.enabled = enabled
    }

    /// The most messages a robot takes in a minute (both platforms); the rest wait or go as one.
    public static let perMinute = 20

    /// A robot as a person types it: a name, an https webhook of the platform's form, and for
    /// DingTalk the `SEC…` secret.
    public static func checked(kind: Kind, name: String, webhook: String, secret: String?) throws -> (String, String, String?) {
        let name = try TextRules.required(name, field: "name", maxLength: 60)
        let webhook = webhook.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: webhook), let scheme = url.scheme, ["https", "http"].contains(scheme), url.host != nil,
            webhook.count <= 500
        else { throw ValidationError(field: "webhook", rule: .webAddress) }
        let secret = secret?.trimmingCharacters(in: .whitespaces)
        if kind == .dingtalk {
            guard let secret, secret.hasPrefix("SEC"), (4...200).contains(secret.count) else {
                throw ValidationError(field: "secret", rule: .required)
            }
            return (name, webhook, secret)
        }
        return (name, webhook, nil)
    }
}
