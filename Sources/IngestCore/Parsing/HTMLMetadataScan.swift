import CLibXML2

/// The extractor's first walk: the page's metadata (meta tags, `<title>`, `<h1>`, `<time>`, JSON-LD) and the
/// text scores that choose the container of the article.
struct HTMLMetadataScan {
    var meta: [String: String] = [:]
    var titleElement: String?
    var firstH1: String?
    var firstTime: String?
    var ldHeadline: String?
    var ldDate: String?
    var ldAuthor: String?
    var ldPublisher: String?
    var articleBody: (node: xmlNodePtr, score: Int)?
    var articles: [(node: xmlNodePtr, score: Int)] = []
    var parentScores: [xmlNodePtr: Int] = [:]
    var openArticles: [Int] = []
    var main: xmlNodePtr?
    var body: xmlNodePtr?

    private static let metaKeys: Set<String> = [
        "og:title", "twitter:title", "title", "og:url", "og:site_name", "article:published_time",
        "og:published_time", "published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
        "dc.date.issued", "sailthru.date", "parsely-pub-date", "author", "article:author", "byl", "dc.creator",
        "sailthru.author", "parsely-author",
    ]

    mutating func visit(_ node: xmlNodePtr, skipped: Bool) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { element(current, skipped: skipped) }
            child = current.pointee.next
        }
    }

    private mutating func element(_ node: xmlNodePtr, skipped: Bool) {
        let elementTag = HTMLTag(of: node)
        switch elementTag {
        case .meta:
            readMeta(node)
            return
        case .link:
            if let rel = HTMLNode.attribute(node, "rel"), HTMLNode.string(rel).lowercased() == "canonical",
                let href = HTMLNode.attribute(node, "href")
            {
                meta["canonical"] = meta["canonical"] ?? HTMLNode.string(href)
            }
            return
        case .title:
            if titleElement == nil { titleElement = HTMLNode.nonEmpty(HTMLNode.text(of: node)) }
            return
        case .head:
            visit(node, skipped: true)
            return
        case .script:
            if let type = HTMLNode.attribute(node, "type"), HTMLNode.string(type).lowercased().contains("ld+json") {
                readLinkedData(HTMLNode.text(of: node))
            }
            return
        case .h1:
            if firstH1 == nil { firstH1 = HTMLNode.nonEmpty(HTMLNode.text(of: node)) }
        case .time:
            if firstTime == nil, let datetime = HTMLNode.attribute(node, "datetime") {
                firstTime = HTMLNode.string(datetime)
            }
        case .main:
            if main == nil { main = node }
        case .body:
            if body == nil { body = node }
        default:
            break
        }
        if let itemprop = HTMLNode.attribute(node, "itemprop") {
            let name = HTMLNode.string(itemprop)
            if name == "datePublished" {
                if let content = HTMLNode.attribute(node, "content") ?? HTMLNode.attribute(node, "datetime") {
                    meta["datepublished"] = meta["datepublished"] ?? HTMLNode.string(content)
                }
            }
        }
        if HTMLTag.isInvisible(elementTag) { return }
        let (hidden, found) = HTMLDebris.classify(node, elementTag)
        let isSkipped = skipped || hidden || found != nil
        if elementTag == .p && !isSkipped {
            let length = HTMLNode.textLength(node)
            if length > 0 {
                for index in openArticles { articles[index].score += length }
                if let parent = node.pointee.parent {
                    parentScores[parent, default: 0] += length
                    if let grandparent = parent.pointee.parent { parentScores[grandparent, default: 0] += length / 2 }
                }
                if var body = articleBody, isAncestor(body.node, of: node) {
                    body.score += length
                    articleBody = body
                }
            }
            return
        }
        var isArticle = false
        if elementTag == .article && !isSkipped {
            articles.append((node, 0))
            openArticles.append(articles.count - 1)
            isArticle = true
        }
        if !isSkipped, articleBody == nil, let itemprop = HTMLNode.attribute(node, "itemprop"),
            HTMLNode.string(itemprop) == "articleBody"
        {
            articleBody = (node, 0)
        }
        visit(node, skipped: isSkipped)
        if isArticle { openArticles.removeLast() }
    }

    private func isAncestor(_ ancestor: xmlNodePtr, of node: xmlNodePtr) -> Bool {
        var current = node.pointee.parent
        while let parent = current {
            if parent == ancestor { return true }
            current = parent.pointee.parent
        }
        return false
    }

    private mutating func readMeta(_ node: xmlNodePtr) {
        guard let content = HTMLNode.attribute(node, "content") else { return }
        for key: StaticString in ["property", "name", "itemprop"] {
            guard let name = HTMLNode.attribute(node, key) else { continue }
            let lowered = HTMLNode.string(name).lowercased()
            if Self.metaKeys.contains(lowered), meta[lowered] == nil {
                let value = HTMLNode.string(content)
                if !value.isEmpty { meta[lowered] = value }
            }
        }
    }

    private mutating func readLinkedData(_ json: String) {
        guard let value = FastJSON.parse(json) else { return }
        var candidates: [JSONValue] = []
        func collect(_ item: JSONValue) {
            switch item {
            case .array(let items): items.forEach(collect)
            case .object(let fields):
                candidates.append(item)
                if let graph = fields["@graph"] { collect(graph) }
            default: break
            }
        }
        collect(value)
        let articleTypes: Set<String> = [
            "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
            "BlogPosting", "BackgroundNewsArticle", "LiveBlogPosting",
        ]
        for candidate in candidates {
            let types: [String]
            switch candidate["@type"] {
            case .string(let type): types = [type]
            case .array(let items): types = items.compactMap(\.stringValue)
            default: types = []
            }
            guard types.contains(where: articleTypes.contains) else { continue }
            if ldHeadline == nil { ldHeadline = candidate["headline"]?.stringValue.flatMap(HTMLNode.nonEmpty) }
            if ldDate == nil { ldDate = candidate["datePublished"]?.stringValue }
            if ldAuthor == nil, let author = candidate["author"], let names = JSONArticle.authorNames(author),
                !names.isEmpty
            {
                ldAuthor = names.joined(separator: ", ")
            }
            if ldPublisher == nil { ldPublisher = candidate["publisher"]?["name"]?.stringValue }
        }
    }

    func bestTitle() -> String? {
        for candidate in [meta["og:title"], ldHeadline, meta["twitter:title"], firstH1, titleElement, meta["title"]] {
            if let candidate, let cleaned = HTMLNode.nonEmpty(Self.cleanTitle(candidate)) { return cleaned }
        }
        return nil
    }

    func bestDate() -> String? {
        let candidates = [
            meta["article:published_time"], ldDate, meta["datepublished"], meta["og:published_time"],
            meta["published_time"], meta["pubdate"], meta["publishdate"], meta["dc.date.issued"], meta["dc.date"],
            meta["date"], meta["sailthru.date"], meta["parsely-pub-date"], firstTime,
        ]
        for candidate in candidates {
            if let candidate, let iso = DateParsing.isoDate(candidate) { return iso }
        }
        return nil
    }

    func bestAuthor() -> String? {
        var candidates = [
            meta["author"], ldAuthor, meta["dc.creator"], meta["sailthru.author"], meta["parsely-author"],
        ]
        if let author = meta["article:author"], !author.hasPrefix("http") { candidates.insert(author, at: 1) }
        if let byl = meta["byl"] { candidates.append(HTMLDebris.stripBy(byl)) }
        for candidate in candidates {
            if let candidate, let cleaned = HTMLNode.nonEmpty(candidate) { return cleaned }
        }
        return nil
    }

    /// The element that holds the article text.
    func container() -> xmlNodePtr? {
        if let articleBody, articleBody.score > 0 { return articleBody.node }
        var bestParent: (node: xmlNodePtr, score: Int)?
        for (node, score) in parentScores where score > (bestParent?.score ?? 0) { bestParent = (node, score) }
        if let article = articles.max(by: { $0.score < $1.score }), article.score > 0 {
            // A teaser <article> in a sidebar must not win over the real body.
            if let bestParent, bestParent.score > article.score * 2 { return bestParent.node }
            return article.node
        }
        if let bestParent { return bestParent.node }
        return main ?? body
    }

    /// `Kim shows off missiles | Reuters` → `Kim shows off missiles`; a short ` - Site` suffix goes too.
    static func cleanTitle(_ title: String) -> String {
        var text = title.trimmingWhitespace()
        if let (head, _) = Self.splitAtLast(text, " | "), !head.trimmingWhitespace().isEmpty { text = head }
        for separator in [" - ", " \u{2013} ", " \u{2014} "] {
            guard let (head, tail) = Self.splitAtLast(text, separator) else { continue }
            if tail.split(separator: " ").count <= 4 && tail.count <= 32 && head.split(separator: " ").count >= 3 {
                text = head
                break
            }
        }
        return text.trimmingWhitespace()
    }

    /// The text before and after the last occurrence of `separator`.
    private static func splitAtLast(_ text: String, _ separator: String) -> (String, String)? {
        let bytes = Array(text.utf8)
        let pattern = Array(separator.utf8)
        guard bytes.count > pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index > 0 {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                return (
                    String(decoding: bytes[..<index], as: UTF8.self),
                    String(decoding: bytes[(index + pattern.count)...], as: UTF8.self)
                )
            }
            index -= 1
        }
        return nil
    }
}
