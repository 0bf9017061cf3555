// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "NewsIngest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ingest-producer", targets: ["ingest-producer"]),
        .executable(name: "ingest-worker", targets: ["ingest-worker"]),
        .executable(name: "ingestctl", targets: ["ingestctl"]),
        .executable(name: "ingest-bench", targets: ["ingest-bench"]),
        .executable(name: "ingest-eval", targets: ["ingest-eval"]),
        .library(name: "IngestCore", targets: ["IngestCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // C system libraries, found through pkg-config.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // The pure pipeline: parsing, fingerprints, claims. No I/O.
        .target(
            name: "IngestCore",
            dependencies: ["CLibXML2", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Dedup/README.md"]
        ),

        // Runs blocking work off the cooperative thread pool for async callers (the integration tests); the
        // worker's long-running loops have threads of their own.
        .target(name: "Blocking"),

        // Kafka's plain value types (a topic partition), shared by the Kafka module and the store, which must not
        // link librdkafka.
        .target(name: "KafkaModel"),

        // Owners of the C handles. The only modules that import CRdKafka and CLibPQ.
        .target(
            name: "Kafka",
            dependencies: ["CRdKafka", "KafkaModel", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),

        // SQL and schema access.
        .target(
            name: "IngestStore",
            dependencies: ["Postgres", "IngestCore", "KafkaModel", .product(name: "Logging", package: "swift-log")]
        ),

        // Flags with environment fallbacks and the logging bootstrap, shared by the executables.
        .target(
            name: "IngestConfig",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Prometheus registry and the small HTTP server for /metrics, /healthz and /readyz.
        .target(
            name: "Observability",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Wiring: consumer group → pipeline → store.
        .target(
            name: "Worker",
            dependencies: [
                "Kafka", "KafkaModel", "Postgres", "IngestStore", "IngestCore", "IngestConfig", "Observability",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "Publishing",
            dependencies: [
                "Kafka", "IngestCore", "IngestConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "IngestControl",
            dependencies: [
                "Kafka", "Postgres", "IngestStore", "IngestCore", "IngestConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Quality evaluations (dedup on a labelled corpus, claims on PolNeAR and MRPC) and their metrics.
        .target(name: "IngestEval", dependencies: ["IngestCore"]),

        // Thin executables.
        .executableTarget(name: "ingest-producer", dependencies: ["Publishing", "IngestConfig"]),
        .executableTarget(name: "ingest-worker", dependencies: ["Worker", "IngestConfig"]),
        .executableTarget(name: "ingestctl", dependencies: ["IngestControl", "IngestConfig"]),
        .executableTarget(
            name: "ingest-bench",
            dependencies: [
                "IngestCore", "IngestEval", "IngestStore", "Postgres", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "ingest-eval", dependencies: ["IngestEval"]),

        .testTarget(
            name: "IngestCoreTests",
            dependencies: ["IngestCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "UnitTests",
            dependencies: [
                "Kafka", "KafkaModel", "Postgres", "IngestStore", "Worker", "Publishing", "IngestConfig",
                "IngestControl", "IngestCore", "IngestEval", "Observability",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Kafka", "KafkaModel", "Postgres", "IngestStore", "Worker", "Publishing", "IngestControl", "IngestCore",
                "Blocking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)
