// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "OrderToCash",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "o2c", targets: ["o2c"]),
        .executable(name: "o2c-bench", targets: ["o2c-bench"]),
        .library(name: "O2CDomain", targets: ["O2CDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Already built for PostgresNIO; used here for the SHA-256 of signed documents.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The domain core: values and pure rules, no I/O.
        .target(name: "O2CDomain", swiftSettings: upcoming),
        // The store: one schema and one SQL code path for SQLite and PostgreSQL.
        .target(
            name: "O2CStore",
            dependencies: [
                "O2CDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),
        // File formats in and out: manual-entry JSON, beancount, tables, CSV.
        .target(name: "O2CFormats", dependencies: ["O2CDomain"], swiftSettings: upcoming),
        // libharu, for invoice PDFs (Debian: libhpdf-dev).
        .systemLibrary(name: "CHaru", providers: [.apt(["libhpdf-dev"])]),
        // Documents for people: invoice and credit-note PDFs.
        .target(name: "O2CDocuments", dependencies: ["O2CDomain", "CHaru"], swiftSettings: upcoming),
        // Business actions, each one transaction.
        .target(
            name: "O2CUseCases",
            dependencies: ["O2CDomain", "O2CStore", "O2CFormats", "O2CDocuments", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcoming
        ),
        // The `o2c` commands, in a library so tests drive them.
        .target(
            name: "O2CCommands",
            dependencies: [
                "O2CDomain", "O2CStore", "O2CFormats", "O2CUseCases",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // What the test suites share: fresh databases on each backend.
        .target(name: "O2CTestSupport", dependencies: ["O2CStore"], path: "Tests/O2CTestSupport", swiftSettings: upcoming),
        .executableTarget(name: "o2c", dependencies: ["O2CCommands"], swiftSettings: upcoming),
        .executableTarget(
            name: "o2c-bench",
            dependencies: ["O2CDomain", "O2CStore", "O2CUseCases", "O2CFormats"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "O2CFormatsTests",
            dependencies: ["O2CDomain", "O2CFormats"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "O2CDomainTests",
            dependencies: ["O2CDomain", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "O2CStoreTests",
            dependencies: ["O2CDomain", "O2CStore", "O2CUseCases", "O2CFormats", "O2CTestSupport",
                           .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "O2CCommandsTests",
            dependencies: ["O2CCommands", "O2CDomain", "O2CStore", "O2CUseCases", "O2CFormats", "O2CDocuments", "O2CTestSupport"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
