import CLibPQ
import Foundation
import Logging

/// One libpq connection. Not thread-safe: it has exactly one owner, which calls it from one thread at a time
/// (the worker's consumer thread, the health monitor's thread, or a command's main thread). Its calls block, so
/// it is never used from the cooperative pool: async code hands it to a thread of its own.
public final class PostgresConnection {
    private var handle: OpaquePointer?
    public let settings: PostgresSettings
    private let logger: Logger

    private init(handle: OpaquePointer, settings: PostgresSettings, logger: Logger) {
        self.handle = handle
        self.settings = settings
        self.logger = logger
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    public static func connect(_ settings: PostgresSettings, logger: Logger) throws(PostgresError) -> PostgresConnection
    {
        try settings.validate()
        // Later keywords override earlier ones, and the URL's own settings override the defaults before it.
        let keywords = settings.defaults.map(\.key) + ["dbname", "fallback_application_name", "connect_timeout"]
        let values =
            settings.defaults.map(\.value) + [
                settings.url, settings.applicationName, String(settings.connectTimeoutSeconds),
            ]
        let handle: OpaquePointer? = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(.connectionFailed, message: "out of memory creating the connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.cleanMessage(PQerrorMessage(handle))
            PQfinish(handle)  // a failed connection still owns memory
            throw PostgresError(Self.isRefusal(message) ? .configuration : .connectionFailed, message: message)
        }
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        logger.debug("connected to PostgreSQL", metadata: ["database": "\(settings)"])
        return PostgresConnection(handle: handle, settings: settings, logger: logger)
    }

    /// Connects, retrying transient failures with exponential backoff up to `attempts` times.
    public static func connect(
        _ settings: PostgresSettings,
        logger: Logger,
        attempts: Int,
        initialDelay: Duration = .milliseconds(200)
    ) throws(PostgresError) -> PostgresConnection {
        var delay = initialDelay
        for attempt in 1... {
            do {
                return try connect(settings, logger: logger)
            } catch {
                guard error.isTransient, attempt < attempts else { throw error }
                logger.warning(
                    "PostgreSQL not reachable, retrying",
                    metadata: ["error": "\(error)", "attempt": "\(attempt)"]
                )
                Thread.sleep(
                    forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
                )
                delay = min(delay * 2, .seconds(5))
            }
        }
        fatalError("unreachable")
    }

    public var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// A handle that cancels this session's running statement from another thread; nil when closed.
    public func canceller() -> PostgresCanceller? {
        handle.flatMap(PostgresCanceller.init(handle:))
    }

    /// Re-establishes a dropped connection (after a server restart), keeping the same settings.
    public func reset() throws(PostgresError) {
        guard let handle else { throw PostgresError(.connectionLost, message: "connection is closed") }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionFailed, message: Self.cleanMessage(PQerrorMessage(handle)))
        }
        logger.info("reconnected to PostgreSQL", metadata: ["database": "\(settings)"])
    }

    /// Runs one statement with bound parameters and returns its rows. Every parameter goes with its length, so
    /// bytes are never cut at a NUL; a text parameter holding U+0000 (which PostgreSQL text cannot store) is
    /// refused before sending, with SQLSTATE 22021 like the server's own refusal, so callers see one data error.
    /// `binaryResults`: every cell comes in PostgreSQL's binary form (a bytea's bytes as they are, integers as
    /// big-endian bytes, text as its UTF-8), read with `PostgresPackedIntegers` or as text; `decode` expects text.
    @discardableResult
    public func query(_ query: PostgresQuery, binaryResults: Bool = false) throws(PostgresError) -> PostgresResult {
        guard let handle else { throw PostgresError(.connectionLost, message: "connection is closed") }
        for (index, bind) in query.binds.enumerated() {
            if let bind, !bind.isBinary, bind.bytes.contains(0) {
                throw PostgresError(
                    .server,
                    sqlState: "22021",
                    message: "parameter $\(index + 1) contains U+0000, which PostgreSQL text cannot hold"
                )
            }
        }
        let result: OpaquePointer? = withParameterArrays(query.binds) { values, lengths, formats in
            query.types.withUnsafeBufferPointer { types in
                PQexecParams(
                    handle,
                    query.sql,
                    Int32(query.binds.count),
                    types.baseAddress,
                    values,
                    lengths,
                    formats,
                    binaryResults ? 1 : 0
                )
            }
        }
        return try consume(result, handle: handle)
    }

    /// Runs a script of one or more statements without parameters (migrations, DDL).
    public func execute(script: String) throws(PostgresError) {
        guard let handle else { throw PostgresError(.connectionLost, message: "connection is closed") }
        _ = try consume(PQexec(handle, script), handle: handle)
    }

    /// Streams `rows` into `statement`, a `COPY table (columns) FROM STDIN` (text format), in chunks of 1 MB.
    /// Returns the number of rows the server stored. The statement names tables and columns only; every value
    /// travels in `rows`.
    @discardableResult
    public func copy(_ statement: String, rows: PostgresCopyRows) throws(PostgresError) -> Int {
        guard let handle else { throw PostgresError(.connectionLost, message: "connection is closed") }
        guard let start = PQexec(handle, statement) else {
            throw PostgresError(.connectionLost, message: Self.cleanMessage(PQerrorMessage(handle)))
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try consume(start, handle: handle)  // throws the server's error
            throw PostgresError(.unexpectedResult, message: "COPY did not start")
        }
        PQclear(start)
        let chunk = 1 << 20
        var failure: String?
        rows.bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let length = min(chunk, buffer.count - offset)
                let sent = buffer.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length)
                {
                    PQputCopyData(handle, $0, Int32(length))
                }
                guard sent == 1 else {
                    failure = Self.cleanMessage(PQerrorMessage(handle))
                    return
                }
                offset += length
            }
        }
        // On a send failure the COPY is ended with an error, so the server rolls the statement back.
        guard PQputCopyEnd(handle, failure) == 1 else {
            throw PostgresError(.connectionLost, message: Self.cleanMessage(PQerrorMessage(handle)))
        }
        var stored = 0
        var firstError: PostgresError?
        while let result = PQgetResult(handle) {
            do {
                let consumed = try consume(result, handle: handle)
                stored += consumed.affectedRows
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return stored
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(script: "BEGIN")
        do {
            let value = try body()
            try execute(script: "COMMIT")
            return value
        } catch {
            if isConnected { try? execute(script: "ROLLBACK") }
            throw error
        }
    }

    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private func consume(_ result: OpaquePointer?, handle: OpaquePointer) throws(PostgresError) -> PostgresResult {
        guard let result else {
            throw PostgresError(
                PQstatus(handle) == CONNECTION_OK ? .server : .connectionLost,
                message: Self.cleanMessage(PQerrorMessage(handle))
            )
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(copying: result)
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let detail = PQresultErrorField(result, Int32(UInt8(ascii: "D"))).map { String(cString: $0) }
            let lost = PQstatus(handle) != CONNECTION_OK
            throw PostgresError(
                lost ? .connectionLost : .server,
                sqlState: sqlState,
                message: primary ?? Self.cleanMessage(PQerrorMessage(handle)),
                detail: detail
            )
        }
    }

    /// libpq gives no SQLSTATE for a failed connection, only the server's message: these (in PostgreSQL's default
    /// English messages) mean the server answered and refused these settings, which waiting will not change.
    static func isRefusal(_ message: String) -> Bool {
        [
            "password authentication failed", "no password supplied", "does not exist", "no pg_hba.conf entry",
            "authentication failed", "invalid connection option", "not permitted to log in",
        ].contains { message.contains($0) }
    }

    private static func cleanMessage(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown error" }
        let text = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown error" : text.replacingOccurrences(of: "\n", with: "; ")
    }
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStringArray(strings.map { Optional($0) }) { pointers in
        body(pointers!)
    }
}

/// Parameter values laid out in one buffer (each NUL-terminated, as libpq reads text parameters), with their
/// lengths and formats; every pointer is valid only inside `body`.
private func withParameterArrays<R>(
    _ binds: [PostgresBind?],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
) -> R {
    var storage: [UInt8] = []
    storage.reserveCapacity(binds.reduce(0) { $0 + ($1?.bytes.count ?? 0) + 1 })
    var starts: [Int?] = []
    for bind in binds {
        guard let bind else {
            starts.append(nil)
            continue
        }
        starts.append(storage.count)
        storage.append(contentsOf: bind.bytes)
        storage.append(0)
    }
    let lengths = binds.map { Int32($0?.bytes.count ?? 0) }
    let formats = binds.map { Int32($0?.isBinary == true ? 1 : 0) }
    return storage.withUnsafeBufferPointer { buffer in
        let base = UnsafeRawPointer(buffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
        var pointers: [UnsafePointer<CChar>?] = starts.map { start in
            start.flatMap { offset in base.map { $0 + offset } }
        }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { values in
            lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}

private func withOptionalCStringArray<R>(
    _ strings: [String?],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
) -> R {
    // strdup'd copies freed on exit: the pointers never outlive this call.
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer {
        for copy in copies { free(copy) }
    }
    var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
