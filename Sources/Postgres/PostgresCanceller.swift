import CLibPQ

/// Asks the server to cancel the statement a connection is running, from any thread (`PQcancel`), so a stop does not
/// wait out a statement blocked on a lock. Made by the connection's owning thread (`PostgresConnection.canceller`);
/// it targets that server session, so after a reconnect it cancels nothing.
public final class PostgresCanceller: @unchecked Sendable {
    // @unchecked: PQcancel may be called from any thread; the object is immutable until freed in deinit.
    private let cancel: OpaquePointer

    init?(handle: OpaquePointer) {
        guard let cancel = PQgetCancel(handle) else { return nil }
        self.cancel = cancel
    }

    deinit { PQfreeCancel(cancel) }

    /// Sends the cancel request: the running statement, if any, fails with SQLSTATE 57014 (a session that is idle
    /// ignores it). Returns whether the request reached the server.
    @discardableResult
    public func cancelRunningStatement() -> Bool {
        var message = [CChar](repeating: 0, count: 256)
        return message.withUnsafeMutableBufferPointer { PQcancel(cancel, $0.baseAddress, Int32($0.count)) } == 1
    }
}
