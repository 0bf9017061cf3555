import CLibXML2

/// Reading libxml2's HTML tree: attributes without copying, and the visible text of a subtree, collapsed.
enum HTMLNode {
    /// A static NUL-terminated empty string.
    static var emptyValue: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    /// The value of an attribute (names are lower case in libxml2's HTML tree), without copying.
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> UnsafePointer<UInt8>? {
        var property = node.pointee.properties
        while let current = property {
            if let attributeName = current.pointee.name, HTMLNode.cStringCompare(attributeName, name.utf8Start) == 0 {
                // A bare attribute (`<span hidden>`) has no value node: report it as present and empty.
                guard let value = current.pointee.children?.pointee.content else { return HTMLNode.emptyValue }
                return UnsafePointer(value)
            }
            property = current.pointee.next
        }
        return nil
    }

    static func cStringCompare(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>) -> Int32 {
        var index = 0
        while true {
            let left = lhs[index]
            let right = rhs[index]
            if left != right { return Int32(left) - Int32(right) }
            if left == 0 { return 0 }
            index += 1
        }
    }

    static func string(_ pointer: UnsafePointer<UInt8>) -> String {
        String(cString: pointer)
    }

    static func nonEmpty(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Appends text, collapsing ASCII whitespace and NBSP runs to one space and dropping leading space.
    static func appendCollapsed(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
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

    static func appendCollapsed(_ text: [UInt8], to output: inout [UInt8]) {
        text.withUnsafeBufferPointer { HTMLNode.appendCollapsed($0, to: &output) }
    }

    static func trimTrailingSpace(_ bytes: inout [UInt8]) {
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
    }

    /// The content of a text or CDATA node, in place (libxml2 keeps it NUL-terminated).
    static func textContent(_ node: xmlNodePtr) -> UnsafeBufferPointer<UInt8>? {
        guard let content = node.pointee.content else { return nil }
        var length = 0
        while content[length] != 0 { length += 1 }
        return UnsafeBufferPointer(start: content, count: length)
    }

    /// The visible text of a subtree, collapsed.
    static func collectText(_ node: xmlNodePtr, into output: inout [UInt8]) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = textContent(current) { appendCollapsed(content, to: &output) }
            case XML_ELEMENT_NODE:
                let currentTag = HTMLTag(of: current)
                if currentTag == .br || currentTag == .p || currentTag == .li || currentTag == .div {
                    if let last = output.last, last != 0x20 { output.append(0x20) }
                }
                if !HTMLTag.isInvisible(currentTag) { HTMLNode.collectText(current, into: &output) }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    /// The number of text bytes in a subtree (whitespace included): enough to score containers without copying.
    static func textLength(_ node: xmlNodePtr) -> Int {
        var total = 0
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = textContent(current) {
                    for byte in content where !ByteText.isASCIIWhitespace(byte) { total += 1 }
                }
            case XML_ELEMENT_NODE:
                if !HTMLTag.isInvisible(HTMLTag(of: current)) { total += HTMLNode.textLength(current) }
            default:
                break
            }
            child = current.pointee.next
        }
        return total
    }

    static func text(of node: xmlNodePtr) -> String {
        var bytes: [UInt8] = []
        HTMLNode.collectText(node, into: &bytes)
        HTMLNode.trimTrailingSpace(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
