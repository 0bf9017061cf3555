import CLibXML2

/// The element names the extractor treats specially, read from libxml2's node names without allocating.
enum HTMLTag: UInt8 {
    case other, script, style, noscript, template, svg, iframe, object, embed, canvas, button, select, input
    case textarea, video, audio, picture, img, source, nav, header, footer, aside, form, figure, figcaption
    case article, main, p, h1, h2, h3, h4, h5, h6, li, ul, ol, blockquote, pre, div, section, br, hr, table
    case tr, td, th, dl, dd, dt, title, meta, link, time, head, body, html, address, caption, menu, dialog

    struct PackedName: Hashable {
        var low: UInt64
        var high: UInt64
    }

    static let byName: [PackedName: HTMLTag] = {
        let names: [(String, HTMLTag)] = [
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
        var table: [PackedName: HTMLTag] = [:]
        for (name, tag) in names {
            name.utf8CString.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: UInt8.self) { table[HTMLTag.pack($0.baseAddress!)!] = tag }
            }
        }
        return table
    }()

    /// Packs a NUL-terminated name of at most 16 bytes; nil for longer names.
    static func pack(_ name: UnsafePointer<UInt8>) -> PackedName? {
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

    /// The tag of an element node; `.other` for names the extractor does not treat specially.
    init(of node: xmlNodePtr) {
        guard let name = node.pointee.name, let packed = HTMLTag.pack(name) else {
            self = .other
            return
        }
        self = HTMLTag.byName[packed] ?? .other
    }

    /// Elements whose content is never text.
    static func isInvisible(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .script, .style, .noscript, .template, .svg, .iframe, .object, .embed, .canvas, .button, .select, .input,
            .textarea, .video, .audio, .picture, .img, .source, .meta, .link, .head, .title, .dialog:
            return true
        default:
            return false
        }
    }
}
