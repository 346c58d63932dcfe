import Foundation
import Markdown
import NotionMarkdown
import NotionModel

/// A data source's rows as CSV (RFC 4180 quoting, `\n` line ends, UTF-8): the header is the
/// property names, the title column first and the others by name (the Markdown table's order),
/// one line per row in the query's order. Cells are plain text: titles and rich text as Notion's
/// `plain_text`, relations as the related pages' titles, other values as in the Markdown
/// table without Markdown (`PropertyInlines`).
public enum DatabaseCSV {
    public static func csv(_ table: FetchedTable, pages: [PageID: Page], resolver: some ConversionResolver,
                           converter: NotionMarkdownConverter = NotionMarkdownConverter()) -> String {
        let columns = MarkdownRenderer.columns(of: table)
        var lines = [columns.map(field).joined(separator: ",")]
        for id in table.rows {
            guard let row = pages[id] else { continue }
            lines.append(columns.map { name -> String in
                guard let value = row.properties[name] else { return "" }
                switch value.value {
                case .title(let text), .richText(let text):
                    return field(text.plainText)
                default:
                    let cell = PropertyInlines.cell(value, named: name, resolver: resolver) { converter.inlines($0, resolver: resolver).inlines }
                    return field(plainText(cell.inlines))
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field: quoted when it holds a comma, quote or line break (quotes doubled).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func plainText(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text), .code(let text): text
            case .softBreak, .lineBreak: "\n"
            case .emphasis(let children), .strong(let children), .strikethrough(let children): plainText(children)
            case .link(_, _, let children): plainText(children)
            case .image(_, _, let alt): plainText(alt)
            case .autolink(let destination): destination.hasPrefix("mailto:") ? String(destination.dropFirst(7)) : destination
            case .html, .footnoteReference: ""
            }
        }.joined()
    }
}
