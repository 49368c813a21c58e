// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Daiyun",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "daiyun", targets: ["daiyun"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        // The SQLite bulk writer reads the connection handle SQLiteNIO keeps internal (`SQLiteDirect`).
        .package(url: "https://github.com/vapor/sqlite-nio.git", .upToNextMinor(from: "1.13.2")),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // The domain: value types and rules. Foundation only.
        .target(name: "DaiyunCore"),
        // Hashing, random secrets and sealing, from swift-crypto.
        .target(
            name: "DaiyunCrypto",
            dependencies: ["DaiyunCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "DaiyunPersistence",
            dependencies: [
                "DaiyunCore",
                "DaiyunCrypto",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]
        ),
        .target(
            name: "DaiyunSimulation",
            dependencies: ["DaiyunCore"]
        ),
        // The channels' protocols and file formats: signing, paging, payloads, export files. No database.
        .target(
            name: "DaiyunChannels",
            dependencies: [
                "DaiyunCore",
                "DaiyunCrypto",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The job system: the runner, its heartbeat and failover, the registry of kinds and planners.
        .target(
            name: "DaiyunJobs",
            dependencies: ["DaiyunCore", "DaiyunPersistence"]
        ),
        // What moves data between the channels and the database: imports, sync, stock push, shipping.
        .target(
            name: "DaiyunIntegration",
            dependencies: ["DaiyunCore", "DaiyunCrypto", "DaiyunPersistence", "DaiyunChannels", "DaiyunJobs"]
        ),
        .target(
            name: "DaiyunSandbox",
            dependencies: [
                "DaiyunCore",
                "DaiyunCrypto",
                "DaiyunChannels",
                "DaiyunSimulation",
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .target(
            name: "DaiyunWeb",
            dependencies: [
                "DaiyunCore",
                "DaiyunCrypto",
                "DaiyunPersistence",
                "DaiyunChannels",
                "DaiyunIntegration",
                "DaiyunJobs",
                "DaiyunSimulation",
                "DaiyunSandbox",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Fixtures, the test databases and the sandbox harness; links no web code.
        .target(
            name: "DaiyunTestSupport",
            dependencies: ["DaiyunCore", "DaiyunPersistence", "DaiyunChannels", "DaiyunSandbox"],
            resources: [.copy("Fixtures")]
        ),
        // The configured web app on a test database, and HTTP helpers.
        .target(
            name: "DaiyunWebTestSupport",
            dependencies: ["DaiyunTestSupport", "DaiyunWeb", .product(name: "VaporTesting", package: "vapor")]
        ),
        .executableTarget(
            name: "daiyun",
            dependencies: [
                "DaiyunCore",
                "DaiyunCrypto",
                "DaiyunPersistence",
                "DaiyunWeb",
                "DaiyunChannels",
                "DaiyunIntegration",
                "DaiyunJobs",
                "DaiyunSimulation",
                "DaiyunSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DaiyunCoreTests", dependencies: ["DaiyunCore", "DaiyunCrypto", "DaiyunSimulation"]),
        .testTarget(name: "DaiyunCryptoTests", dependencies: ["DaiyunCrypto"]),
        .testTarget(
            name: "DaiyunPersistenceTests",
            dependencies: ["DaiyunPersistence", "DaiyunTestSupport"]
        ),
        .testTarget(name: "DaiyunChannelsTests", dependencies: ["DaiyunChannels", "DaiyunTestSupport"]),
        .testTarget(name: "DaiyunJobsTests", dependencies: ["DaiyunJobs", "DaiyunPersistence", "DaiyunTestSupport"]),
        .testTarget(
            name: "DaiyunIntegrationTests",
            dependencies: ["DaiyunIntegration", "DaiyunJobs", "DaiyunChannels", "DaiyunTestSupport", "DaiyunSandbox", "DaiyunSimulation"]
        ),
        .testTarget(
            name: "DaiyunSandboxTests",
            dependencies: ["DaiyunSandbox", "DaiyunChannels", "DaiyunSimulation", .product(name: "Vapor", package: "vapor")]
        ),
        .testTarget(
            name: "DaiyunWebTests",
            dependencies: [
                "DaiyunWeb", "DaiyunWebTestSupport", "DaiyunTestSupport", "DaiyunChannels", "DaiyunIntegration", "DaiyunJobs",
                "DaiyunSandbox",
                "DaiyunSimulation", .product(name: "VaporTesting", package: "vapor"), .product(name: "Yams", package: "Yams"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
