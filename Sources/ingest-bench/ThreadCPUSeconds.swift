import Foundation

/// CPU time of the calling thread, in seconds: the benchmarks' figures are per core, and other processes on a
/// shared machine do not count.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
