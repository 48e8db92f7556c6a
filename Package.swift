// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hocai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hocai", targets: ["hocai"]),
        .library(name: "HocAI", targets: ["HocAI"]),
        .library(name: "PostgresLibPQ", targets: ["PostgresLibPQ"]),
        .library(name: "HocAIServer", targets: ["HocAIServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        // Browsers send files as multipart/form-data: its streaming parser, so that a roster
        // goes to disk as it arrives.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        // Excel workbooks (.xlsx) are zips: read part by part, streaming, and written.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        // What operators watch: GET /metrics in Prometheus's text format.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
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
        // Domain and services: identities, rosters, certificates, targets, reports, accounts.
        .target(
            name: "HocAI",
            dependencies: [
                "PostgresLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // How passwords are hashed (bcrypt), apart from the domain: the command line and the
        // server hand it to the library (`PasswordHashing`).
        .target(
            name: "HocAIPasswords",
            dependencies: [
                "HocAI",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The HTTP service (`hocai serve`): parses requests, calls HocAI, encodes answers.
        .target(
            name: "HocAIServer",
            dependencies: [
                "HocAI",
                "HocAIPasswords",
                "PostgresLibPQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The command-line tool: parses, calls the library, prints.
        .executableTarget(
            name: "hocai",
            dependencies: [
                "HocAI",
                "HocAIPasswords",
                "HocAIServer",
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
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
                // Its HTTP client talks to chromedriver (WebDriver.swift).
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/HocAITestSupport"
        ),
        // Tests that need no database (the QR tests drive zbarimg).
        .testTarget(
            name: "HocAITests",
            dependencies: ["HocAI", "PostgresLibPQ", "HocAITestSupport"]
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
        // The server, in process (`app.test(.router)`) and on a real socket (`.live`).
        .testTarget(
            name: "HocAIServerTests",
            dependencies: [
                "HocAIServer", "HocAI", "HocAIPasswords", "PostgresLibPQ", "HocAITestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
