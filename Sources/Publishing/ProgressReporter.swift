import Foundation

/// The producer's progress on stderr: a bar redrawn in place on a terminal, or a plain line every `interval`
/// otherwise (logs, CI, pipes). Percentage and ETA come from bytes read out of the known total (files); from stdin
/// the total is unknown, so only the count and rate are shown.
public final class ProgressReporter {
    public enum Mode: String, Sendable, CaseIterable {
        case bar
        case lines
        case off
    }

    public struct Snapshot: Sendable, Equatable {
        public var articles: Int
        public var failed: Int
        public var bytesRead: Int
        public var totalBytes: Int?
        public var elapsed: Duration

        var seconds: Double { max(elapsed.secondsValue, 1e-6) }
        var fraction: Double? {
            guard let totalBytes, totalBytes > 0 else { return nil }
            return min(1, Double(bytesRead) / Double(totalBytes))
        }
        var rate: Double { Double(articles) / seconds }
        /// Seconds left at the byte rate so far; nil until there is a rate to go by.
        var eta: Double? {
            guard let totalBytes, bytesRead > 0, elapsed > .milliseconds(200) else { return nil }
            return Double(totalBytes - bytesRead) / (Double(bytesRead) / seconds)
        }
    }

    let mode: Mode
    let interval: Duration
    let write: (String) -> Void
    private var lastShown: ContinuousClock.Instant?
    private var lastWidth = 0
    private var lastLine = ""

    public init(mode: Mode, interval: Duration, write: @escaping (String) -> Void) {
        self.mode = mode
        self.interval = interval
        self.write = write
    }

    /// Shows `snapshot` unless the last one was shown less than `interval` (lines) or 0.1 s (bar) ago.
    public func update(_ snapshot: Snapshot, now: ContinuousClock.Instant = .now) {
        let wait = mode == .bar ? .milliseconds(100) : interval
        if let lastShown, now - lastShown < wait { return }
        lastShown = now
        show(snapshot)
    }

    /// The final state, always shown; the bar's line is ended.
    public func finish(_ snapshot: Snapshot) {
        show(snapshot)
        if mode == .bar { write("\n") }
    }

    private func show(_ snapshot: Snapshot) {
        switch mode {
        case .off: return
        case .lines:
            let line = Self.line(snapshot)
            if line != lastLine { write(line + "\n") }
            lastLine = line
        case .bar:
            let text = Self.bar(snapshot)
            // Blank out what is left of a longer previous line.
            write("\r" + text + String(repeating: " ", count: max(0, lastWidth - text.count)))
            lastWidth = text.count
        }
    }

    /// `progress: 1,200 articles (42%, 4.2 MB of 10.0 MB), 840 articles/s, ETA 7s`
    public static func line(_ snapshot: Snapshot) -> String {
        var text = "progress: \(grouped(snapshot.articles)) articles"
        if let fraction = snapshot.fraction, let total = snapshot.totalBytes {
            text += " (\(Int(fraction * 100))%, \(size(snapshot.bytesRead)) of \(size(total)))"
        } else {
            text += " (\(size(snapshot.bytesRead)) read)"
        }
        text += ", \(grouped(Int(snapshot.rate.rounded()))) articles/s"
        if let eta = snapshot.eta { text += ", ETA \(duration(eta))" }
        if snapshot.failed > 0 { text += ", \(grouped(snapshot.failed)) not acknowledged" }
        return text
    }

    /// `[#########-----------]  42%  1,200 articles  840/s  4.2 MB/10.0 MB  ETA 0:07`
    public static func bar(_ snapshot: Snapshot, width: Int = 24) -> String {
        var text: String
        if let fraction = snapshot.fraction {
            let filled = Int((fraction * Double(width)).rounded(.down))
            text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            text += String(format: "%3d%%", Int(fraction * 100))
        } else {
            text = "[sending]"
        }
        text += "  \(grouped(snapshot.articles)) articles  \(grouped(Int(snapshot.rate.rounded())))/s"
        if let total = snapshot.totalBytes {
            text += "  \(size(snapshot.bytesRead))/\(size(total))"
        } else {
            text += "  \(size(snapshot.bytesRead))"
        }
        if let eta = snapshot.eta { text += "  ETA \(clock(eta))" }
        if snapshot.failed > 0 { text += "  \(grouped(snapshot.failed)) failed" }
        return text
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// `812 B`, `48.2 KB`, `3.1 MB`, `1.2 GB` (powers of 1024).
    static func size(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["B", "KB", "MB"] {
            if value < 1024 { return unit == "B" ? "\(bytes) B" : String(format: "%.1f %@", value, unit) }
            value /= 1024
        }
        return String(format: "%.1f GB", value)
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m\(String(format: "%02d", whole % 60))s"
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
