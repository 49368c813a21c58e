import Foundation

/// A client of the Taobao Open Platform for one store: signs each call, posts it form-encoded,
/// and reads the answer. Platform faults and rate limits are retried with exponential backoff
/// and jitter; signature, session, parameter and business errors stop at once with the
/// platform's `sub_msg` for the operator.
public struct TOPClient: Sendable {
    public var endpoint: String
    public var credentials: TOPCredentials
    public var retry: RetryPolicy
    public var classifier: TOPErrorClassifier
    let transport: any ChannelTransport
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void

    public init(
        endpoint: String, credentials: TOPCredentials, transport: any ChannelTransport = HTTPChannelTransport(),
        retry: RetryPolicy = RetryPolicy(), classifier: TOPErrorClassifier = TOPErrorClassifier(),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.classifier = classifier
        self.now = now
        self.sleep = sleep
    }

    /// Calls the API until it answers or fails for good; `attempts` counts the calls made.
    public func call(_ request: TOPRequest) async throws -> TOPResponse {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await callOnce(request)
            } catch let error as TOPError where error.family.isRetryable && attempt < retry.maxAttempts {
                try await sleep(retry.delay(after: attempt, error: error))
            }
        }
    }

    func callOnce(_ request: TOPRequest) async throws -> TOPResponse {
        let body = FormEncoding.encode(request.signedParameters(with: credentials, at: now()))
        let status: Int
        let raw: Data
        do {
            (status, raw) = try await transport.post(endpoint, form: body)
        } catch {
            throw TOPError(code: -1, message: "could not reach \(endpoint): \(error)", family: .platform)
        }
        let envelope = try? JSONDecoder().decode(TOPEnvelope.self, from: raw)
        if let failure = envelope?.failure { throw TOPError(failure, classifier: classifier) }
        guard (200..<300).contains(status) else {
            throw TOPError(
                code: status, message: "HTTP \(status) from \(endpoint)", family: status >= 500 || status == 429 ? .platform : .business)
        }
        guard let envelope, envelope.keys.contains(request.responseKey) else {
            throw TOPError(code: -2, message: "the answer to \(request.method) has no \(request.responseKey)", family: .platform)
        }
        return TOPResponse(method: request.method, key: request.responseKey, raw: raw)
    }
}

/// A successful answer: its exact bytes (kept as the source record of what it brought) and typed access.
public struct TOPResponse: Sendable {
    public var method: String
    public var key: String
    public var raw: Data

    public init(method: String, key: String, raw: Data) {
        self.method = method
        self.key = key
        self.raw = raw
    }

    /// The object under `<method>_response`, decoded.
    public func decode<Body: Decodable>(_ type: Body.Type) throws -> Body {
        do {
            guard let body = try JSONDecoder().decode([String: Body].self, from: raw)[key] else {
                throw TOPError(code: -2, message: "no \(key) in the answer", family: .platform)
            }
            return body
        } catch let error as DecodingError {
            throw TOPError(code: -2, message: "unreadable answer to \(method): \(error.shortDescription)", family: .business)
        }
    }
}

/// The top level of a TOP answer: its `error_response`, if any, and the keys it holds.
struct TOPEnvelope: Decodable {
    struct Failure: Decodable {
        var code: Int?
        var msg: String?
        var sub_code: String?
        var sub_msg: String?
        var request_id: String?
    }
    var failure: Failure?
    var keys: Set<String>

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        keys = Set(container.allKeys.map(\.stringValue))
        failure = try container.decodeIfPresent(Failure.self, forKey: AnyCodingKey(stringValue: "error_response"))
    }
}

extension TOPError {
    /// The error an `error_response` reports, sorted into its family.
    init(_ failure: TOPEnvelope.Failure, classifier: TOPErrorClassifier) {
        self.init(
            code: failure.code ?? 0, message: failure.msg ?? "", subCode: failure.sub_code, subMessage: failure.sub_msg,
            requestID: failure.request_id, family: classifier.family(code: failure.code ?? 0, subCode: failure.sub_code))
    }
}

/// How often and how long to wait before calling again after a retryable error.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Exponential backoff with full jitter; a rate-limit ban the platform names is waited out.
    public func delay(after attempt: Int, error: TOPError) -> Duration {
        if let ban = error.banSeconds { return .seconds(ban) + .milliseconds(Int.random(in: 0...1000)) }
        let ceiling = min(maxDelay, baseDelay * (1 << min(attempt - 1, 20)))
        let milliseconds = Int(ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000)
        return .milliseconds(Int.random(in: milliseconds / 2...max(milliseconds, 1)))
    }
}

extension DecodingError {
    /// The path and reason, without the debug dump of the underlying value.
    var shortDescription: String {
        switch self {
        case .keyNotFound(let key, let context): "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(self)"
        }
    }
}
