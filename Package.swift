// swift-tools-version: 6.0
import PackageDescription

// Targets and the direction of their dependencies are described in ARCHITECTURE.md.
let package = Package(
    name: "notion-export",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "notion-export", targets: ["notion-export"]),
        // For the libFuzzer targets in Fuzzing/ (a package of its own that depends on this one).
        .library(name: "NotionModel", targets: ["NotionModel"]),
        .library(name: "Import", targets: ["Import"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(name: "NotionModel"),
        .target(name: "NotionAPI", dependencies: ["NotionModel"]),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // SHA-256 for content-addressed assets, from the system's libcrypto.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "NotionMarkdown", dependencies: [
            "NotionModel", "Markdown",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Export", dependencies: ["NotionModel", "NotionAPI", "Markdown", "NotionMarkdown", "CCrypto"]),
        // The static site: canonical Markdown → HTML through cmark-gfm, Mustache templates.
        .target(name: "Site", dependencies: [
            "NotionModel", "Export", "Markdown", "NotionMarkdown",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Markdown → Notion: the importer, `restore`, the block writer and file uploads.
        .target(name: "Import", dependencies: [
            "NotionModel", "NotionAPI", "Markdown", "NotionMarkdown", "Export", "CCrypto",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Emulator", dependencies: [
            "NotionModel", "NotionAPI",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // `serve`: a built site over HTTP on loopback, for previews and browser tests.
        .target(name: "SiteServer", dependencies: [
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .target(name: "CLI", dependencies: [
            "NotionModel", "NotionAPI", "Emulator", "Export", "NotionMarkdown", "Site", "SiteServer", "Import",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "notion-export", dependencies: ["CLI"]),
        // Timings live here, never in tests (BENCHMARKS.md gives the commands).
        .executableTarget(name: "notion-export-benchmarks", dependencies: [
            "TestSupport", "Emulator", "NotionAPI", "Export", "Site",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: [
            "NotionModel", "NotionAPI", "Emulator",
            .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "NotionModelTests", dependencies: ["NotionModel", "TestSupport"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "NotionMarkdownTests", dependencies: ["NotionMarkdown", "Markdown", "NotionAPI", "TestSupport"]),
        .testTarget(name: "NotionAPITests", dependencies: ["NotionAPI", "Emulator", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Emulator", "NotionAPI", "TestSupport", "NotionMarkdown", "Markdown"], exclude: ["Golden"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "SiteServer", "NotionModel", "Export", "Emulator", "NotionAPI", "TestSupport", "Markdown"], exclude: ["Golden"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Export", "Emulator", "NotionAPI", "NotionModel", "Markdown", "NotionMarkdown", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EmulatorTests", dependencies: ["Emulator", "NotionAPI", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "SiteServer", "TestSupport", "notion-export"], exclude: ["Golden"]),
    ]
)
