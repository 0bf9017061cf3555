import Foundation

/// A child process whose output goes to a log file, killed when the test is done with it.
///
/// Spawned and reaped here with posix_spawn and waitpid rather than Foundation's `Process`: on Linux that learns of
/// an exit only when a socket its child inherited reaches end of file, so a process spawned at the same moment
/// (another test's worker, or a postmaster restarted by pg_ctl) that inherits the socket hides the exit for as long
/// as it lives. A CI run saw a producer that had finished reported as running for 60 s that way.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `status` is only read and written under `lock`.

    /// Writing to the stdin of a child that has exited must fail that test (EPIPE), not kill the whole test
    /// process with SIGPIPE and every other test with it.
    static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    let pid: pid_t
    let logURL: URL
    private let lock = NSLock()
    private var status: Int32?

    /// Runs `executable` with the test process's environment plus `environment`. Its stdin is `stdin`'s read end,
    /// or /dev/null; the test process's other descriptors open now are closed in the child (one opened by another
    /// thread meanwhile may still leak, which is why exits are learnt from waitpid).
    init(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdin: Pipe? = nil
    ) throws {
        Self.ignoreBrokenPipes
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(executable.lastPathComponent)-\(UUID()).log"
        )
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.fileHandleForReading.fileDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, logURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        // Its own process group, as Foundation's Process does: a ^C in the terminal reaches the tests only.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default signal handling and an empty mask: the test process ignores SIGPIPE and may block or ignore
        // others, which a child would otherwise inherit (a SIGTERM sent to it would then do nothing).
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        )

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SetupError("cannot run \(executable.path): errno \(spawned)") }
        self.pid = pid
        // The child holds the read end now; the test writes to the other.
        if let stdin { try? stdin.fileHandleForReading.close() }
    }

    /// The test process's open descriptors (glibc's closefrom action is not visible to Swift).
    static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }

    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Whether the child has not exited yet (it is reaped as soon as it has).
    var isRunning: Bool { exitStatus(blocking: false) == nil }

    func kill(_ signal: Int32) {
        if isRunning { Foundation.kill(pid, signal) }
    }

    /// Waits for exit up to `timeout`; returns the exit code (or the signal that ended it), or nil if it is still
    /// running.
    func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return exitStatus(blocking: false)
    }

    /// The exit code, or the number of the signal that ended the child, once it has exited.
    private func exitStatus(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if status == nil {
            var raw: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &raw, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
            if result == pid {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : signal
            } else if result < 0 {
                status = -1  // not our child any more (ECHILD): nothing left to wait for
            }
        }
        return status
    }

    deinit {
        kill(SIGKILL)
        _ = exitStatus(blocking: true)
        try? FileManager.default.removeItem(at: logURL)
    }
}
