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
        /// The page's best title is the headline, its author the byline.
        var metadata = ArticleMetadata()
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
                HTMLNode.appendCollapsed(Array(title.utf8), to: &collapsed)
                HTMLNode.trimTrailingSpace(&collapsed)
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

        var scan = HTMLMetadataScan()
        scan.visit(root, skipped: false)
        var page = Page()
        page.metadata = ArticleMetadata(
            headline: scan.bestTitle(),
            publishedDate: scan.bestDate(),
            byline: scan.bestAuthor(),
            url: scan.meta["canonical"] ?? scan.meta["og:url"],
            siteName: (scan.meta["og:site_name"] ?? scan.ldPublisher).flatMap(HTMLNode.nonEmpty)
        )

        var extraction = HTMLBlockExtraction(title: page.metadata.headline)
        extraction.walk(scan.container() ?? root)
        extraction.flush()
        page.blocks = extraction.blocks
        if page.metadata.byline == nil { page.metadata.byline = extraction.bylineText }
        return page
    }
}
