import DaiyunCore
import DaiyunCrypto
import Vapor

extension Application {
    private struct SecretsKey: StorageKey { typealias Value = SecretBox }

    /// The box sealing channel secrets, set when the app is configured.
    public var secrets: SecretBox {
        get {
            guard let box = storage[SecretsKey.self] else {
                fatalError("the app has no secrets box: it was set up without configure(_:config:) or withTestDatabase")
            }
            return box
        }
        set { storage[SecretsKey.self] = newValue }
    }

    /// Stores' channel connections, their secrets sealed with this app's key.
    public var channelConnections: ChannelConnectionRepository {
        ChannelConnectionRepository(database: db, secrets: secrets)
    }
}
