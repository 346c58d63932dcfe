/// Notion's code block languages ⇄ fence info words. Notion's names contain spaces and symbols
/// (`plain text`, `c++`, `java/c/c++/c#`) that cannot be a fence's first word; each gets the word
/// GitHub's highlighter knows, and the importer maps the word back through the same table.
public enum CodeLanguage {
    /// Notion name → info word, for names that are not already a valid word.
    static let words: [String: String] = [
        "plain text": "text", "c++": "cpp", "c#": "csharp", "f#": "fsharp", "objective-c": "objectivec",
        "ascii art": "ascii-art", "llvm ir": "llvm", "notion formula": "notion-formula", "vb.net": "vbnet",
        "visual basic": "vb", "java/c/c++/c#": "java-c-cpp-csharp", "docker": "dockerfile", "webassembly": "wasm",
    ]
    static let names: [String: String] = Dictionary(uniqueKeysWithValues: words.map { ($1, $0) })

    /// The fence info word for a Notion language (`plain text` → `text`); lowercased, spaces → `-`
    /// for names the table does not know.
    public static func infoWord(for notionLanguage: String) -> String {
        let name = notionLanguage.lowercased()
        if let word = words[name] { return word }
        return name.replacing(" ", with: "-")
    }

    /// The Notion language an info word written by `infoWord(for:)` came from.
    public static func notionLanguage(for infoWord: String) -> String {
        let word = infoWord.lowercased()
        return names[word] ?? word
    }
}
