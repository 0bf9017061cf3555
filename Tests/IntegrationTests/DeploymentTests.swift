import Foundation
import Testing

/// The deployment files, checked without a Docker engine: `Scripts/validate-compose.py` for the compose file and
/// the Kubernetes manifests, and the Dockerfile's structure here.
@Suite struct DeploymentTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func composeFileIsValid() throws {
        let run = try Self.validate()
        #expect(run.status == 0, "validate-compose.py failed:\n\(run.output)")
        #expect(run.output.contains("validate-compose: OK"))
    }

    @Test func unknownTopLevelKeyFailsTheSchema() throws {
        let compose = try Self.composeText() + "\nnot_a_compose_key:\n  enabled: true\n"
        let run = try Self.validate(composeText: compose)
        #expect(run.status == 1, "a broken file passed:\n\(run.output)")
        #expect(run.output.contains("'not_a_compose_key' does not match"), "\(run.output)")
    }

    @Test func nonNumericReplicasFail() throws {
        let original = try Self.composeText()
        // The schema allows strings here (for ${VAR}), so only the semantic check can catch this.
        #expect(original.contains("replicas: 3\n"))
        let run = try Self.validate(
            composeText: original.replacingOccurrences(of: "replicas: 3\n", with: "replicas: \"three\"\n")
        )
        #expect(run.status == 1, "a broken file passed:\n\(run.output)")
        #expect(
            run.output.contains("services.worker.deploy.replicas: must be a whole number, got 'three'"),
            "\(run.output)"
        )
    }

    @Test func unescapedShellVariableFails() throws {
        let original = try Self.composeText()
        #expect(original.contains("$$topics"))
        // Compose would substitute an empty string for $topics and kafka-init would run nothing.
        let run = try Self.validate(composeText: original.replacingOccurrences(of: "$$topics", with: "$topics"))
        #expect(run.status == 1, "a broken file passed:\n\(run.output)")
        #expect(run.output.contains("variable topics is not set"), "\(run.output)")
    }

    @Test func workerWithoutAHealthcheckFails() throws {
        let original = try Self.composeText()
        let start = try #require(original.range(of: "    healthcheck:\n      test:\n        - CMD\n        - bash"))
        let end = try #require(
            original.range(of: "      start_period: 30s\n", range: start.upperBound..<original.endIndex)
        )
        let run = try Self.validate(
            composeText: original.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
        )
        #expect(run.status == 1, "a broken file passed:\n\(run.output)")
        #expect(run.output.contains("services.worker.healthcheck: must ask /readyz or /healthz on METRICS_PORT (9090)"))
    }

    @Test func kubernetesSecretInAnArgumentOrAMissingProbeFails() throws {
        let deployment = try String(
            contentsOf: Self.root.appending(path: "Deploy/kubernetes/worker-deployment.yaml"),
            encoding: .utf8
        )
        #expect(deployment.contains("          command: [\"ingest-worker\"]\n"))
        let withArgument = deployment.replacingOccurrences(
            of: "          command: [\"ingest-worker\"]\n",
            with:
                "          command: [\"ingest-worker\"]\n          args: [--kafka-config, sasl.password=$(KAFKA_PASSWORD)]\n"
        )
        let run = try Self.validate(kubernetes: ["worker-deployment.yaml": withArgument])
        #expect(run.status == 1, "a broken manifest passed:\n\(run.output)")
        #expect(run.output.contains("a secret in a command-line argument: sasl.password=..."), "\(run.output)")

        #expect(deployment.contains("path: /readyz"))
        let withoutReadiness = deployment.replacingOccurrences(of: "path: /readyz", with: "path: /healthz")
        let probeRun = try Self.validate(kubernetes: ["worker-deployment.yaml": withoutReadiness])
        #expect(probeRun.status == 1, "a broken manifest passed:\n\(probeRun.output)")
        #expect(
            probeRun.output.contains("readinessProbe must GET /readyz on METRICS_PORT (9090)"),
            "\(probeRun.output)"
        )
    }

    @Test func dockerfileIsMultiStageWithNonRootRuntime() throws {
        let text = try String(contentsOf: Self.root.appending(path: "Deploy/Dockerfile"), encoding: .utf8)
        let stages = DockerfileStages(text)
        #expect(stages.count >= 2, "expected a build stage and a runtime stage")
        let build = try #require(stages.first)
        let runtime = try #require(stages.last)

        #expect(build.from.hasPrefix("swift:"), "build stage is \(build.from)")
        #expect(build.runs.contains { $0.contains("swift build") && $0.contains("--static-swift-stdlib") })
        #expect(runtime.from.hasPrefix("debian:bookworm"), "runtime stage is \(runtime.from)")
        #expect(runtime.instructions.contains { $0.keyword == "COPY" && $0.argument.contains("--from=build") })

        let installed = runtime.runs.filter { $0.contains("apt-get") && $0.contains("install") }.joined(separator: " ")
        for package in ["librdkafka1", "libpq5", "libxml2", "ca-certificates"] {
            #expect(installed.split(separator: " ").contains(Substring(package)), "runtime does not install \(package)")
        }
        // Headers and compilers belong to the build stage only.
        #expect(!installed.contains("-dev"), "runtime installs development packages: \(installed)")

        let user = try #require(runtime.instructions.last { $0.keyword == "USER" }, "runtime has no USER")
        let name = user.argument.split(separator: ":").first.map(String.init) ?? ""
        #expect(!["", "root", "0"].contains(name), "runtime runs as \(user.argument)")
        let userIndex = try #require(runtime.instructions.lastIndex { $0.keyword == "USER" })
        let laterRuns = runtime.instructions[userIndex...].filter { $0.keyword == "RUN" }
        #expect(laterRuns.isEmpty, "RUN after USER: the image would be finished as a different user")
        #expect(runtime.instructions.last?.keyword == "CMD")
    }

    // MARK: - Helpers

    struct Run {
        var status: Int32
        var output: String
    }

    static func composeText() throws -> String {
        try String(contentsOf: root.appending(path: "docker-compose.yml"), encoding: .utf8)
    }

    /// Runs the validator, on the repository's compose file or on `composeText` written to a temporary file.
    /// `kubernetes`: manifests replacing the repository's (by file name) in a copy of `Deploy/kubernetes`.
    static func validate(composeText: String? = nil, kubernetes: [String: String] = [:]) throws -> Run {
        var arguments = ["python3", root.appending(path: "Scripts/validate-compose.py").path]
        var temporary: URL?
        var manifests: URL?
        if !kubernetes.isEmpty {
            let directory = FileManager.default.temporaryDirectory.appending(path: "deploy-k8s-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: root.appending(path: "Deploy/kubernetes"), to: directory)
            for (name, text) in kubernetes {
                try text.write(to: directory.appending(path: name), atomically: true, encoding: .utf8)
            }
            manifests = directory
            arguments += ["--kubernetes-dir", directory.path]
        }
        defer { if let manifests { try? FileManager.default.removeItem(at: manifests) } }
        if let composeText {
            let directory = FileManager.default.temporaryDirectory.appending(path: "deploy-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appending(path: "docker-compose.yml")
            try composeText.write(to: file, atomically: true, encoding: .utf8)
            temporary = directory
            // Relative paths (build context, ./Examples) still resolve against the repository.
            arguments += ["--file", file.path, "--project-dir", root.path]
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        let child = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["-C", root.path] + arguments)
        // nil: still running after the limit (a hang); the output so far says where.
        let status = child.wait(timeout: .seconds(300)) ?? -1
        return Run(status: status, output: child.output)
    }
}

/// A Dockerfile split into stages of (keyword, argument) instructions, continuation lines joined.
struct DockerfileStages {
    struct Instruction {
        var keyword: String
        var argument: String
    }

    struct Stage {
        var from: String
        var instructions: [Instruction]
        var runs: [String] { instructions.filter { $0.keyword == "RUN" }.map(\.argument) }
    }

    var stages: [Stage] = []
    var count: Int { stages.count }
    var first: Stage? { stages.first }
    var last: Stage? { stages.last }

    init(_ text: String) {
        var pending = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || (pending.isEmpty && line.isEmpty) { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let logical = pending + line
            pending = ""
            let parts = logical.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first?.uppercased() else { continue }
            let argument = parts.count > 1 ? String(parts[1]) : ""
            if keyword == "FROM" {
                stages.append(Stage(from: String(argument.split(separator: " ").first ?? ""), instructions: []))
            }
            if !stages.isEmpty {
                stages[stages.count - 1].instructions.append(Instruction(keyword: keyword, argument: argument))
            }
        }
    }
}
