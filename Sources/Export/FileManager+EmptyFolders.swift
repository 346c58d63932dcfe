import Foundation

extension FileManager {
    /// Removes the folders holding `file` that are empty now, innermost first, never `root` itself
    /// or anything outside it (after a file below `root` was removed).
    public func removeEmptyFolders(above file: URL, upTo root: URL) {
        let top = root.standardizedFileURL.path + "/"
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while folder.path.hasPrefix(top), (try? contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? removeItem(at: folder)
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }
}
