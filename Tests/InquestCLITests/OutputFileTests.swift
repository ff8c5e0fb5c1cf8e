import Foundation
import Testing
import TestSupport

/// Files the CLI writes (`--out`) are written in place: a special file or a link at the
/// path must survive (run as root, a rename over `/dev/null` replaced the device).
@Suite("Output files are written in place")
struct OutputFileTests {
    @Test("--out through a symlink writes its target and leaves the link; a key file gets mode 0600 even if it existed")
    func inPlace() throws {
        let cli = CLI(database: try TestDatabase())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("out"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let target = dir.appendingPathComponent("real.jsonl")
        let link = dir.appendingPathComponent("link.jsonl")
        #expect(FileManager.default.createFile(atPath: target.path, contents: nil))
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try cli.owner(["case", "create", "IR-OUT", "--title", "Output files"]).status == 0)
        let export = try cli.owner(["audit", "export", "--out", link.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path, "the link is still a link")
        #expect(try Data(contentsOf: target).count > 0, "the export went to the link's target")

        let key = dir.appendingPathComponent("log")
        #expect(FileManager.default.createFile(atPath: key.path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        let keygen = try runInquest(["audit", "keygen", "--name", "out.example/log", "--out", key.path])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the private key is readable by its owner only")
    }
}
