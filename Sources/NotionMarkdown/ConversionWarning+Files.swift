extension ConversionWarning.Kind {
    /// A file, icon or cover of a type this build does not know: its raw JSON.
    public static let unknownFileType = ConversionWarning.Kind(rawValue: "unknown file type")
}
