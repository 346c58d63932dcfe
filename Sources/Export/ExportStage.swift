import Foundation
import NotionAPI

// The export pipeline: discover → fetch tree → assets → link graph → render → write.
// Each stage is a function from the previous stage's value to the next one's; nothing flows back.

/// A stage of the export, named as progress lines and errors show it.
public enum ExportStage: String, Sendable, Hashable, CustomStringConvertible {
    case parseRoots = "parse roots"
    case discover = "discover"
    case fetchTree = "fetch tree"
    case assets = "assets"
    case layout = "link graph"
    /// Documents rendered a batch at a time; each batch is checked (cmark-gfm parses every
    /// file again: the canonical-dialect check) and written (the Markdown export) or compared
    /// with the disk and staged (the backup: raw JSON and CSV too) before the next.
    case render = "render"
    /// The backup compares what it built with the files on disk.
    case compare = "compare"
    case write = "write"

    public var description: String { rawValue }
}

/// An export that cannot go on: which stage, about what, and why (with what to do, when the
/// underlying error says it).
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// User input that names no page, database or workspace.
        case invalidRoot(String)
        /// Notion refused or failed a request for good.
        case notion(NotionError)
        /// Notion answered with an object this version of the tool cannot read.
        case undecodable(String)
        /// The output folder cannot be written: what failed and what to do.
        case fileSystem(String)
    }

    public var stage: ExportStage
    /// What the stage was working on: "root https://…", "page ba9e…".
    public var subject: String
    public var reason: Reason

    public init(stage: ExportStage, subject: String, reason: Reason) {
        self.stage = stage
        self.subject = subject
        self.reason = reason
    }

    /// Whether Notion answered 404: the object is not shared with the integration, or deleted.
    public var isNotFound: Bool {
        if case .notion(let error) = reason { return error.code == .objectNotFound }
        return false
    }

    public var description: String {
        switch reason {
        case .invalidRoot(let detail): "\(stage): \(subject) \(detail)"
        case .notion(let error): "\(stage): \(error)"  // the error names its subject
        case .undecodable(let detail): "\(stage): \(subject): cannot read Notion's answer: \(detail)"
        case .fileSystem(let detail): "\(stage): \(subject): \(detail)"
        }
    }
}

/// Something the fetch could not read but went on without: an unshared or deleted page, database
/// or synced original that the content points at. Reported once per target.
public struct FetchIssue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unreadable target: "page ba9e…", "database …", "block …".
    public var subject: String
    /// Where it was found: "block b10c… in page ba9e…".
    public var foundIn: String
    /// The sentence to show, with what to do.
    public var message: String

    public init(subject: String, foundIn: String, message: String) {
        self.subject = subject
        self.foundIn = foundIn
        self.message = message
    }

    public var description: String { "\(ExportStage.fetchTree): \(subject) (linked from \(foundIn)): \(message)" }

    public static func < (lhs: FetchIssue, rhs: FetchIssue) -> Bool {
        (lhs.subject, lhs.foundIn) < (rhs.subject, rhs.foundIn)
    }
}

/// Where a stage is: shown on the progress line as "fetch tree: 12 pages, 40 block lists, 1 table".
public struct FetchProgress: Sendable, Hashable, CustomStringConvertible {
    public var stage: ExportStage
    public var pages: Int
    public var blockLists: Int
    public var tables: Int

    public init(stage: ExportStage, pages: Int, blockLists: Int, tables: Int) {
        self.stage = stage
        self.pages = pages
        self.blockLists = blockLists
        self.tables = tables
    }

    public var description: String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        return "\(stage): \(count(pages, "page")), \(count(blockLists, "block list")), \(count(tables, "table"))"
    }
}
