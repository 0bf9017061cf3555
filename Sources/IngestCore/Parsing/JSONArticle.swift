/// A JSON article object as feeds and scrapers deliver it:
/// `{"title": ..., "url": ..., "outlet"|"source": ..., "published_at"|"date": ..., "author": ..., "body"|"text"|"content": ...}`.
///
/// Missing optional fields are fine; a present field of the wrong type, or no article text at all, is a
/// ``IngestError/malformedEnvelope(field:reason:)`` naming the field.
struct JSONArticle {
    var title: String?
    var body: String
    var url: String?
    var outlet: String?
    /// ISO `YYYY-MM-DD`, when the date field can be read.
    var publishedDate: String?
    var byline: String?

    static let bodyFields = ["body", "text", "content", "articleBody", "article_body"]
    static let titleFields = ["title", "headline"]
    static let outletFields = ["outlet", "source", "site_name", "publisher"]
    static let dateFields = ["published_at", "publishedAt", "published", "date", "datePublished", "pubDate"]
    static let authorFields = ["author", "byline", "authors"]

    static func decode(_ raw: String) throws(IngestError) -> JSONArticle {
        guard let value = FastJSON.parse(raw) else {
            throw .malformedEnvelope(field: "body", reason: "is not valid JSON")
        }
        guard case .object(let fields) = value else {
            throw .malformedEnvelope(field: "body", reason: "must be a JSON article object")
        }

        func string(_ name: String) throws(IngestError) -> String? {
            switch fields[name] {
            case .none, .some(.null): return nil
            case .some(.string(let text)): return text
            case .some: throw .malformedEnvelope(field: name, reason: "must be a string")
            }
        }

        var body: String?
        for name in bodyFields where fields[name] != nil {
            if let text = try string(name) {
                body = text
                break
            }
        }
        guard let body else {
            throw .malformedEnvelope(
                field: "body",
                reason:
                    "missing article text: expected a string in one of \(bodyFields.prefix(3).joined(separator: ", "))"
            )
        }

        var article = JSONArticle(body: body)
        for name in titleFields {
            if let text = try string(name) {
                article.title = text
                break
            }
        }
        article.url = try string("url")
        for name in outletFields {
            switch fields[name] {
            case .none, .some(.null): continue
            case .some(.string(let text)): article.outlet = text
            case .some(.object(let nested)):
                // NewsAPI style: `"source": {"id": ..., "name": "Reuters"}`.
                guard let outletName = nested["name"]?.stringValue else {
                    throw .malformedEnvelope(field: name, reason: "must be a string or an object with a name")
                }
                article.outlet = outletName
            case .some: throw .malformedEnvelope(field: name, reason: "must be a string or an object with a name")
            }
            break
        }
        for name in dateFields {
            switch fields[name] {
            case .none, .some(.null): continue
            case .some(.string(let text)):
                article.publishedDate = DateParsing.isoDate(text)
            case .some(.number(let seconds)):
                // Unix time, in seconds or milliseconds.
                article.publishedDate = DateParsing.isoDate(epochSeconds: seconds > 1e11 ? seconds / 1000 : seconds)
            case .some: throw .malformedEnvelope(field: name, reason: "must be a date string or a Unix time")
            }
            break
        }
        for name in authorFields {
            guard let field = fields[name], field != .null else { continue }
            guard let names = authorNames(field) else {
                throw .malformedEnvelope(
                    field: name,
                    reason: "must be a string, an object with a name, or a list of them"
                )
            }
            article.byline = names.isEmpty ? nil : names.joined(separator: ", ")
            break
        }
        return article
    }

    /// Names from `"Jane Doe"`, `{"name": "Jane Doe"}`, or a list of either; nil when ill-typed.
    static func authorNames(_ value: JSONValue) -> [String]? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? [] : [trimmed]
        case .object(let fields):
            guard let name = fields["name"]?.stringValue else { return nil }
            return authorNames(.string(name))
        case .array(let items):
            var names: [String] = []
            for item in items {
                guard let more = authorNames(item) else { return nil }
                names.append(contentsOf: more)
            }
            return names
        default:
            return nil
        }
    }
}
