import NotionModel

extension FrontMatter {
    /// The front matter of a database's document (its table of rows): `title`, `notion_id`,
    /// `notion_url`, `notion_object: database`, `description`, `created_time`,
    /// `last_edited_time`, `icon`, `cover`, `is_inline` (when true), `data_sources` (when more
    /// than one) and `schema` (see `SchemaYAML`; `columns` is its order); keys without a value are
    /// left out.
    public static func yaml(
        forDatabase database: Database?, dataSources: [DataSource], columns: [String], resolver: some ConversionResolver,
        richText: ([RichText]) -> String
    ) -> (text: String, warnings: [ConversionWarning]) {
        withoutActuallyEscaping(richText) { richText in
            var builder = FrontMatterBuilder(resolver: resolver, richText: richText)
            let source = dataSources.first
            var pairs: [(key: String, value: YAML)] = []
            let title = database?.title ?? source?.title ?? []
            pairs.append(("title", .string(title.plainText)))
            // The database's id whether or not its container was read (a data source names it as its parent).
            var sourceDatabase: NotionID?
            if case .database(let id)? = source?.parent { sourceDatabase = id.id }
            if let id = database?.id.id ?? sourceDatabase ?? source?.id.id { pairs.append(("notion_id", .string(id.rawValue))) }
            if let url = database?.url ?? source?.url { pairs.append(("notion_url", .string(url))) }
            pairs.append(("notion_object", .plain("database")))
            if let description = database?.description ?? source?.description, !description.isEmpty {
                pairs.append(("description", .string(richText(description))))
            }
            // The data source's times first: the same whether or not the container was read.
            if let created = source?.createdTime ?? database?.createdTime { pairs.append(("created_time", YAML.timestamp(created))) }
            if let edited = source?.lastEditedTime ?? database?.lastEditedTime { pairs.append(("last_edited_time", YAML.timestamp(edited))) }
            if let icon = database?.icon ?? source?.icon { pairs.append(("icon", builder.icon(icon))) }
            if let cover = database?.cover ?? source?.cover { pairs.append(("cover", builder.file(cover, field: "cover"))) }
            if database?.isInline == true || (database == nil && source?.isInline == true) { pairs.append(("is_inline", .bool(true))) }
            if dataSources.count > 1 {
                pairs.append(("data_sources", .sequence(dataSources.map { .string($0.title.plainText) })))
            }
            if let schema = source?.properties ?? database?.properties, !schema.isEmpty {
                pairs.append(("schema", SchemaYAML.schema(schema, order: columns, resolver: resolver)))
            }
            return ("---\n" + YAML.document(pairs) + "---\n", builder.warnings)
        }
    }
}
