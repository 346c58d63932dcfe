import Export
import Foundation
import Markdown
import NotionMarkdown

/// One document's canonical Markdown → the HTML of its page body.
///
/// cmark-gfm renders (raw HTML kept: only the converter's fixed forms can be there, because the
/// formatter escapes all Notion text), after links are mapped: `.md` links to the site's pretty
/// URLs, files to the copied assets, unsafe schemes (`javascript:`, `data:`, `vbscript:`, …) to
/// `#`. Then small, fixed rewrites of cmark's output: heading ids (GitHub's anchors, which the
/// export's links to headings use), callouts from GitHub alerts, inline math, column widths.
struct PageHTML: Sendable {
    /// The Markdown document's path in the export layout (links in it are relative to it).
    var document: String
    /// The page's directory in the site (`a/b/`).
    var dir: String
    var map: SiteMap
    /// The folders of `document`, which its relative links start from.
    let documentFolders: [String]

    init(document: String, dir: String, map: SiteMap) {
        self.document = document
        self.dir = dir
        self.map = map
        documentFolders = document.split(separator: "/").dropLast().map(String.init)
    }

    func render(markdown: String) -> String {
        let transform = SiteHTMLTransform(url: { url, _ in self.link(url) }, rawHTML: { html in self.rawHTML(html) })
        return Self.rewrite(CMark.html(MarkdownTreeWriter.body(of: markdown), transform: transform))
    }

    // MARK: Links

    static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// A link or image URL as the page needs it.
    func link(_ url: String) -> String {
        let plain = url.utf8.first.map { $0 > 0x20 && $0 < 0x80 } ?? true
        let trimmed = plain ? url : String(url.drop { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } })
        if let scheme = Self.scheme(of: trimmed) {
            return Self.safeSchemes.contains(scheme) ? url : "#"
        }
        if url.hasPrefix("#") || url.isEmpty { return url }
        var path = url
        var fragment = ""
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(url[hash...])
            path = String(url[..<hash])
        }
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
        guard let resolved = Self.resolve(decoded, from: documentFolders) else { return url }
        if resolved.hasSuffix(".md") {
            guard let id = map.byDocument[resolved], let target = map.pages[id] else { return url }
            if target.dir == dir, !fragment.isEmpty { return fragment }
            return ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: target.dir)) + fragment
        }
        return ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: resolved)) + fragment
    }

    /// `javascript` for `JavaScript:alert(1)`; nil for a relative URL.
    static func scheme(of url: String) -> String? {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let candidate = bytes[..<colon]
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isSchemeByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard let first = candidate.first, isLetter(first), candidate.allSatisfy(isSchemeByte) else {
            // A `/`, `?` or `#` before the colon: a relative URL. Anything else odd: treat as a scheme.
            let relative = candidate.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            return relative ? nil : String(Substring(candidate)).lowercased()
        }
        return String(Substring(candidate)).lowercased()
    }

    /// A path relative to a document, as a path from the export's root; nil when it leaves it.
    static func resolve(_ path: String, from folders: [String]) -> String? {
        var parts = folders
        for part in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if part.elementsEqual("..".utf8) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else if !part.isEmpty, !part.elementsEqual(".".utf8) {
                parts.append(String(Substring(part)))
            }
        }
        return parts.joined(separator: "/")
    }

    /// `href="…"` and `src="…"` inside raw HTML get the same mapping.
    static let linkAttributes = [Array("href=\"".utf8), Array("src=\"".utf8)]

    func rawHTML(_ html: String) -> String {
        // `href="…"` and `src="…"` values, found in the bytes (most raw HTML has neither).
        let bytes = Array(html.utf8)
        func attributeValue(from start: Int) -> (value: Int, end: Int)? {
            var i = start
            while i < bytes.count {
                for name in Self.linkAttributes where bytes[i] == name[0] && i + name.count <= bytes.count
                    && bytes[i..<(i + name.count)].elementsEqual(name) {
                    let value = i + name.count
                    guard let end = bytes[value...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                    return (value, end)
                }
                i += 1
            }
            return nil
        }
        guard var found = attributeValue(from: 0) else { return html }
        var out: [UInt8] = []
        var copied = 0
        while true {
            out.append(contentsOf: bytes[copied..<found.value])
            let value = String(decoding: bytes[found.value..<found.end], as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&")
            out.append(contentsOf: CMark.escapeHTML(link(value)).utf8)
            copied = found.end
            guard let next = attributeValue(from: found.end) else { break }
            found = next
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Rewrites of cmark's HTML

    /// One pass over cmark's HTML bytes:
    /// - `<h2>Text</h2>` → `<h2 id="text">`, GitHub's anchors in document order. Headings inside
    ///   `<summary>` (toggleable headings) get none, as on GitHub, and do not count.
    /// - `> [!NOTE]` alerts (the export's callouts) → `<aside class="callout note">`, with the
    ///   callout's icon and colour when the `notion:callout` comment gives them.
    /// - `` $`x^2`$ ``, rendered as `$<code>x^2</code>$` → `<code class="math">x^2</code>`.
    /// - `<div data-column data-width="0.25">` → the column takes that share of the row.
    static func rewrite(_ html: String) -> String {
        var html = html
        return html.withUTF8 { input in
            var out: [UInt8] = []
            out.reserveCapacity(input.count + input.count / 8)
            var anchors = HeadingAnchors()
            var quotes: [Bool] = []  // open blockquotes: is each a callout?
            var i = 0
            let n = input.count
            func at(_ index: Int, _ literal: StaticString) -> Bool {
                let count = literal.utf8CodeUnitCount
                guard index + count <= n else { return false }
                let bytes = literal.utf8Start
                for k in 0..<count where input[index + k] != bytes[k] { return false }
                return true
            }
            func find(_ literal: StaticString, from start: Int) -> Int? {
                var index = start
                let first = literal.utf8Start[0]
                while index < n {
                    if input[index] == first, at(index, literal) { return index }
                    index += 1
                }
                return nil
            }
            func append(_ text: String) { out.append(contentsOf: text.utf8) }
            func append(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[range])) }
            /// After `<blockquote>\n<p>[!` at `start`: the callout's opening HTML and where the
            /// quote's content resumes; nil when it is not an alert kind.
            func callout(at start: Int) -> (html: String, end: Int)? {
                var end = start
                while end < n, end - start <= 9, input[end] != UInt8(ascii: "]") { end += 1 }
                guard end < n, input[end] == UInt8(ascii: "]") else { return nil }
                let name = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
                guard ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"].contains(name) else { return nil }
                var rest = end + 1
                // `[!NOTE]` ends its paragraph when the callout comment follows on the next line:
                // `<p>[!NOTE]</p>\n<!-- notion:callout icon="💡" color="gray_background" -->\n`.
                var opensParagraph = true
                if at(rest, "</p>\n") {
                    rest += 5
                    opensParagraph = false
                }
                var icon = ""
                var color = ""
                if at(rest, "<!-- notion:callout") {
                    var lineEnd = rest
                    while lineEnd < n, input[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                    let comment = Substring(String(decoding: UnsafeBufferPointer(rebasing: input[rest..<lineEnd]), as: UTF8.self))
                    icon = attribute("icon", in: comment) ?? ""
                    color = attribute("color", in: comment) ?? ""
                    rest = lineEnd
                    while rest < n, input[rest] == UInt8(ascii: "\n") { rest += 1 }
                }
                var html = "<aside class=\"callout \(name.lowercased())\"" + (color.isEmpty ? "" : " data-color=\"\(CMark.escapeHTML(color))\"") + ">"
                if !icon.isEmpty { html += "<span class=\"callout-icon\" aria-hidden=\"true\">\(CMark.escapeHTML(icon))</span>" }
                html += "<div class=\"callout-body\">\n" + (opensParagraph ? "<p>" : "")
                return (html, rest)
            }
            // Bytes from `copied` up to `i` are still to be copied as they are: runs of plain
            // HTML go to `out` in one piece, when something is replaced or at the end.
            var copied = 0
            func flush() {
                if copied < i { append(copied..<i) }
                copied = i
            }
            while i < n {
                let byte = input[i]
                if byte == UInt8(ascii: "<") {
                    // `<h1>` … `<h6>`
                    if i + 3 < n, input[i + 1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(input[i + 2]),
                       input[i + 3] == UInt8(ascii: ">") {
                        flush()
                        let level = input[i + 2]
                        let contentStart = i + 4
                        var close: Int?
                        var scan = contentStart
                        while let candidate = find("</h", from: scan) {
                            if candidate + 4 <= n, input[candidate + 3] == level, candidate + 4 < n, input[candidate + 4] == UInt8(ascii: ">") {
                                close = candidate
                                break
                            }
                            scan = candidate + 3
                        }
                        let inSummary = out.count >= 9 && out[(out.count - 9)...].elementsEqual("<summary>".utf8)
                        if let close, !inSummary {
                            let text = plainText(UnsafeBufferPointer(rebasing: input[contentStart..<close]))
                            append("<h\(Character(Unicode.Scalar(level))) id=\"\(CMark.escapeHTML(anchors.next(text)))\">")
                            i = contentStart
                            copied = i
                        } else {
                            i = contentStart
                        }
                        continue
                    }
                    if at(i, "<blockquote>") {
                        let alert: StaticString = "<blockquote>\n<p>[!"
                        if at(i, alert), let callout = callout(at: i + alert.utf8CodeUnitCount) {
                            flush()
                            quotes.append(true)
                            append(callout.html)
                            i = callout.end
                            copied = i
                        } else {
                            quotes.append(false)
                            i += 12
                        }
                        continue
                    }
                    if at(i, "</blockquote>") {
                        if quotes.popLast() == true {
                            flush()
                            append("</div></aside>")
                            i += 13
                            copied = i
                        } else {
                            i += 13
                        }
                        continue
                    }
                } else if byte == UInt8(ascii: "$"), at(i, "$<code>"), let close = find("</code>$", from: i + 7) {
                    flush()
                    append("<code class=\"math\">")
                    append((i + 7)..<close)
                    append("</code>")
                    i = close + 8
                    copied = i
                    continue
                } else if byte == UInt8(ascii: "d"), at(i, "data-width=\"") {
                    let valueStart = i + 12
                    var valueEnd = valueStart
                    while valueEnd < n, input[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                    i = valueEnd
                    if valueEnd < n, let width = Double(String(decoding: UnsafeBufferPointer(rebasing: input[valueStart..<valueEnd]), as: UTF8.self)),
                       width > 0, width <= 1 {
                        flush()
                        append("\" style=\"flex: \(width) 1 0")
                    }
                    continue
                }
                i += 1
            }
            flush()
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func attribute(_ name: String, in text: Substring) -> String? {
        let bytes = Array(text.utf8), key = Array((name + "=\"").utf8)
        guard bytes.count >= key.count,
              let start = (0...(bytes.count - key.count)).first(where: { bytes[$0..<($0 + key.count)].elementsEqual(key) }) else { return nil }
        let valueStart = start + key.count
        guard let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let raw = String(decoding: bytes[valueStart..<end], as: UTF8.self)
        return raw.contains("&") ? raw.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&") : raw
    }

    /// The text of an HTML fragment: tags dropped, the entities cmark writes decoded.
    static func plainText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { plainText($0) }
    }

    static func plainText(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var inTag = false
        var i = 0
        let n = html.count
        while i < n {
            let byte = html[i]
            i += 1
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: "&"):
                // Tags end where a `>` is, so an entity never spans one: decode in place.
                var decoded: (UInt8, Int)?
                for (entity, character) in Self.entities {
                    let count = entity.count
                    if i - 1 + count <= n, entity.elementsEqual(UnsafeBufferPointer(rebasing: html[(i - 1)..<(i - 1 + count)])) {
                        decoded = (character, count)
                        break
                    }
                }
                if let (character, count) = decoded {
                    out.append(character)
                    i += count - 1
                } else {
                    out.append(byte)
                }
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let entities: [([UInt8], UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&quot;".utf8), UInt8(ascii: "\"")),
        (Array("&#39;".utf8), UInt8(ascii: "'")), (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]
}
