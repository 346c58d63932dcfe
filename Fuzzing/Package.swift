// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer targets for the Markdown importer and the JSON decoding (ARCHITECTURE.md, "Fuzzing").
// A package of its own so that the main package's `swift build` and tests never see them: they
// link only with `-sanitize=fuzzer`, and their `main` hands over to libFuzzer's driver. Build and
// run them with `scripts/fuzz`, which passes the flags (BENCHMARKS.md, "Fuzzing", has the recipe).
//
// The main package is a path dependency, and a path dependency's identity is its folder's name,
// which differs between checkouts (`notion-export`, a worktree's name, …): read it from here.
// This folder must therefore not be named like the checkout's.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

// Linked with libFuzzer through lld: Debian's gold stops with "internal error in
// format_file_lineno" on these links (measured with Swift 6.3.1).
let fuzzerLinking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])]

let package = Package(
    name: "notion-export-fuzzing",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: root.path),
    ],
    targets: [
        // Declares libFuzzer's `LLVMFuzzerRunDriver`, which each target's `main` calls.
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "fuzz-markdown-import", dependencies: [
            "CFuzzerDriver",
            .product(name: "Import", package: main),
            .product(name: "NotionModel", package: main),
        ], linkerSettings: fuzzerLinking),
        .executableTarget(name: "fuzz-json-decode", dependencies: [
            "CFuzzerDriver",
            .product(name: "NotionModel", package: main),
        ], linkerSettings: fuzzerLinking),
    ]
)
