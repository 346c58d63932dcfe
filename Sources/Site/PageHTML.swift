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

    func render(markdown: String) -> String {
        let transform = SiteHTMLTransform(url: { url, _ in self.link(url) }, rawHTML: { html in self.rawHTML(html) })
        var html = CMark.html(MarkdownTreeWriter.body(of: markdown), transform: transform)
        html = Self.headingIDs(html)
        html = Self.callouts(html)
        html = Self.inlineMath(html)
        html = Self.columnWidths(html)
        return html
    }

    // MARK: Links

    static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// A link or image URL as the page needs it.
    func link(_ url: String) -> String {
        let trimmed = url.drop { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } }
        if let scheme = Self.scheme(of: String(trimmed)) {
            return Self.safeSchemes.contains(scheme) ? url : "#"
        }
        if url.hasPrefix("#") || url.isEmpty { return url }
        var path = url
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[hash...])
            path = String(url[..<hash])
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let resolved = Self.resolve(decoded, against: document) else { return url }
        if resolved.hasSuffix(".md") {
            guard let id = map.byDocument[resolved], let target = map.pages[id] else { return url }
            if target.dir == dir, !fragment.isEmpty { return fragment }
            return ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: target.dir)) + fragment
        }
        return ExportLayout.percentEncoded(SiteMap.relative(from: dir, to: resolved)) + fragment
    }

    /// `javascript` for `JavaScript:alert(1)`; nil for a relative URL.
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else {
            // A `/`, `?` or `#` before the colon: a relative URL. Anything else odd: treat as a scheme.
            return candidate.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ? nil : String(candidate).lowercased()
        }
        return candidate.lowercased()
    }

    /// A path relative to a document, as a path from the export's root; nil when it leaves it.
    static func resolve(_ path: String, against document: String) -> String? {
        var parts = document.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": guard !parts.isEmpty else { return nil }; parts.removeLast()
            case ".", "": continue
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// `href="…"` and `src="…"` inside raw HTML get the same mapping.
    func rawHTML(_ html: String) -> String {
        guard html.contains("href=\"") || html.contains("src=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        while let range = rest.range(of: #"(href|src)=""#, options: .regularExpression) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let close = rest.firstIndex(of: "\"") else { break }
            let value = String(rest[..<close]).replacingOccurrences(of: "&amp;", with: "&")
            out += CMark.escapeHTML(link(value))
            rest = rest[close...]
        }
        return out + rest
    }

    // MARK: Rewrites of cmark's HTML

    /// `<h2>Text</h2>` → `<h2 id="text">`, GitHub's anchors in document order. Headings inside
    /// `<summary>` (toggleable headings) get none, as on GitHub, and do not count.
    static func headingIDs(_ html: String) -> String {
        guard html.contains("<h") else { return html }
        var anchors = HeadingAnchors()
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: #"<h[1-6]>"#, options: .regularExpression) {
            let before = rest[..<open.lowerBound]
            out += before
            let tag = rest[open]
            let level = tag.dropFirst(2).first!
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "</h\(level)>") else { out += tag; continue }
            if out.hasSuffix("<summary>") {
                out += tag
                continue
            }
            let text = plainText(String(rest[..<close.lowerBound]))
            out += "<h\(level) id=\"\(CMark.escapeHTML(anchors.next(text)))\">"
        }
        return out + rest
    }

    /// `> [!NOTE]` alerts (the export's callouts) → `<aside class="callout note">`, with the
    /// callout's icon when the `notion:callout` comment gives one.
    static func callouts(_ html: String) -> String {
        guard html.contains("<blockquote>\n<p>[!") else { return html }
        var out = ""
        var rest = Substring(html)
        let kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
        while let open = rest.range(of: "<blockquote>\n<p>[!") {
            out += rest[..<open.lowerBound]
            rest = rest[open.upperBound...]
            guard let end = rest.firstIndex(of: "]"), kinds.contains(String(rest[..<end])) else {
                out += "<blockquote>\n<p>[!"
                continue
            }
            let kind = rest[..<end].lowercased()
            rest = rest[rest.index(after: end)...]
            var icon = ""
            var color = ""
            // `[!NOTE]` ends its paragraph when the callout comment follows on the next line:
            // `<p>[!NOTE]</p>\n<!-- notion:callout icon="💡" color="gray_background" -->\n`.
            var opensParagraph = true
            if rest.hasPrefix("</p>\n") {
                rest = rest.dropFirst(5)
                opensParagraph = false
            }
            if rest.hasPrefix("<!-- notion:callout") {
                let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
                let comment = rest[..<lineEnd]
                icon = attribute("icon", in: comment) ?? ""
                color = attribute("color", in: comment) ?? ""
                rest = rest[lineEnd...].drop { $0 == "\n" }
            }
            out += "<aside class=\"callout \(kind)\"" + (color.isEmpty ? "" : " data-color=\"\(CMark.escapeHTML(color))\"") + ">"
            if !icon.isEmpty { out += "<span class=\"callout-icon\" aria-hidden=\"true\">\(CMark.escapeHTML(icon))</span>" }
            out += "<div class=\"callout-body\">\n" + (opensParagraph ? "<p>" : "")
            // The quote's end is the first `</blockquote>` at the same depth.
            var depth = 1
            var scan = rest.startIndex
            while depth > 0, let next = rest[scan...].range(of: #"</?blockquote>"#, options: .regularExpression) {
                depth += rest[next].hasPrefix("</") ? -1 : 1
                scan = next.upperBound
                if depth == 0 {
                    out += rest[..<next.lowerBound] + "</div></aside>"
                    rest = rest[next.upperBound...]
                }
            }
            if depth > 0 { break }
        }
        return out + rest
    }

    static func attribute(_ name: String, in text: Substring) -> String? {
        guard let start = text.range(of: name + "=\"") else { return nil }
        let value = text[start.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return String(value[..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `` $`x^2`$ `` renders as `$<code>x^2</code>$`: → `<code class="math">x^2</code>`.
    static func inlineMath(_ html: String) -> String {
        guard html.contains("$<code>") else { return html }
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "$<code>") {
            out += rest[..<open.lowerBound]
            rest = rest[open.upperBound...]
            if let close = rest.range(of: "</code>$") {
                out += "<code class=\"math\">" + rest[..<close.lowerBound] + "</code>"
                rest = rest[close.upperBound...]
            } else {
                out += "$<code>"
            }
        }
        return out + rest
    }

    /// `<div data-column data-width="0.25">` → the column takes that share of the row.
    static func columnWidths(_ html: String) -> String {
        guard html.contains("data-width=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "data-width=\"") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "\""), let width = Double(rest[..<close]), width > 0, width <= 1 else { continue }
            out += rest[..<close] + "\" style=\"flex: \(width) 1 0"
            rest = rest[close...]
        }
        return out + rest
    }

    /// The text of an HTML fragment: tags dropped, the entities cmark writes decoded.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            default: if !inTag { text.append(character) }
            }
        }
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
