import Foundation
import PackagePlugin

/// Turns the numbered SQL files in `Schema/` and the object files in `Schema/objects`
/// (with their order, `Schema/objects/order.txt`) into Swift source for the target that
/// uses this plugin, re-running whenever one of them changes or a new one appears.
@main
struct EmbedSchemaPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let schema = context.package.directoryURL.appending(path: "Schema")
        let files = try FileManager.default.contentsOfDirectory(at: schema, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        // Every file and folder under Schema/objects: a folder is an input too, so that a
        // new file in it (or a new folder) re-runs the embedder, which lists them itself.
        var objects: [URL] = [schema.appending(path: "objects")]
        if let walker = FileManager.default.enumerator(
            at: schema.appending(path: "objects"), includingPropertiesForKeys: nil)
        {
            for case let url as URL in walker { objects.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "Embedding Schema/*.sql and Schema/objects",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path, schema.path],
                inputFiles: files + [schema] + objects.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
