/// Kafka client properties in the `key=value` text format of Kafka's `client.properties` (java.util.Properties)
/// and kcat's `-F`: one property per line; `#` and `!` start comments; `=`, `:` or whitespace separates key and
/// value; a trailing backslash continues a line; `\t \n \r \f \\ \uXXXX` escapes. A value keeps every other
/// character, commas included.
public enum ClientProperties {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The properties in file order (a later duplicate wins when they are applied).
    public static func parse(_ text: String) throws(ParseError) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        // Line ends as Java reads them: \n, \r or \r\n (one Character in Swift).
        let physical = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        var index = 0
        while index < physical.count {
            let firstLine = index + 1
            var logical = String(physical[index].drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" })
            index += 1
            if logical.isEmpty || logical.hasPrefix("#") || logical.hasPrefix("!") { continue }
            // An odd number of trailing backslashes joins the next line, minus its leading whitespace.
            while endsWithContinuation(logical) {
                logical.removeLast()
                guard index < physical.count else { break }
                logical += physical[index].drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
                index += 1
            }
            let (rawKey, rawValue) = split(logical)
            let key = try unescape(rawKey, line: firstLine)
            guard !key.isEmpty else { throw ParseError(line: firstLine, reason: "a property without a key") }
            result.append((key, try unescape(rawValue, line: firstLine)))
        }
        return result
    }

    private static func endsWithContinuation(_ line: String) -> Bool {
        var count = 0
        for character in line.reversed() {
            guard character == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }

    /// The key ends at the first unescaped `=`, `:` or whitespace; whitespace and one separator are skipped.
    private static func split(_ line: String) -> (Substring, Substring) {
        var escaped = false
        var keyEnd = line.endIndex
        for position in line.indices {
            let character = line[position]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=" || character == ":" || character == " " || character == "\t" {
                keyEnd = position
                break
            }
        }
        var rest = line[keyEnd...].drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
        if let first = rest.first, first == "=" || first == ":" {
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
        }
        return (line[..<keyEnd], rest)
    }

    private static func unescape(_ text: Substring, line: Int) throws(ParseError) -> String {
        guard text.contains("\\") else { return String(text) }
        var output = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                output.append(character)
                continue
            }
            guard let escaped = iterator.next() else { break }
            switch escaped {
            case "t": output.append("\t")
            case "n": output.append("\n")
            case "r": output.append("\r")
            case "f": output.append("\u{0C}")
            case "u":
                var hex = ""
                for _ in 0..<4 { if let digit = iterator.next() { hex.append(digit) } }
                guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw ParseError(line: line, reason: "malformed \\u escape")
                }
                output.unicodeScalars.append(scalar)
            default: output.append(escaped)
            }
        }
        return output
    }
}
