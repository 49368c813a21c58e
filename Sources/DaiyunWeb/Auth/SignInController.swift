import DaiyunCore
import DaiyunPersistence
import Vapor

/// Sign-in, sign-out and the language switch, for people in a browser.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: show)
        routes.post("login", use: signIn)
        routes.post("logout", use: signOut)
        routes.post("language", use: switchLanguage)
    }

    func show(req: Request) async throws -> Response {
        if req.auth.get(CurrentUser.self) != nil {
            return req.redirect(to: SiteURL.home.path)
        }
        let chosen = try req.queryChoice("lang", among: Language.allCases.map(\.rawValue)).flatMap(Language.init(rawValue:))
        // The choice is the browser's until sign-in: a cookie, not a session on the server.
        if let chosen { req.cookies[AnonymousCookies.language] = .init(string: chosen.rawValue) }
        let next = Self.safeNext(try? req.query.get(String.self, at: "next"))
        let response = try await Page.render(SignInPage(next: next, Page.localizer(for: req)), for: req)
        if let chosen { response.cookies[AnonymousCookies.language] = Self.languageCookie(chosen, req) }
        return response
    }

    func signIn(req: Request) async throws -> Response {
        let login = req.formField("login").trimmingCharacters(in: .whitespaces).lowercased()
        let password = req.formField("password")
        let next = Self.safeNext(req.optionalFormField("next"))
        let l10n = Page.localizer(for: req)
        let now = req.now

        // Counted before the password is checked: parallel guesses cannot share a count.
        let address = req.clientAddress
        let attempt = try await req.throttles.countAttempt(for: login, from: address, at: now)
        if attempt.refuses(at: now), let remaining = attempt.remainingLock(at: now) {
            return try await failure(req, login: login, next: next, message: l10n.format("sign_in_locked", Self.minutes(remaining)))
        }
        let credentials = try await req.users.credentials(login: login)
        // An unknown name costs the same bcrypt work as a known one, so timing tells nothing.
        let hash = credentials?.passwordHash ?? req.application.services.decoyPasswordHash
        let matches = try await req.password.async.verify(password, created: hash)
        guard let credentials, matches else {
            let message =
                attempt.locksIfWrong
                ? l10n.format("sign_in_locked", Self.minutes(attempt.remainingLock(at: now) ?? SignInThrottle.lockDuration(afterLocks: 0)))
                : l10n["sign_in_failed"]
            req.logger.notice("sign-in failed", metadata: ["login": "\(login)", "attempts": "\(attempt.attempts)"])
            // The attempt that started a lock on a real account is in its audit log.
            if let credentials, attempt.attempts == SignInThrottle.maxFailures, let until = attempt.lockedUntil {
                try await req.users.recordLock(
                    of: credentials.user, from: address, until: until,
                    by: WriteContext(actor: "system:sign-in", now: now, ids: req.ids))
            }
            return try await failure(req, login: login, next: next, message: message)
        }
        guard !credentials.user.isDisabled else {
            // Only the right password learns that the account is disabled.
            return try await failure(req, login: login, next: next, message: l10n["sign_in_disabled"])
        }
        try await req.throttles.reset(login, from: address)
        // A fresh session id on sign-in, so a session planted before it is worth nothing.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[SessionUserAuthenticator.sessionKey] = credentials.user.id.description
        try await SessionExpiry.sweep(on: req.db, at: now)
        try await req.signIn(userID: credentials.user.id)
        req.logger.info("signed in", metadata: ["login": "\(login)"])
        if credentials.user.mustChangePassword { return req.redirect(to: SiteURL.account.path) }
        return req.redirect(to: next == "/" ? SiteURL.home.path : next)
    }

    func signOut(req: Request) async throws -> Response {
        let language = req.auth.get(CurrentUser.self)?.user.language
        req.auth.logout(CurrentUser.self)
        req.session.destroy()
        let response = req.redirect(to: SiteURL.signedOut(language).path)
        return response
    }

    /// Switches the language: the user's own setting when signed in (audited), else the session's.
    func switchLanguage(req: Request) async throws -> Response {
        let language = try TextRules.choice(req.formField("language"), field: "language", as: Language.self)
        if let current = req.auth.get(CurrentUser.self) {
            _ = try await req.users.setLanguage(language, for: current.user, by: try req.writeContext())
            return req.redirect(to: Self.safeNext(req.optionalFormField("back")))
        }
        let response = req.redirect(to: Self.safeNext(req.optionalFormField("back")))
        response.cookies[AnonymousCookies.language] = Self.languageCookie(language, req)
        return response
    }

    private func failure(_ req: Request, login: String, next: String, message: String) async throws -> Response {
        try await Page.render(
            SignInPage(login: login, next: next, error: message, Page.localizer(for: req)), status: .unauthorized, for: req)
    }

    private static func languageCookie(_ language: Language, _ req: Request) -> HTTPCookies.Value {
        AnonymousCookies.value(language.rawValue, secure: req.application.services.config.secureCookies)
    }

    /// Only same-site paths are followed after sign-in, never another host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// Whole minutes left, rounded up; whole seconds first, since a stored time comes back with
    /// a little floating-point dust.
    private static func minutes(_ interval: TimeInterval) -> Int {
        let seconds = Int(interval.rounded())
        return max(1, (seconds + 59) / 60)
    }
}
