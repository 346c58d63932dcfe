import Foundation

/// The name a file goes by, read back from where an export put it: a downloaded asset's name
/// (`logo-53c49386b8ab.png`) without the content hash the export added, or a URL's last path
/// segment, percent-decoded, without query or fragment. `import` uploads files under this name,
/// and the front matter writes a file's name only when it differs from it.
public enum FileName {
    public static func original(ofLocation location: String) -> String {
        var path = Substring(location)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }), location.contains("://") { path = path[..<cut] }
        let last = path.split(separator: "/").last.map(String.init) ?? String(path)
        let name = last.removingPercentEncoding ?? last
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard !location.contains("://"), parts.count > 1, let hash = parts.last, hash.count == 12,
              hash.allSatisfy(\.isHexDigit), hash == hash.lowercased() else { return name }
        let base = parts.dropLast().joined(separator: "-")
        return ext.isEmpty ? base : base + "." + ext
    }
}
