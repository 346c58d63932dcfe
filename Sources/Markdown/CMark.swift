import CCmarkGFM
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one lock around every call into libcmark-gfm. The library keeps process-global state (the
/// inline special-character table that extensions edit during a parse), so unlocked concurrent
/// parses corrupt each other's output; see toolchain.md §1.4. Registering the core extensions is a
/// non-atomic check-then-set, so it runs once, here.
let cmarkLock: Mutex<Void> = {
    cmark_gfm_core_extensions_ensure_registered()
    return Mutex(())
}()

/// GitHub-Flavored Markdown through libcmark-gfm: tables, strikethrough, autolinks, tag filter,
/// task lists and footnotes.
public enum CMark {
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Keep raw HTML (with the tag filter applied) instead of replacing it with a comment.
        public static let unsafe = Options(rawValue: CMARK_OPT_UNSAFE)
        public static let footnotes = Options(rawValue: CMARK_OPT_FOOTNOTES)
    }

    /// Renders Markdown to HTML. Every parse and render happens under the process-wide lock, and
    /// the C strings are copied into Swift strings before the lock is released.
    public static func html(_ markdown: String, options: Options = [.footnotes]) -> String {
        cmarkLock.withLock { _ in
            guard let parser = cmark_parser_new(options.rawValue) else { return "" }
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var text = markdown
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let root = cmark_parser_finish(parser) else { return "" }
            defer { cmark_node_free(root) }
            guard let rendered = cmark_render_html(root, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}
