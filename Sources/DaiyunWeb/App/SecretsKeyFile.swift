import DaiyunCore
import DaiyunCrypto
import DaiyunPersistence
import Foundation
import Vapor

extension AppConfig.SecretsKey {
    /// The box for this key. A key file is read, or made (readable by its owner only) when it
    /// does not exist yet; the log says where, so it can be kept with the other secrets.
    func box(logger: Logger) throws -> SecretBox {
        switch self {
        case .given(let text):
            return try SecretBox(base64Key: text)
        case .file(let path):
            if FileManager.default.fileExists(atPath: path) { return try Self.read(path) }
            // Made exclusively, readable by its owner only: a second process starting at the same
            // moment reads the key the first one made instead of replacing it.
            let text = SecretBox.newKeyText()
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else {
                if errno == EEXIST { return try Self.read(path) }
                throw SecretsKeyFileError(
                    path: path, reason: "it does not exist and cannot be created (\(String(cString: strerror(errno))))")
            }
            let written = Array((text + "\n").utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == text.utf8.count + 1 else { throw SecretsKeyFileError(path: path, reason: "the new key could not be written") }
            logger.notice(
                "made a new secrets key file; keep it apart from database backups, or set DAIYUN_SECRETS_KEY", metadata: ["path": "\(path)"]
            )
            return try SecretBox(base64Key: text)
        }
    }

    /// An existing key file's key; an unreadable or malformed file is an error, never replaced.
    private static func read(_ path: String) throws -> SecretBox {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SecretsKeyFileError(path: path, reason: "it exists but cannot be read")
        }
        do { return try SecretBox(base64Key: text) } catch { throw SecretsKeyFileError(path: path, reason: error.description) }
    }
}

/// The secrets key file cannot be used.
struct SecretsKeyFileError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "secrets key file \(path): \(reason)" }
}

extension Request {
    var channelConnections: ChannelConnectionRepository {
        ChannelConnectionRepository(database: db, secrets: application.secrets)
    }

    var robots: RobotRepository { RobotRepository(database: db, secrets: application.secrets) }
}
