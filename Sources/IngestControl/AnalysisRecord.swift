import Foundation
import IngestCore

/// One analysed input, as `ingestctl analyze --format json` prints it (one compact object per line).
public struct AnalysisRecord: Sendable, Codable {
    public struct Failure: Sendable, Codable, Hashable {
        /// ``IngestError/errorClass``.
        public var errorClass: String
        public var message: String

        enum CodingKeys: String, CodingKey {
            case errorClass = "class"
            case message
        }

        public init(_ error: IngestError) {
            errorClass = error.errorClass
            message = error.description
        }
    }

    /// File name, `file:line` for JSON Lines, or `-` for standard input.
    public var source: String
    public var result: ProcessedArticle?
    public var error: Failure?

    public init(source: String, result: ProcessedArticle) {
        self.source = source
        self.result = result
        self.error = nil
    }

    public init(source: String, error: IngestError) {
        self.source = source
        self.result = nil
        self.error = Failure(error)
    }

    /// Runs the pipeline and captures either outcome.
    public init(source: String, envelope: ArticleEnvelope, pipeline: Pipeline) {
        do {
            self.init(source: source, result: try pipeline.process(envelope))
        } catch {
            self.init(source: source, error: error)
        }
    }

    /// Compact JSON with sorted keys, on one line.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values of strings, numbers and arrays cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
