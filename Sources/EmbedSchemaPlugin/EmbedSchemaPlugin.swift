import Foundation
import PackagePlugin

/// Turns the numbered SQL files in `Schema/` into Swift source for the target that uses
/// this plugin, re-running whenever one of them changes or a new one appears.
@main
struct EmbedSchemaPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let schema = context.package.directoryURL.appending(path: "Schema")
        let files = try FileManager.default.contentsOfDirectory(at: schema, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "Embedding Schema/*.sql",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path, schema.path],
                // The folder itself is an input too: adding a file changes it, and the
                // embedder lists the folder when it runs, so a new file is never missed.
                inputFiles: files + [schema],
                outputFiles: [output]
            )
        ]
    }
}
