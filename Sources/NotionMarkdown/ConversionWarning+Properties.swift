extension ConversionWarning.Kind {
    /// A file, icon or cover of a type this build does not know: its raw JSON.
    public static let unknownFileType = ConversionWarning.Kind(rawValue: "unknown file type")
    /// A property value Notion sent only in part: a relation with `has_more` (the page object
    /// lists the first 25 pages), a rollup Notion reports as `incomplete`.
    public static let incompleteProperty = ConversionWarning.Kind(rawValue: "incomplete property")
}
