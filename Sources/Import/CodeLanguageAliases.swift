import NotionMarkdown
import NotionModel

/// A fence's info word → Notion's code language: first the words the exporter writes
/// (`CodeLanguage`), then Notion's own names, then the aliases people type (`py`, `ts`, `sh`, …).
enum CodeLanguageAliases {
    /// Notion's `language` enum (notion-api.md §8, SDK `LanguageRequest`).
    static let notion = Set(NotionCodeLanguage.all)

    /// Common fence words that are not Notion names.
    static let aliases: [String: String] = [
        "": "plain text", "text": "plain text", "txt": "plain text", "plain": "plain text", "plaintext": "plain text",
        "py": "python", "python3": "python", "py3": "python", "ts": "typescript", "tsx": "typescript", "js": "javascript",
        "jsx": "javascript", "mjs": "javascript", "cjs": "javascript", "node": "javascript", "sh": "shell", "zsh": "shell",
        "console": "shell", "shell-session": "shell", "shellsession": "shell", "fish": "shell", "ksh": "shell",
        "yml": "yaml", "md": "markdown", "rb": "ruby", "rs": "rust", "kt": "kotlin", "kts": "kotlin", "cs": "c#",
        "cpp": "c++", "cxx": "c++", "cc": "c++", "hpp": "c++", "h": "c", "objc": "objective-c", "golang": "go",
        "ps1": "powershell", "pwsh": "powershell", "ps": "powershell", "tex": "latex", "dockerfile": "docker",
        "make": "makefile", "mk": "makefile", "proto": "protobuf", "patch": "diff", "jsonc": "json", "json5": "json",
        "hs": "haskell", "ex": "elixir", "exs": "elixir", "erl": "erlang", "clj": "clojure", "cljs": "clojure",
        "ml": "ocaml", "pl": "perl", "asm": "assembly", "gql": "graphql", "tf": "hcl", "terraform": "hcl",
        "coffee": "coffeescript", "fs": "f#", "fsharp": "f#", "vbnet": "vb.net", "wasm": "webassembly", "wat": "webassembly",
        "htm": "html", "xhtml": "html", "svg": "xml", "plist": "xml", "sol": "solidity", "sc": "scala", "rkt": "racket",
        "jl": "julia", "mmd": "mermaid", "gradle": "groovy", "toml": "toml", "ini": "plain text", "csv": "plain text",
    ]

    /// The Notion language of `word`, or nil when nothing knows it.
    static func language(for word: String) -> String? {
        let lowered = word.lowercased()
        let exported = CodeLanguage.notionLanguage(for: lowered)
        if notion.contains(exported) { return exported }
        let spaced = lowered.replacing("-", with: " ")
        if notion.contains(spaced) { return spaced }
        return aliases[lowered]
    }
}
