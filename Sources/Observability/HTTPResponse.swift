/// What the observability server answers to one GET.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public init(status: Int, text: String) {
        self.init(status: status, body: Array(text.utf8))
    }

    static let notFound = HTTPResponse(status: 404, text: "not found: try /metrics, /healthz or /readyz\n")
    static let methodNotAllowed = HTTPResponse(status: 405, text: "only GET and HEAD\n")
}
