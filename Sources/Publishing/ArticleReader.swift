import Foundation
import IngestCore

/// One article read from an input, before it is wrapped in an envelope.
public struct RawArticle: Sendable {
    /// Where it came from, for messages: `path` or `path:line`.
    public var origin: String
    public var outlet: String
    public var url: String?
    public var title: String?
    public var publishedAt: String?
    public var contentType: ContentType
    public var body: String
}

/// Turns files, folders and stdin into raw articles. Folders are searched recursively in sorted order, so the
/// same folder always publishes the same sequence.
public struct ArticleReader {
    public static let extensions: Set<String> = ["txt", "text", "html", "htm", "json", "jsonl", "ndjson"]

    public var outletOverride: String?

    public init(outletOverride: String?) {
        self.outletOverride = outletOverride
    }

    /// Files under `paths`, expanded and sorted; unsupported files are returned separately.
    public func expand(_ paths: [String]) throws -> (files: [URL], skipped: [String]) {
        var files: [URL] = []
        var skipped: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReaderError(message: "no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: path)
                let enumerator = FileManager.default.enumerator(
                    at: root,
                    includingPropertiesForKeys: [.isRegularFileKey]
                )
                var found: [URL] = []
                while let url = enumerator?.nextObject() as? URL {
                    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else {
                        continue
                    }
                    if url.lastPathComponent.hasPrefix(".") || url.lastPathComponent.lowercased() == "readme.md" {
                        continue
                    }
                    if Self.extensions.contains(url.pathExtension.lowercased()) {
                        found.append(url)
                    } else {
                        skipped.append(url.path)
                    }
                }
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return (files, skipped)
    }

    /// The outlet of a file's articles unless they name one: `--outlet`, else the file's folder name.
    public func defaultOutlet(of file: URL) -> String {
        outletOverride ?? file.deletingLastPathComponent().lastPathComponent
    }

    public func read(file: URL) throws -> [RawArticle] {
        let data = try Data(contentsOf: file)
        // Invalid UTF-8 is kept (repaired) so the worker can dead-letter it with a reason instead of losing it.
        let text = String(decoding: data, as: UTF8.self)
        let outlet = outletOverride ?? file.deletingLastPathComponent().lastPathComponent
        return articles(in: text, format: file.pathExtension.lowercased(), origin: file.path, defaultOutlet: outlet)
    }

    /// Articles in one text: a JSON Lines feed, a JSON object or array, an HTML page or plain text.
    public func articles(in text: String, format: String, origin: String, defaultOutlet: String) -> [RawArticle] {
        switch format {
        case "jsonl", "ndjson":
            var result: [RawArticle] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { continue }
                result.append(jsonArticle(trimmed, origin: "\(origin):\(index + 1)", defaultOutlet: defaultOutlet))
            }
            return result
        case "json":
            if case .array(let items)? = try? JSONValue.parse(Array(text.utf8)) {
                return items.enumerated().map { index, item in
                    let encoded = (try? JSONEncoder().encode(item)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    return jsonArticle(encoded, origin: "\(origin)[\(index)]", defaultOutlet: defaultOutlet)
                }
            }
            return [jsonArticle(text, origin: origin, defaultOutlet: defaultOutlet)]
        case "html", "htm":
            return [
                RawArticle(origin: origin, outlet: defaultOutlet, contentType: .html, body: text)
            ]
        default:
            return [RawArticle(origin: origin, outlet: defaultOutlet, contentType: .text, body: text)]
        }
    }

    /// A JSON article keeps its raw text as the body; the worker parses it. Only routing fields are read here.
    public func jsonArticle(_ text: String, origin: String, defaultOutlet: String) -> RawArticle {
        let value = try? JSONValue.parse(Array(text.utf8))
        let outlet = outletOverride ?? value?["outlet"]?.stringValue ?? value?["source"]?.stringValue ?? defaultOutlet
        return RawArticle(
            origin: origin,
            outlet: outlet,
            url: value?["url"]?.stringValue,
            title: value?["title"]?.stringValue,
            publishedAt: value?["published_at"]?.stringValue ?? value?["date"]?.stringValue,
            contentType: .json,
            body: text
        )
    }

    /// The versioned envelope for an article, with a key that depends only on its identity.
    public static func envelope(for article: RawArticle, fetchedAt: Date) -> ArticleEnvelope {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: article.outlet, url: article.url, body: article.body),
            outlet: article.outlet,
            url: article.url,
            fetchedAt: formatter.string(from: fetchedAt),
            contentType: article.contentType,
            title: article.title,
            publishedAt: article.publishedAt,
            body: article.body
        )
    }
}

public struct ReaderError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
