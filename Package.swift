// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hocai",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hocai", targets: ["hocai"]),
        .library(name: "HocAI", targets: ["HocAI"]),
        .library(name: "PostgresLibPQ", targets: ["PostgresLibPQ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    ],
    targets: [
        // C shim: the system's libpq, found through pkg-config.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // A small PostgreSQL client over libpq; knows nothing of the domain.
        .target(
            name: "PostgresLibPQ",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Domain and services: identities, rosters, certificates, targets, reports.
        .target(
            name: "HocAI",
            dependencies: [
                "PostgresLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command-line tool: parses, calls the library, prints.
        .executableTarget(
            name: "hocai",
            dependencies: [
                "HocAI",
                "PostgresLibPQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Shared set-up for the database tests: a fresh database per test.
        .target(
            name: "HocAITestSupport",
            dependencies: [
                "HocAI",
                "PostgresLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/HocAITestSupport"
        ),
        // Pure tests: no database needed.
        .testTarget(
            name: "HocAITests",
            dependencies: ["HocAI", "PostgresLibPQ"]
        ),
        // Against a real PostgreSQL (scripts/test starts one).
        .testTarget(
            name: "PostgresLibPQTests",
            dependencies: ["PostgresLibPQ", "HocAITestSupport"]
        ),
        .testTarget(
            name: "HocAIDatabaseTests",
            dependencies: ["HocAI", "PostgresLibPQ", "HocAITestSupport"]
        ),
    ]
)
