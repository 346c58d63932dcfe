import Foundation
import NotionAPI

/// Which pages an import creates, and under which parent, from a Markdown file or folder.
///
/// The layout is the export's: `Title.md` is a page, and the Markdown files in the folder
/// `Title/` next to it are its child pages (any depth). A folder without a Markdown file of its
/// name becomes a page of that name holding what it contains, so nothing in it is left out. The
/// folder given to the import is not a page itself: its pages go under the import's parent.
/// Other files (images, PDFs) are not pages; documents upload the ones they link to.
///
/// Hidden files and folders (a leading `.`, like `.git` or `.notion-export`) are skipped, and so
/// are symbolic links to folders (an import never leaves the tree it was given, nor loops).
public struct ImportPlan: Sendable, Hashable {
    public struct Page: Sendable, Hashable {
        /// The Markdown file relative to the import's root folder (`a/b.md`), or for a folder
        /// without one, the folder's path (`a/notes`).
        public var path: String
        /// The page this one goes under, by `path`; nil: the import's parent.
        public var parent: String?
        /// The title when the document's front matter names none: the file or folder name.
        public var fallbackTitle: String
        /// True for a folder without a Markdown file of its name.
        public var isFolder: Bool

        public init(path: String, parent: String?, fallbackTitle: String, isFolder: Bool) {
            self.path = path
            self.parent = parent
            self.fallbackTitle = fallbackTitle
            self.isFolder = isFolder
        }
    }

    /// Parents before their children, siblings by name: the same order on every run.
    public var pages: [Page]
    /// The folder paths are relative to (a single file's folder when a file was given).
    public var root: URL
    /// What was skipped and why (a symbolic link to a folder).
    public var skipped: [String] = []

    public static let markdownExtensions: Set<String> = ["md", "markdown"]

    public static func scan(_ url: URL) throws(ImportError) -> ImportPlan {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError(path: url.path, message: "does not exist: give a Markdown file or a folder of them.")
        }
        guard isDirectory.boolValue else {
            guard markdownExtensions.contains(url.pathExtension.lowercased()) else {
                throw ImportError(path: url.path, message: "is not a Markdown file (.md or .markdown): give one, or a folder of them.")
            }
            let name = url.lastPathComponent
            return ImportPlan(pages: [Page(path: name, parent: nil, fallbackTitle: Self.title(of: name), isFolder: false)],
                              root: url.deletingLastPathComponent())
        }
        var plan = ImportPlan(pages: [], root: url)
        try plan.add(folder: "", parent: nil)
        guard plan.pages.contains(where: { !$0.isFolder }) else {
            throw ImportError(path: url.path, message: "holds no Markdown file (.md or .markdown) to import.")
        }
        return plan
    }

    /// Adds the pages of `folder` (relative to `root`) under `parent`.
    private mutating func add(folder: String, parent: String?) throws(ImportError) {
        let fm = FileManager.default
        let folderURL = folder.isEmpty ? root : root.appending(path: folder)
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: folderURL.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ImportError(path: folderURL.path, message: "cannot be read (\(error.localizedDescription)).")
        }
        func join(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }
        var folders: [String] = []
        var documents: [String] = []
        for name in names {
            let url = folderURL.appending(path: name)
            let isLink = (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if isLink {
                    skipped.append("\(join(name)): a symbolic link to a folder (not followed)")
                } else {
                    folders.append(name)
                }
            } else if Self.markdownExtensions.contains((name as NSString).pathExtension.lowercased()) {
                documents.append(name)
            }
        }
        // A document's children live in the folder of its name; other folders are pages of their own.
        var childFolders: [String: String] = [:]  // folder name → the document that owns it
        for document in documents {
            let stem = (document as NSString).deletingPathExtension
            if folders.contains(stem), childFolders[stem] == nil { childFolders[stem] = document }
        }
        var entries: [(name: String, isFolder: Bool)] = documents.map { ($0, false) }
        entries += folders.filter { childFolders[$0] == nil }.map { ($0, true) }
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let path = join(entry.name)
            pages.append(Page(path: path, parent: parent, fallbackTitle: Self.title(of: entry.name), isFolder: entry.isFolder))
            let stem = entry.isFolder ? entry.name : (entry.name as NSString).deletingPathExtension
            if entry.isFolder || childFolders[stem] == entry.name {
                try add(folder: join(stem), parent: path)
            }
        }
    }

    /// `Meeting Notes.md` → `Meeting Notes`.
    static func title(of name: String) -> String {
        let stem = markdownExtensions.contains((name as NSString).pathExtension.lowercased()) ? (name as NSString).deletingPathExtension : name
        return stem.isEmpty ? "Untitled" : stem
    }
}

/// An import problem that names the file or folder and how to fix it.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Notion's answer, when that is what stopped the import: its status decides the exit code
    /// (5 for a write that may have been applied, so that scripts know a rerun settles it).
    public var notion: NotionError?

    public init(path: String, message: String, cause: (any Error)? = nil) {
        self.path = path
        self.message = message
        notion = Self.notionError(in: cause)
    }

    /// Notion's answer behind an error of the client, the writer, the uploader or an import or
    /// restore step, when there is one (shared by `ImportError` and `RestoreError`).
    static func notionError(in cause: (any Error)?) -> NotionError? {
        switch cause {
        case let error as NotionError: error
        case let error as BlockWriteError: if case .notion(let error) = error.reason { error } else { nil }
        case let error as UploadError: if case .notion(let error) = error.reason { error } else { nil }
        case let error as ImportError: error.notion
        case let error as RestoreError: error.notion
        default: nil
        }
    }

    public var description: String { "\(path) \(message)" }
}
