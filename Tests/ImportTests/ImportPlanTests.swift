import Foundation
import Import
import TestSupport
import Testing

@Suite struct ImportPlanTests {
    /// Writes `files` (path → text) under a new temporary folder.
    func folder(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text) in files {
            let url = folder.url.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    @Test func theExportLayoutGivesThePageTreeParentsFirst() throws {
        let tree = try folder([
            "Home.md": "# Home", "Home/Child A.md": "a", "Home/Child A/Grand.md": "g", "Home/Notes/x.md": "x",
            "Home/pic.png": "png", "b.md": "b", ".git/config": "x", ".notion-export/state.json": "{}", "img.png": "png",
        ])
        defer { tree.remove() }
        try FileManager.default.createSymbolicLink(at: tree.url.appending(path: "loop"), withDestinationURL: tree.url)
        let plan = try ImportPlan.scan(tree.url)
        #expect(plan.pages.map(\.path) == ["Home.md", "Home/Child A.md", "Home/Child A/Grand.md", "Home/Notes", "Home/Notes/x.md", "b.md"])
        #expect(plan.pages.map { $0.parent ?? "-" } == ["-", "Home.md", "Home/Child A.md", "Home.md", "Home/Notes", "-"])
        #expect(plan.pages.map(\.fallbackTitle) == ["Home", "Child A", "Grand", "Notes", "x", "b"])
        #expect(plan.pages.map(\.isFolder) == [false, false, false, true, false, false])
        #expect(plan.skipped == ["loop: a symbolic link to a folder (not followed)"])
    }

    @Test func aSingleFileIsOnePage() throws {
        let tree = try folder(["notes/Weekly Sync.markdown": "x"])
        defer { tree.remove() }
        let plan = try ImportPlan.scan(tree.url.appending(path: "notes/Weekly Sync.markdown"))
        #expect(plan.pages == [ImportPlan.Page(path: "Weekly Sync.markdown", parent: nil, fallbackTitle: "Weekly Sync", isFolder: false)])
        #expect(plan.root.standardizedFileURL.path == tree.url.appending(path: "notes").standardizedFileURL.path)
    }

    @Test func whatCannotBeImportedSaysWhyAndHowToFixIt() throws {
        let tree = try folder(["a.txt": "x", "only-images/p.png": "png"])
        defer { tree.remove() }
        func message(_ path: String) -> String? {
            do { _ = try ImportPlan.scan(tree.url.appending(path: path)); return nil } catch { return error.message }
        }
        #expect(message("missing") == "does not exist: give a Markdown file or a folder of them.")
        #expect(message("a.txt") == "is not a Markdown file (.md or .markdown): give one, or a folder of them.")
        #expect(message("only-images") == "holds no Markdown file (.md or .markdown) to import.")
    }
}
