import Foundation
import Markdown
import Mustache

/// A templates folder: Mustache templates (`*.mustache`, partials and layouts included; `{{x}}`
/// is HTML-escaped, `{{{x}}}` is not) and static files (everything else: CSS, JavaScript, images),
/// which the site copies to `static/`.
///
/// The site renders `index`, `page`, `list` (a post database), `tag`, `tags`, `search` and `404`;
/// `templates/default/` shows what each receives.
public struct SiteTemplates: Sendable {
    public static let required = ["index", "page", "list", "tag", "tags", "search", "404"]

    let library: MustacheLibrary
    /// Static files by path relative to the templates folder.
    public let staticFiles: [String: Data]

    public init(library: MustacheLibrary, staticFiles: [String: Data]) {
        self.library = library
        self.staticFiles = staticFiles
    }

    /// Loads a folder; a missing folder, an unparsable template or a missing required template is
    /// an error naming the file.
    public static func load(from folder: URL) throws(SiteTemplateError) -> SiteTemplates {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteTemplateError(path: folder.path, message: "is not a folder of templates: set \"templates\" in the config to one (templates/default is the bundled one).")
        }
        var library = MustacheLibrary()
        var staticFiles: [String: Data] = [:]
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = fm.enumerator(at: folder.standardizedFileURL.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw SiteTemplateError(path: folder.path, message: "cannot be read.")
        }
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(file.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(root.count + 1))
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            guard let data = try? Data(contentsOf: file) else {
                throw SiteTemplateError(path: file.path, message: "cannot be read.")
            }
            if file.pathExtension == "mustache" {
                let name = String(relative.dropLast(".mustache".count))
                let text = String(decoding: data, as: UTF8.self)
                do {
                    _ = try MustacheTemplate(string: text)  // errors as the file has them (line and column)
                    _ = Self.registerEscaping
                    // The pragma goes on the first line, so line numbers stay the file's.
                    library.register(try MustacheTemplate(string: Self.escapingPragma + text), named: name)
                } catch {
                    throw SiteTemplateError(path: file.path, message: "is not a valid Mustache template: \(error)")
                }
            } else {
                staticFiles[relative] = data
            }
        }
        for name in required where library.getTemplate(named: name) == nil {
            throw SiteTemplateError(path: folder.appending(path: name + ".mustache").path,
                                    message: "is missing: a templates folder needs \(required.map { $0 + ".mustache" }.joined(separator: ", ")) (copy templates/default to start).")
        }
        return SiteTemplates(library: library, staticFiles: staticFiles)
    }

    static let escapingPragma = "{{% CONTENT_TYPE: NOTION_EXPORT_HTML}}"
    static let registerEscaping: Void = MustacheContentTypes.register(SiteHTMLContentType(), named: "NOTION_EXPORT_HTML")

    func has(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    func render(_ name: String, _ data: [String: Any]) -> String {
        library.render(data, withTemplate: name) ?? ""
    }
}

/// HTML escaping for `{{x}}`: the same five characters swift-mustache's own escapes (`&`, `<`,
/// `>`, `"`, `'`), over Unicode scalars with a fast path for text that has none, where the library
/// looks every `Character` up in a dictionary (8 % of a site build's CPU). Every template is
/// loaded with a `CONTENT_TYPE` pragma that selects it.
struct SiteHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { CMark.escapeHTML(text) }
}

public struct SiteTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path) \(message)" }
}
