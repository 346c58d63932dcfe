import Foundation

/// File names of downloaded assets: `<slug of the name>-<first 12 hex digits of the SHA-256>.<ext>`.
///
/// Readable (the slug), stable (a pure function of the name and the bytes) and safe on every OS:
/// lowercase ASCII letters, digits and `-` only, so no case-folding clashes on macOS or Windows,
/// no reserved characters, and no reserved device names (the hash suffix makes `con` `con-…`).
enum AssetName {
    /// Longest slug kept; with the hash and extension a name stays under 80 characters.
    static let maxSlugLength = 60

    /// - Parameter fallbackExtensions: sanitized extensions to use, in order, when `name` has
    ///   none (the URL path's: a `file` block named "Brand assets" holding `…/brand-assets.zip`).
    static func fileName(name: String, sha256: String, fallbackExtensions: [String?] = []) -> String {
        var base = name
        var ext = fileExtension(of: name)
        if let own = ext {
            base = String(name.dropLast(own.count + 1))
        } else {
            ext = fallbackExtensions.lazy.compactMap { $0 }.first
        }
        var fileName = slug(base) + "-" + sha256.prefix(12)
        if let ext { fileName += "." + ext }
        return fileName
    }

    /// Lowercase ASCII letters and digits separated by single `-`; accents folded, other scripts
    /// dropped; `file` when nothing is left.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        var out = ""
        var separate = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if separate && !out.isEmpty { out.append("-") }
                separate = false
                out.unicodeScalars.append(scalar)
            } else {
                separate = true
            }
        }
        if out.count > maxSlugLength {
            out = String(out.prefix(maxSlugLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? "file" : out
    }

    /// The extension of a file name or URL path, lowercased, when it looks like one: 1–10 ASCII
    /// letters and digits after the last `.`, with something before it.
    static func fileExtension(of name: String) -> String? {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        guard (1...10).contains(ext.count),
              ext.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else { return nil }
        return ext
    }
}
