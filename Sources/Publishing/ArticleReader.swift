import Foundation
import IngestCore

/// Turns files, folders and stdin into raw articles. Folders are searched recursively in sorted order, so the
/// same folder always publishes the same sequence.
public struct ArticleReader {
    public static let extensions: Set<String> = ["txt", "text", "html", "htm", "json", "jsonl", "ndjson"]

    public var outletOverride: String?
    /// The encoding of every input (`--encoding`); nil: UTF-8, or the charset each input declares.
    public var encoding: TextEncoding?

    public init(outletOverride: String?, encoding: TextEncoding? = nil) {
        self.outletOverride = outletOverride
        self.encoding = encoding
    }

    /// Files under `paths`, expanded and sorted; unsupported files are returned separately. Folders are walked with
    /// `readdir` and `lstat` (symbolic links are neither followed nor read): one system call per entry, no URL or
    /// attribute dictionary per file, which cost the producer more CPU than reading the files.
    public func expand(_ paths: [String]) throws -> (files: [InputFile], skipped: [String]) {
        var files: [InputFile] = []
        var skipped: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw ReaderError(message: "no such file or folder: \(path)")
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var found: [InputFile] = []
                let root = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                try walk(root, into: &found, skipped: &skipped)
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(InputFile(path: path, size: Int(info.st_size)))
            }
        }
        return (files, skipped)
    }

    /// The regular files under `folder` with a supported extension, except hidden files and READMEs.
    private func walk(_ folder: String, into found: inout [InputFile], skipped: inout [String]) throws {
        guard let directory = opendir(folder) else {
            throw ReaderError(message: "cannot read folder \(folder): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            let path = folder == "/" ? "/" + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(path, into: &found, skipped: &skipped)
            case S_IFREG:
                if name.hasPrefix(".") || name.lowercased() == "readme.md" { continue }
                let file = InputFile(path: path, size: Int(info.st_size))
                if Self.extensions.contains(file.format) { found.append(file) } else { skipped.append(path) }
            default:
                continue
            }
        }
    }

    /// The outlet of a file's articles unless they name one: `--outlet`, else the file's folder name.
    public func defaultOutlet(of file: InputFile) -> String {
        outletOverride ?? file.folderName
    }

    public func read(file: InputFile) throws -> [RawArticle] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file.path, isDirectory: false)))
        return articles(in: bytes, format: file.format, origin: file.path, defaultOutlet: defaultOutlet(of: file))
    }

    /// Articles in raw bytes: decoded to text first (``BodyDecoder``: `--encoding`, UTF-8, or the declared charset);
    /// JSON Lines line by line, so one badly encoded line does not take the others with it.
    public func articles(in bytes: [UInt8], format: String, origin: String, defaultOutlet: String) -> [RawArticle] {
        if format == "jsonl" || format == "ndjson" {
            var result: [RawArticle] = []
            for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .enumerated()
            {
                if let article = jsonLine(Array(line), origin: "\(origin):\(index + 1)", defaultOutlet: defaultOutlet) {
                    result.append(article)
                }
            }
            return result
        }
        let contentType = Self.contentType(of: format)
        switch BodyDecoder.decode(bytes, contentType: contentType, override: encoding) {
        case .success(let decoded):
            return articles(in: decoded.text, format: format, origin: origin, defaultOutlet: defaultOutlet)
        case .failure(let error):
            return [undecodable(bytes, contentType: contentType, origin: origin, outlet: defaultOutlet, error: error)]
        }
    }

    /// One line of a JSON Lines feed as an article; nil for a blank line.
    public func jsonLine(_ bytes: [UInt8], origin: String, defaultOutlet: String) -> RawArticle? {
        switch BodyDecoder.decode(bytes, contentType: .json, override: encoding) {
        case .success(let decoded):
            let trimmed = decoded.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : jsonArticle(trimmed, origin: origin, defaultOutlet: defaultOutlet)
        case .failure(let error):
            return undecodable(bytes, contentType: .json, origin: origin, outlet: defaultOutlet, error: error)
        }
    }

    private func undecodable(
        _ bytes: [UInt8],
        contentType: ContentType,
        origin: String,
        outlet: String,
        error: IngestError
    ) -> RawArticle {
        var article = RawArticle(
            origin: origin,
            outlet: outletOverride ?? outlet,
            contentType: contentType,
            body: String(decoding: bytes, as: UTF8.self)
        )
        article.undecodedBytes = bytes
        article.decodingProblem = error.description
        return article
    }

    static func contentType(of format: String) -> ContentType {
        switch format {
        case "json", "jsonl", "ndjson": return .json
        case "html", "htm": return .html
        default: return .text
        }
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
        envelope(for: article, fetchedAt: fetchedAtText(fetchedAt))
    }

    /// ``envelope(for:fetchedAt:)`` with the time already formatted (``fetchedAtText(_:)``).
    public static func envelope(for article: RawArticle, fetchedAt: String) -> ArticleEnvelope {
        ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: article.outlet, url: article.url, body: article.body),
            outlet: article.outlet,
            url: article.url,
            fetchedAt: fetchedAt,
            contentType: article.contentType,
            title: article.title,
            publishedAt: article.publishedAt,
            body: article.body
        )
    }

    /// An envelope's `fetched_at`: RFC 3339 in UTC with milliseconds.
    public static func fetchedAtText(_ time: Date) -> String {
        fetchedAtFormatter().string(from: time)
    }

    /// The formatter of ``fetchedAtText(_:)``, for a caller that formats many times.
    static func fetchedAtFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
