import Foundation

extension FileManager {
    /// The first folder on the way from `root` to `path` (relative to `root`, `root` itself not
    /// checked: the user named it) that is a symbolic link, as a path relative to `root`; nil when
    /// there is none. Writing through such a link could put files anywhere, so writers refuse it.
    public func linkedFolder(in path: String, under root: URL) -> String? {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if isSymbolicLink(root.appending(path: prefix)) { return prefix }
        }
        return nil
    }

    /// Whether `url` itself (not what it points to) is a symbolic link.
    public func isSymbolicLink(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// What to say after the link's path when a write is refused because of it.
    public static func linkedFolderMessage(_ link: String, under root: URL) -> String {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: root.appending(path: link).path)).map { " (to \($0))" } ?? ""
        return "is a symbolic link\(target): nothing is written through a link out of the output folder; replace it with a real folder (or remove it) and rerun."
    }

    /// The whole sentence: the link's path, then `linkedFolderMessage`.
    public static func linkedFolderSentence(_ link: String, under root: URL) -> String {
        "\(root.appending(path: link).path) \(linkedFolderMessage(link, under: root))"
    }
}
