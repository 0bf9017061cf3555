/// The answer of a health or readiness probe: every check with its outcome, so an operator reading
/// `curl /readyz` sees which one failed and why. HTTP 200 when all pass, 503 otherwise.
public struct ProbeReport: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String

        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    public var checks: [Check]

    public init(checks: [Check]) { self.checks = checks }

    public var passed: Bool { checks.allSatisfy(\.passed) }

    public var response: HTTPResponse {
        var text = passed ? "ok\n" : "failing\n"
        for check in checks { text += "\(check.passed ? "ok  " : "FAIL") \(check.name): \(check.detail)\n" }
        return HTTPResponse(status: passed ? 200 : 503, text: text)
    }
}
