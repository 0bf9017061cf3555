import CLibXML2

/// libxml2 wants one global initialisation before threads parse concurrently; a global `let` runs it once.
private let libxmlInitialized: Bool = {
    xmlInitParser()
    return true
}()

/// Main-text extraction from an article page with libxml2's forgiving HTML parser.
///
/// The page is parsed once; a first walk reads metadata (`og:` and `article:` meta, `<title>`, `<h1>`, `<time>`,
/// JSON-LD `NewsArticle`) and scores containers by the paragraph text they hold; the container is the
/// `itemprop=articleBody` element, else the `<article>` with the most paragraph text, else the element whose
/// children hold the most paragraph text. A second walk turns that container into blocks. Scripts, styles, media
/// and form controls are skipped; navigation, headers, footers, asides, figures, captions and widgets (class or
/// id naming share, social, newsletter, related, promo, comments, cookie, subscribe, ads) become removed blocks,
/// so that nothing in the article is dropped silently. Page furniture outside the container is not article text.
enum HTMLExtractor {
    struct Page {
        var title: String?
        /// ISO `YYYY-MM-DD`.
        var publishedDate: String?
        var author: String?
        var url: String?
        var siteName: String?
        var blocks: [(text: [UInt8], kind: SourceBlock.Kind)] = []

        /// The article text (the title line, then each block, separated by blank lines) and its blocks.
        func layout(title: String?) -> (String, [SourceBlock]) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(blocks.reduce(0) { $0 + $1.text.count + 2 } + (title?.utf8.count ?? 0) + 2)
            var layout: [SourceBlock] = []
            layout.reserveCapacity(blocks.count + 1)
            func add(_ text: [UInt8], _ kind: SourceBlock.Kind) {
                // Unicode spaces the collapsing left (ideographic space, zero-width space) are trimmed here.
                let (lower, upper) = text.withUnsafeBufferPointer { ByteText.trim($0, 0, $0.count) }
                guard lower < upper else { return }
                if !bytes.isEmpty { bytes.append(contentsOf: [0x0A, 0x0A]) }
                let start = bytes.count
                bytes.append(contentsOf: text[lower..<upper])
                layout.append(SourceBlock(start: start, end: bytes.count, kind: kind, blankBefore: start > 0))
            }
            if let title {
                var collapsed: [UInt8] = []
                appendCollapsed(Array(title.utf8), to: &collapsed)
                trimTrailingSpace(&collapsed)
                if !collapsed.isEmpty { add(collapsed, .title) }
            }
            for block in blocks { add(block.text, block.kind) }
            return (String(decoding: bytes, as: UTF8.self), layout)
        }
    }

    /// Whether a string (such as a JSON article's body) is HTML rather than plain text.
    static func looksLikeHTML(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            let start = ByteText.skipWhitespace(bytes, 0, bytes.count)
            let end = min(bytes.count, start + 4096)
            guard start < end else { return false }
            // Markup: a closing tag, a line break, a paragraph, or a document start near the beginning.
            return ByteText.containsFolded(bytes, start, end, "</") || ByteText.containsFolded(bytes, start, end, "<br")
                || ByteText.containsFolded(bytes, start, end, "<p>")
                || ByteText.matchesFolded(bytes, start, end, "<!doctype")
                || ByteText.matchesFolded(bytes, start, end, "<html")
        }
    }

    static func extract(_ html: String) throws(IngestError) -> Page {
        _ = libxmlInitialized
        // Per thread: keep libxml2 quiet on stderr whatever the flags miss.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        var source = html
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue
        )
        let document: htmlDocPtr? = source.withUTF8 { bytes in
            guard bytes.count < Int32.max, let base = bytes.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                htmlReadMemory($0, Int32(bytes.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .noExtractableText }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noExtractableText }

        var scan = MetadataScan()
        scan.visit(root, skipped: false)
        var page = Page()
        page.title = scan.bestTitle()
        page.publishedDate = scan.bestDate()
        page.author = scan.bestAuthor()
        page.url = scan.meta["canonical"] ?? scan.meta["og:url"]
        page.siteName = (scan.meta["og:site_name"] ?? scan.ldPublisher).flatMap(nonEmpty)

        var extraction = BlockExtraction(title: page.title)
        extraction.walk(scan.container() ?? root)
        extraction.flush()
        page.blocks = extraction.blocks
        if page.author == nil, let byline = extraction.bylineText { page.author = byline }
        return page
    }
}

// MARK: - Tags and attributes

private enum Tag: UInt8 {
    case other, script, style, noscript, template, svg, iframe, object, embed, canvas, button, select, input
    case textarea, video, audio, picture, img, source, nav, header, footer, aside, form, figure, figcaption
    case article, main, p, h1, h2, h3, h4, h5, h6, li, ul, ol, blockquote, pre, div, section, br, hr, table
    case tr, td, th, dl, dd, dt, title, meta, link, time, head, body, html, address, caption, menu, dialog
}

private struct PackedName: Hashable {
    var low: UInt64
    var high: UInt64
}

private let tagTable: [PackedName: Tag] = {
    let names: [(String, Tag)] = [
        ("script", .script), ("style", .style), ("noscript", .noscript), ("template", .template), ("svg", .svg),
        ("iframe", .iframe), ("object", .object), ("embed", .embed), ("canvas", .canvas), ("button", .button),
        ("select", .select), ("input", .input), ("textarea", .textarea), ("video", .video), ("audio", .audio),
        ("picture", .picture), ("img", .img), ("source", .source), ("nav", .nav), ("header", .header),
        ("footer", .footer), ("aside", .aside), ("form", .form), ("figure", .figure), ("figcaption", .figcaption),
        ("article", .article), ("main", .main), ("p", .p), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4),
        ("h5", .h5), ("h6", .h6), ("li", .li), ("ul", .ul), ("ol", .ol), ("blockquote", .blockquote),
        ("pre", .pre), ("div", .div), ("section", .section), ("br", .br), ("hr", .hr), ("table", .table),
        ("tr", .tr), ("td", .td), ("th", .th), ("dl", .dl), ("dd", .dd), ("dt", .dt), ("title", .title),
        ("meta", .meta), ("link", .link), ("time", .time), ("head", .head), ("body", .body), ("html", .html),
        ("address", .address), ("caption", .caption), ("menu", .menu), ("dialog", .dialog),
    ]
    var table: [PackedName: Tag] = [:]
    for (name, tag) in names {
        name.utf8CString.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: UInt8.self) { table[pack($0.baseAddress!)!] = tag }
        }
    }
    return table
}()

/// Packs a NUL-terminated name of at most 16 bytes; nil for longer names.
private func pack(_ name: UnsafePointer<UInt8>) -> PackedName? {
    var packed = PackedName(low: 0, high: 0)
    for offset in 0..<17 {
        let byte = name[offset]
        if byte == 0 { return packed }
        guard offset < 16 else { return nil }
        if offset < 8 {
            packed.low |= UInt64(byte) << UInt64(offset * 8)
        } else {
            packed.high |= UInt64(byte) << UInt64((offset - 8) * 8)
        }
    }
    return nil
}

private func tag(of node: xmlNodePtr) -> Tag {
    guard let name = node.pointee.name, let packed = pack(name) else { return .other }
    return tagTable[packed] ?? .other
}

/// A static NUL-terminated empty string.
private var emptyValue: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

/// The value of an attribute (names are lower case in libxml2's HTML tree), without copying.
private func attribute(_ node: xmlNodePtr, _ name: StaticString) -> UnsafePointer<UInt8>? {
    var property = node.pointee.properties
    while let current = property {
        if let attributeName = current.pointee.name, cStringCompare(attributeName, name.utf8Start) == 0 {
            // A bare attribute (`<span hidden>`) has no value node: report it as present and empty.
            guard let value = current.pointee.children?.pointee.content else { return emptyValue }
            return UnsafePointer(value)
        }
        property = current.pointee.next
    }
    return nil
}

private func cStringCompare(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>) -> Int32 {
    var index = 0
    while true {
        let left = lhs[index]
        let right = rhs[index]
        if left != right { return Int32(left) - Int32(right) }
        if left == 0 { return 0 }
        index += 1
    }
}

private func string(_ pointer: UnsafePointer<UInt8>) -> String {
    String(cString: pointer)
}

private func nonEmpty(_ value: String) -> String? {
    let trimmed = value.trimmingWhitespace()
    return trimmed.isEmpty ? nil : trimmed
}

/// Elements whose content is never text.
private func isInvisible(_ tag: Tag) -> Bool {
    switch tag {
    case .script, .style, .noscript, .template, .svg, .iframe, .object, .embed, .canvas, .button, .select, .input,
        .textarea, .video, .audio, .picture, .img, .source, .meta, .link, .head, .title, .dialog:
        return true
    default:
        return false
    }
}

/// Whether the element is hidden and what debris its tag or class, id or role names, from one pass over its
/// attributes (most elements have none or one).
private func classify(_ node: xmlNodePtr, _ tag: Tag) -> (hidden: Bool, debris: Debris?) {
    var tagDebris: Debris?
    switch tag {
    case .nav, .menu: tagDebris = .navigation
    case .header, .footer, .aside, .form: tagDebris = .boilerplate
    case .figure, .figcaption: tagDebris = .caption
    default: break
    }
    var property = node.pointee.properties
    guard property != nil else { return (false, tagDebris) }
    var hidden = false
    var names: [UnsafePointer<UInt8>] = []
    while let current = property {
        defer { property = current.pointee.next }
        guard let name = current.pointee.name else { continue }
        let value = current.pointee.children?.pointee.content.map { UnsafePointer($0) } ?? emptyValue
        switch name[0] {
        case 0x68 where cStringCompare(name, ("hidden" as StaticString).utf8Start) == 0:
            hidden = true
        case 0x61 where cStringCompare(name, ("aria-hidden" as StaticString).utf8Start) == 0:
            if cStringCompare(value, ("true" as StaticString).utf8Start) == 0 { hidden = true }
        case 0x73 where cStringCompare(name, ("style" as StaticString).utf8Start) == 0:
            let style = string(value).lowercased().replacingSpaces()
            if style.contains("display:none") || style.contains("visibility:hidden") { hidden = true }
        case 0x63 where cStringCompare(name, ("class" as StaticString).utf8Start) == 0,
            0x69 where cStringCompare(name, ("id" as StaticString).utf8Start) == 0,
            0x72 where cStringCompare(name, ("role" as StaticString).utf8Start) == 0:
            names.append(value)
        default:
            break
        }
    }
    if tagDebris != nil || hidden { return (hidden, tagDebris) }
    for value in names {
        if let found = debris(inName: value) { return (false, found) }
    }
    return (false, nil)
}

extension String {
    fileprivate func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }) }
}

private enum Debris {
    case boilerplate
    case navigation
    case caption
    case credit
    case byline
}

private let debrisWords: [UInt64: Debris] = {
    var table: [UInt64: Debris] = [:]
    let groups: [(Debris, [String])] = [
        (
            .boilerplate,
            [
                "ad", "ads", "advert", "adverts", "advertisement", "sponsored", "banner", "popup", "modal", "paywall",
                "toolbar", "tags", "signup", "outbrain", "taboola", "recirc", "recirculation", "sidebar", "footer",
                "masthead", "widget", "trending", "newsletters", "share", "sharing", "social", "comments", "comment",
                "cookie", "cookies", "promo", "related", "subscribe", "subscription", "newsletter", "complementary",
            ]
        ),
        (.navigation, ["nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination"]),
        (.caption, ["caption", "figcaption", "gallery", "slideshow"]),
        (.credit, ["credit", "credits", "copyright"]),
        (.byline, ["byline", "author", "authors"]),
    ]
    for (kind, words) in groups {
        for word in words { table[FNV1a.hash(word.utf8.map(ByteText.lower))] = kind }
    }
    return table
}()

/// Debris named by a class, id or role value: whole words (split at spaces, dashes and underscores) first,
/// then glued names (`sharebar`, `socialLinks`, `relatedStories`).
private func debris(inName value: UnsafePointer<UInt8>) -> Debris? {
    var length = 0
    while value[length] != 0 { length += 1 }
    guard length > 0, length < 512 else { return nil }
    let bytes = UnsafeBufferPointer(start: value, count: length)
    var wordStart = 0
    for index in 0...length {
        let isSeparator =
            index == length || bytes[index] == 0x20 || bytes[index] == 0x2D || bytes[index] == 0x5F
            || bytes[index] == 0x09 || bytes[index] == 0x0A
        guard isSeparator else { continue }
        if index > wordStart {
            if let found = debrisWords[FNV1a.hashLowercased(bytes, wordStart, index)] { return found }
        }
        wordStart = index + 1
    }
    for fragment: StaticString in [
        "share", "social", "newsletter", "promo", "cookie", "subscribe", "advert", "sponsor", "related",
    ] where ByteText.containsFolded(bytes, 0, length, fragment) {
        return .boilerplate
    }
    if ByteText.containsFolded(bytes, 0, length, "comment") && !ByteText.containsFolded(bytes, 0, length, "commentary")
    {
        return .boilerplate
    }
    if ByteText.containsFolded(bytes, 0, length, "caption") { return .caption }
    return nil
}

// MARK: - Whitespace

/// Appends text, collapsing ASCII whitespace and NBSP runs to one space and dropping leading space.
private func appendCollapsed(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.reserveCapacity(output.count + text.count + 1)
    var index = 0
    let count = text.count
    while index < count {
        // A run of whitespace (ASCII or NBSP) becomes one space, unless at the start.
        let runStart = index
        while index < count {
            if ByteText.isASCIIWhitespace(text[index]) {
                index += 1
            } else if text[index] == 0xC2, index + 1 < count, text[index + 1] == 0xA0 {
                index += 2
            } else {
                break
            }
        }
        if index > runStart, let last = output.last, last != 0x20 { output.append(0x20) }
        // A run of other bytes is copied at once.
        let wordStart = index
        while index < count, !ByteText.isASCIIWhitespace(text[index]),
            !(text[index] == 0xC2 && index + 1 < count && text[index + 1] == 0xA0)
        {
            index += 1
        }
        if index > wordStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: text[wordStart..<index])) }
    }
}

private func appendCollapsed(_ text: [UInt8], to output: inout [UInt8]) {
    text.withUnsafeBufferPointer { appendCollapsed($0, to: &output) }
}

private func trimTrailingSpace(_ bytes: inout [UInt8]) {
    while let last = bytes.last, last == 0x20 { bytes.removeLast() }
}

/// The visible text of a subtree, collapsed.
private func collectText(_ node: xmlNodePtr, into output: inout [UInt8]) {
    var child = node.pointee.children
    while let current = child {
        switch current.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = current.pointee.content {
                var length = 0
                while content[length] != 0 { length += 1 }
                appendCollapsed(UnsafeBufferPointer(start: content, count: length), to: &output)
            }
        case XML_ELEMENT_NODE:
            let currentTag = tag(of: current)
            if currentTag == .br || currentTag == .p || currentTag == .li || currentTag == .div {
                if let last = output.last, last != 0x20 { output.append(0x20) }
            }
            if !isInvisible(currentTag) { collectText(current, into: &output) }
        default:
            break
        }
        child = current.pointee.next
    }
}

/// The number of text bytes in a subtree (whitespace included): enough to score containers without copying.
private func textLength(_ node: xmlNodePtr) -> Int {
    var total = 0
    var child = node.pointee.children
    while let current = child {
        switch current.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = current.pointee.content {
                var length = 0
                var significant = 0
                while content[length] != 0 {
                    if !ByteText.isASCIIWhitespace(content[length]) { significant += 1 }
                    length += 1
                }
                total += significant
            }
        case XML_ELEMENT_NODE:
            if !isInvisible(tag(of: current)) { total += textLength(current) }
        default:
            break
        }
        child = current.pointee.next
    }
    return total
}

private func text(of node: xmlNodePtr) -> String {
    var bytes: [UInt8] = []
    collectText(node, into: &bytes)
    trimTrailingSpace(&bytes)
    return String(decoding: bytes, as: UTF8.self)
}

// MARK: - First walk: metadata and container scores

private struct MetadataScan {
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
        let elementTag = tag(of: node)
        switch elementTag {
        case .meta:
            readMeta(node)
            return
        case .link:
            if let rel = attribute(node, "rel"), string(rel).lowercased() == "canonical",
                let href = attribute(node, "href")
            {
                meta["canonical"] = meta["canonical"] ?? string(href)
            }
            return
        case .title:
            if titleElement == nil { titleElement = nonEmpty(text(of: node)) }
            return
        case .head:
            visit(node, skipped: true)
            return
        case .script:
            if let type = attribute(node, "type"), string(type).lowercased().contains("ld+json") {
                readLinkedData(text(of: node))
            }
            return
        case .h1:
            if firstH1 == nil { firstH1 = nonEmpty(text(of: node)) }
        case .time:
            if firstTime == nil, let datetime = attribute(node, "datetime") { firstTime = string(datetime) }
        case .main:
            if main == nil { main = node }
        case .body:
            if body == nil { body = node }
        default:
            break
        }
        if let itemprop = attribute(node, "itemprop") {
            let name = string(itemprop)
            if name == "datePublished" {
                if let content = attribute(node, "content") ?? attribute(node, "datetime") {
                    meta["datepublished"] = meta["datepublished"] ?? string(content)
                }
            }
        }
        if isInvisible(elementTag) { return }
        let (hidden, found) = classify(node, elementTag)
        let isSkipped = skipped || hidden || found != nil
        if elementTag == .p && !isSkipped {
            let length = textLength(node)
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
        if !isSkipped, articleBody == nil, let itemprop = attribute(node, "itemprop"),
            string(itemprop) == "articleBody"
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
        guard let content = attribute(node, "content") else { return }
        for key: StaticString in ["property", "name", "itemprop"] {
            guard let name = attribute(node, key) else { continue }
            let lowered = string(name).lowercased()
            if Self.metaKeys.contains(lowered), meta[lowered] == nil {
                let value = string(content)
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
            if ldHeadline == nil { ldHeadline = candidate["headline"]?.stringValue.flatMap(nonEmpty) }
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
            if let candidate, let cleaned = nonEmpty(cleanTitle(candidate)) { return cleaned }
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
        if let byl = meta["byl"] { candidates.append(stripBy(byl)) }
        for candidate in candidates {
            if let candidate, let cleaned = nonEmpty(candidate) { return cleaned }
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
}

/// `Kim shows off missiles | Reuters` → `Kim shows off missiles`; a short ` - Site` suffix goes too.
func cleanTitle(_ title: String) -> String {
    var text = title.trimmingWhitespace()
    if let (head, _) = splitAtLast(text, " | "), !head.trimmingWhitespace().isEmpty { text = head }
    for separator in [" - ", " \u{2013} ", " \u{2014} "] {
        guard let (head, tail) = splitAtLast(text, separator) else { continue }
        if tail.split(separator: " ").count <= 4 && tail.count <= 32 && head.split(separator: " ").count >= 3 {
            text = head
            break
        }
    }
    return text.trimmingWhitespace()
}

/// The text before and after the last occurrence of `separator`.
private func splitAtLast(_ text: String, _ separator: String) -> (String, String)? {
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

private func stripBy(_ text: String) -> String {
    let trimmed = text.trimmingWhitespace()
    if trimmed.lowercased().hasPrefix("by ") { return String(trimmed.dropFirst(3)).trimmingWhitespace() }
    return trimmed
}

/// The text of the first descendant whose class or id names a byline or author.
private func findByline(_ node: xmlNodePtr) -> String? {
    var child = node.pointee.children
    while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE {
            let currentTag = tag(of: current)
            if !isInvisible(currentTag) {
                for name: StaticString in ["class", "id", "rel"] {
                    guard let value = attribute(current, name), debris(inName: value) == .byline else { continue }
                    if let byline = nonEmpty(stripBy(text(of: current))) { return byline }
                }
                if let found = findByline(current) { return found }
            }
        }
        child = current.pointee.next
    }
    return nil
}

// MARK: - Second walk: blocks of the container

private struct BlockExtraction {
    let title: String?
    var blocks: [(text: [UInt8], kind: SourceBlock.Kind)] = []
    var buffer: [UInt8] = []
    var kind: SourceBlock.Kind = .paragraph
    var bylineText: String?
    var sawTitle = false

    init(title: String?) {
        self.title = title.map { TextNormalizer.normalize($0) }
    }

    mutating func flush() {
        trimTrailingSpace(&buffer)
        if !buffer.isEmpty { blocks.append((buffer, kind)) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func walk(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    var length = 0
                    while content[length] != 0 { length += 1 }
                    appendCollapsed(UnsafeBufferPointer(start: content, count: length), to: &buffer)
                }
            case XML_ELEMENT_NODE:
                element(current)
            default:
                break
            }
            child = current.pointee.next
        }
    }

    private mutating func element(_ node: xmlNodePtr) {
        let elementTag = tag(of: node)
        if isInvisible(elementTag) { return }
        let (hidden, debrisFound) = classify(node, elementTag)
        if hidden { return }
        if let found = debrisFound {
            flush()
            let content = text(of: node)
            guard !content.isEmpty else { return }
            // The title inside an article header is the title, not debris.
            let isTitleOnly = title != nil && TextNormalizer.normalize(content) == title
            if isTitleOnly { return }
            if bylineText == nil, found != .byline, let byline = findByline(node) { bylineText = byline }
            let reason: RemovalReason
            switch found {
            case .boilerplate: reason = .boilerplate
            case .navigation: reason = .navigation
            case .caption: reason = .caption
            case .credit: reason = .photoCredit
            case .byline:
                reason = .boilerplate
                if bylineText == nil { bylineText = nonEmpty(stripBy(content)) }
            }
            blocks.append((Array(content.utf8), .removed(reason)))
            return
        }
        let blockKind: SourceBlock.Kind?
        switch elementTag {
        case .br, .hr:
            flush()
            return
        case .h1:
            flush()
            let content = text(of: node)
            if let title, !sawTitle, TextNormalizer.normalize(content) == title {
                sawTitle = true
                return
            }
            if !content.isEmpty { blocks.append((Array(content.utf8), .heading)) }
            return
        case .h2, .h3, .h4, .h5, .h6: blockKind = .heading
        case .li, .dt, .dd: blockKind = .listItem
        case .p, .blockquote, .pre, .div, .section, .article, .main, .table, .tr, .td, .th, .ul, .ol, .dl,
            .address, .caption, .body, .html:
            blockKind = .paragraph
        default: blockKind = nil
        }
        guard let blockKind else {
            walk(node)
            return
        }
        flush()
        let saved = kind
        // Paragraphs inside list items stay list items; list containers do not change the kind.
        if elementTag != .ul && elementTag != .ol && elementTag != .dl
            && !(saved == .listItem && blockKind == .paragraph)
        {
            kind = blockKind
        }
        walk(node)
        flush()
        kind = saved
    }
}
