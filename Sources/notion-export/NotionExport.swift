import CLI

// The executable does nothing but start the command line, which lives in the CLI library so that
// tests can call it.
@main
extension NotionExportCommand {}
