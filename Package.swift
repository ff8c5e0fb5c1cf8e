// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Inquest",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "inquest", targets: ["InquestCLI"]),
        .library(name: "Inquest", targets: ["Inquest"]),
        .library(name: "Postgres", targets: ["Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libpq, the PostgreSQL client library; only `Postgres` imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(
            name: "Inquest",
            dependencies: [
                "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedSchemaPlugin"]
        ),
        // The CLI; its executable is `inquest` (the product). No two source paths differ
        // only in letter case (Scripts/check-paths.sh): a case-insensitive file system
        // (a default macOS checkout) would merge them.
        .executableTarget(
            name: "InquestCLI",
            dependencies: [
                "Inquest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Load generator for Scripts/bench.sh (not installed; measures the service layer).
        .executableTarget(name: "InquestBench", dependencies: ["Inquest", "Postgres"]),
        // Build-time tool: compiles Schema/*.sql into the `Inquest` module, so the
        // installed binary migrates a database with no source tree at hand.
        .executableTarget(name: "SchemaEmbedder", path: "Sources/SchemaEmbedder"),
        .plugin(
            name: "EmbedSchemaPlugin",
            capability: .buildTool(),
            dependencies: ["SchemaEmbedder"],
            path: "Sources/EmbedSchemaPlugin"
        ),
        // Tests run against a real PostgreSQL started by Scripts/test.sh.
        .target(name: "TestSupport", dependencies: ["Postgres"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "InquestTests", dependencies: [
            "Inquest", "Postgres", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "InquestCLITests", dependencies: ["Postgres", "TestSupport"]),
    ]
)
