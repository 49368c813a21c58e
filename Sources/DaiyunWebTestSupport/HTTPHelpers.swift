import Foundation
import NIOCore
import NIOHTTP1
import Vapor
import VaporTesting

/// Request helpers for API and page tests.
public enum HTTP {
    /// Headers carrying a bearer token and, when a body is sent, the JSON content type.
    public static func api(_ token: String?, json: Bool = false) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        if json { headers.contentType = .json }
        return headers
    }

    public static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// A JSON object from a response body.
    public static func object(_ response: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
    }
}

/// A browser-like session against the in-memory app: keeps the session cookie, reads the CSRF
/// token from each page, submits forms.
public final class BrowserSession: @unchecked Sendable {
    let app: Application
    /// The `Cookie` header the next request sends.
    public private(set) var cookie: String?
    public private(set) var csrf: String?

    /// The client address the browser's requests come from (sent as `X-Forwarded-For`, which the
    /// test app trusts as it would behind a proxy).
    let address: String?

    public init(app: Application, address: String? = nil) {
        self.app = app
        self.address = address
    }

    /// The cookie and the address of the next request.
    private var baseHeaders: HTTPHeaders {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let address { headers.add(name: "X-Forwarded-For", value: address) }
        return headers
    }

    @discardableResult
    public func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: baseHeaders)
        remember(response)
        return response
    }

    /// Posts a form; `csrf: false` leaves the token out.
    @discardableResult
    public func post(_ path: String, _ fields: [String: String], csrf includeToken: Bool = true) async throws -> TestingHTTPResponse {
        var headers = baseHeaders
        headers.contentType = .urlEncodedForm
        var all = fields
        if includeToken, let csrf { all["_csrf"] = csrf }
        var components = URLComponents()
        components.queryItems = all.keys.sorted().map { URLQueryItem(name: $0, value: all[$0]) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: encoded))
        remember(response)
        return response
    }

    /// Posts a multipart form with one file, as a browser's file upload does.
    @discardableResult
    public func upload(_ path: String, _ fields: [String: String], file: (field: String, name: String, data: Data)) async throws
        -> TestingHTTPResponse
    {
        let boundary = "daiyun-test-\(UUID().uuidString)"
        var body = Data()
        var all = fields
        if let csrf { all["_csrf"] = csrf }
        for (name, value) in all.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = baseHeaders
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        remember(response)
        return response
    }

    /// Opens the sign-in page and signs in; returns the answer to the form. Like a browser, it then
    /// follows the redirect, which picks up the new session's CSRF token.
    @discardableResult
    public func signIn(_ login: String, password: String) async throws -> TestingHTTPResponse {
        try await get("/login")
        let answer = try await post("/login", ["login": login, "password": password])
        if answer.status == .seeOther, let location = answer.headers.first(name: .location) {
            try await get(location)
        }
        return answer
    }

    /// The cookies a browser would keep from the app, by name.
    private var jar: [String: String] = [:]

    private func remember(_ response: TestingHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            jar[name] = value.string.isEmpty || value.expires.map({ $0 < Date() }) == true ? nil : value.string
        }
        cookie = jar.isEmpty ? nil : jar.keys.sorted().map { "\($0)=\(jar[$0]!)" }.joined(separator: "; ")
        let html = response.body.string
        if let range = html.range(of: #"name="_csrf" value="([0-9a-f]+)""#, options: .regularExpression) {
            let match = html[range]
            csrf = String(match.split(separator: "\"")[3])
        }
    }
}
