import CLibXML2

/// Page furniture around the article text, named by an element's tag or by the words of its class, id or role
/// (`share-bar`, `relatedStories`), and the byline found in it.
enum HTMLDebris {
    case boilerplate
    case navigation
    case caption
    case credit
    case byline

    /// The debris a class, id or role value names: whole words (split at spaces, dashes and underscores) first,
    /// then glued names (`sharebar`, `socialLinks`, `relatedStories`).
    init?(inName value: UnsafePointer<UInt8>) {
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
                if let found = HTMLDebris.words[FNV1a.hashLowercased(bytes, wordStart, index)] {
                    self = found
                    return
                }
            }
            wordStart = index + 1
        }
        for fragment: StaticString in [
            "share", "social", "newsletter", "promo", "cookie", "subscribe", "advert", "sponsor", "related",
        ] where ByteText.containsFolded(bytes, 0, length, fragment) {
            self = .boilerplate
            return
        }
        if ByteText.containsFolded(bytes, 0, length, "comment")
            && !ByteText.containsFolded(bytes, 0, length, "commentary")
        {
            self = .boilerplate
            return
        }
        guard ByteText.containsFolded(bytes, 0, length, "caption") else { return nil }
        self = .caption
    }

    /// Whether the element is hidden and what debris its tag or class, id or role names, from one pass over its
    /// attributes (most elements have none or one).
    static func classify(_ node: xmlNodePtr, _ tag: HTMLTag) -> (hidden: Bool, debris: HTMLDebris?) {
        var tagDebris: HTMLDebris?
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
            let value = current.pointee.children?.pointee.content.map { UnsafePointer($0) } ?? HTMLNode.emptyValue
            switch name[0] {
            case 0x68 where HTMLNode.cStringCompare(name, ("hidden" as StaticString).utf8Start) == 0:
                hidden = true
            case 0x61 where HTMLNode.cStringCompare(name, ("aria-hidden" as StaticString).utf8Start) == 0:
                if HTMLNode.cStringCompare(value, ("true" as StaticString).utf8Start) == 0 { hidden = true }
            case 0x73 where HTMLNode.cStringCompare(name, ("style" as StaticString).utf8Start) == 0:
                let style = HTMLNode.string(value).lowercased().replacingSpaces()
                if style.contains("display:none") || style.contains("visibility:hidden") { hidden = true }
            case 0x63 where HTMLNode.cStringCompare(name, ("class" as StaticString).utf8Start) == 0,
                0x69 where HTMLNode.cStringCompare(name, ("id" as StaticString).utf8Start) == 0,
                0x72 where HTMLNode.cStringCompare(name, ("role" as StaticString).utf8Start) == 0:
                names.append(value)
            default:
                break
            }
        }
        if tagDebris != nil || hidden { return (hidden, tagDebris) }
        for value in names {
            if let found = HTMLDebris(inName: value) { return (false, found) }
        }
        return (false, nil)
    }

    static let words: [UInt64: HTMLDebris] = {
        var table: [UInt64: HTMLDebris] = [:]
        let groups: [(HTMLDebris, [String])] = [
            (
                .boilerplate,
                [
                    "ad", "ads", "advert", "adverts", "advertisement", "sponsored", "banner", "popup", "modal",
                    "paywall",
                    "toolbar", "tags", "signup", "outbrain", "taboola", "recirc", "recirculation", "sidebar", "footer",
                    "masthead", "widget", "trending", "newsletters", "share", "sharing", "social", "comments",
                    "comment",
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

    static func stripBy(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if trimmed.lowercased().hasPrefix("by ") { return String(trimmed.dropFirst(3)).trimmingWhitespace() }
        return trimmed
    }

    /// The text of the first descendant whose class or id names a byline or author.
    static func findByline(_ node: xmlNodePtr) -> String? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let currentTag = HTMLTag(of: current)
                if !HTMLTag.isInvisible(currentTag) {
                    for name: StaticString in ["class", "id", "rel"] {
                        guard let value = HTMLNode.attribute(current, name), HTMLDebris(inName: value) == .byline else {
                            continue
                        }
                        if let byline = HTMLNode.nonEmpty(HTMLDebris.stripBy(HTMLNode.text(of: current))) {
                            return byline
                        }
                    }
                    if let found = HTMLDebris.findByline(current) { return found }
                }
            }
            child = current.pointee.next
        }
        return nil
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }) }
}
