import CLibXML2

/// The extractor's second walk: the container's elements as paragraph, heading and list blocks, with debris kept
/// as removed blocks and the byline noted.
struct HTMLBlockExtraction {
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
        HTMLNode.trimTrailingSpace(&buffer)
        if !buffer.isEmpty { blocks.append((buffer, kind)) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func walk(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = HTMLNode.textContent(current) { HTMLNode.appendCollapsed(content, to: &buffer) }
            case XML_ELEMENT_NODE:
                element(current)
            default:
                break
            }
            child = current.pointee.next
        }
    }

    private mutating func element(_ node: xmlNodePtr) {
        let elementTag = HTMLTag(of: node)
        if HTMLTag.isInvisible(elementTag) { return }
        let (hidden, debrisFound) = HTMLDebris.classify(node, elementTag)
        if hidden { return }
        if let found = debrisFound {
            flush()
            let content = HTMLNode.text(of: node)
            guard !content.isEmpty else { return }
            // The title inside an article header is the title, not debris.
            let isTitleOnly = title != nil && TextNormalizer.normalize(content) == title
            if isTitleOnly { return }
            if bylineText == nil, found != .byline, let byline = HTMLDebris.findByline(node) { bylineText = byline }
            let reason: RemovalReason
            switch found {
            case .boilerplate: reason = .boilerplate
            case .navigation: reason = .navigation
            case .caption: reason = .caption
            case .credit: reason = .photoCredit
            case .byline:
                reason = .boilerplate
                if bylineText == nil { bylineText = HTMLNode.nonEmpty(HTMLDebris.stripBy(content)) }
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
            let content = HTMLNode.text(of: node)
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
