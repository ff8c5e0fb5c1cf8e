import Crypto
import Foundation
import Inquest
import Testing
import TestSupport

@Suite("Case export")
struct ExportTests {
    @Test("every record is exported once, the manifest's counts and hashes match, --redact leaves out sensitive fields")
    func export() throws {
        let (database, owner) = try TestDatabase.withCase()
        let cleared = try database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: owner)
        let nouri = try cleared.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Abdollah Nouri"), roles: ["official"],
                                                    protected: false, description: "Minister of Interior, 1988") }
        _ = try cleared.session.write { transaction in try People(transaction).addName(person: nouri, .init(full: "Abdollah Noori", kind: "source_spelling", source: "press")) }
        let witness = try cleared.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness Q"), roles: ["witness"],
                                                       protected: true, description: nil) }
        let canary = "CANARY-\(UUID().uuidString)"
        _ = try cleared.session.write { transaction in try Identities(transaction).set(person: witness, realName: canary, contact: nil, notes: nil) }
        var plan = Testimonies.Plan()
        plan.place = "SAFE-HOUSE-CANARY"
        _ = try cleared.session.write { transaction in try Testimonies(transaction).schedule(deponent: witness, plan) }

        for redact in [false, true] {
            let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export"))
            let manifest = try cleared.session.read { transaction in try CaseExport(transaction).export(case: "IR-1988", to: directory, redact: redact) }
            let byName = Dictionary(uniqueKeysWithValues: manifest.files.map { ($0.name, $0) })
            #expect(byName["person.jsonl"]?.records == 2)
            #expect(byName["person_name.jsonl"]?.records == 3)
            #expect(byName["testimony_session.jsonl"]?.records == 1)
            var all = ""
            for file in manifest.files {
                let data = try Data(contentsOf: directory.appending(path: file.name))
                #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == file.sha256, "\(file.name)")
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.split(separator: "\n").count == file.records, "\(file.name)")
                all += text
            }
            #expect(!all.contains(canary))                         // protected identities are never exported
            #expect(all.contains("SAFE-HOUSE-CANARY") == !redact)  // a SENSITIVE column, left out with --redact
            #expect(manifest.redacted == redact)
            #expect(FileManager.default.fileExists(atPath: directory.appending(path: "manifest.json").path))
        }
        #expect(throws: InquestError.self) {
            try cleared.session.read { transaction in try CaseExport(transaction).export(case: "NO-SUCH", to: FileManager.default.temporaryDirectory, redact: false) }
        }
    }
}
