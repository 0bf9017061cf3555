import Foundation
import Testing

/// The harness's child processes: an exit is seen when it happens, whoever else holds the child's descriptors.
@Suite struct ChildProcessTests {
    /// A grandchild that outlives its parent keeps every descriptor the parent had (as a postmaster started by
    /// pg_ctl does). Foundation's Process reported such a parent as running until the grandchild ended.
    @Test func anExitIsSeenWhileAGrandchildStillHoldsTheDescriptors() throws {
        let marker = "childprocess-\(UUID().uuidString.prefix(8))"
        let child = try ChildProcess(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "exec -a \(marker) sleep 20 & echo started; exit 3"]
        )
        defer {
            _ = try? ChildProcess(URL(fileURLWithPath: "/usr/bin/pkill"), ["-f", marker]).wait(timeout: .seconds(5))
        }
        #expect(child.wait(timeout: .seconds(10)) == 3, "\(child.output)")
        #expect(!child.isRunning)
        #expect(child.output.contains("started"))
    }

    @Test func aSignalledChildReportsTheSignal() throws {
        let child = try ChildProcess(URL(fileURLWithPath: "/bin/sleep"), ["20"])
        #expect(child.isRunning)
        child.kill(SIGTERM)
        #expect(child.wait(timeout: .seconds(10)) == SIGTERM)
    }
}
