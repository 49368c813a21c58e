import Foundation

/// An `error_response` of the Taobao Open Platform, with the family that decides what to do.
public struct TOPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var subCode: String?
    /// The detail to show the operator (the platform's `sub_msg`), when there is one.
    public var subMessage: String?
    public var requestID: String?
    public var family: Family

    /// What an error means for the caller.
    public enum Family: String, Sendable, Codable, CaseIterable {
        /// A platform fault (`isp.*`, service unavailable): retry with backoff.
        case platform
        /// Called too often: retry after the ban.
        case rateLimited
        /// The request's signature or app key was refused: stop; the credentials are wrong.
        case signature
        /// The seller's session is missing, invalid or expired: stop; the seller must authorise again.
        case session
        /// A missing or invalid parameter: stop; a defect on our side.
        case parameter
        /// The platform refused the request for a business reason (`isv.*`): stop and report.
        case business

        public var isRetryable: Bool { self == .platform || self == .rateLimited }
    }

    /// What the operator sees: the platform's detail first.
    public var description: String {
        let detail = subMessage.map { "\($0) (\(message))" } ?? message
        return "TOP error \(code)\(subCode.map { " \($0)" } ?? ""): \(detail)"
    }

    /// The seconds a rate-limit ban lasts, when the platform says (`This ban will last for 12 more seconds`).
    public var banSeconds: Int? {
        guard family == .rateLimited, let text = subMessage ?? Optional(message),
            let range = text.range(of: #"last for (\d+) more second"#, options: .regularExpression)
        else { return nil }
        return Int(text[range].filter { $0.isASCII && $0.isNumber })
    }
}

/// Sorts TOP error codes into families. The codes come from the platform's published error
/// table as third-party SDKs reproduce it (unconfirmed against the live platform), so they are
/// settings with these defaults rather than fixed rules; `sub_code` prefixes win over codes.
public struct TOPErrorClassifier: Sendable {
    public var rateLimitCodes: Set<Int> = [7]
    public var signatureCodes: Set<Int> = [24, 25, 28, 29, 50]
    public var sessionCodes: Set<Int> = [26, 27, 53]
    public var parameterCodes: Set<Int> = [21, 22, 23, 30, 31, 32, 33, 34, 40, 41, 43, 47]
    public var platformCodes: Set<Int> = [1, 10, 520]

    public init() {}

    public func family(code: Int, subCode: String?) -> TOPError.Family {
        if let subCode {
            if subCode.contains("call-limited") || subCode.hasPrefix("accesscontrol.limited") { return .rateLimited }
            if subCode.hasPrefix("isp.") { return .platform }
            if subCode.hasPrefix("isv.invalid-parameter") || subCode.hasPrefix("isv.missing-parameter") { return .parameter }
            if subCode.hasPrefix("isv.") { return .business }
        }
        if rateLimitCodes.contains(code) { return .rateLimited }
        if signatureCodes.contains(code) { return .signature }
        if sessionCodes.contains(code) { return .session }
        if parameterCodes.contains(code) { return .parameter }
        if platformCodes.contains(code) || code >= 500 { return .platform }
        return .business
    }
}
