import CLI

await NotionExportCommand.main()
