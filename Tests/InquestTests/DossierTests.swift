import Foundation
import Inquest
import Testing
import TestSupport

@Suite("Dossiers")
struct DossierTests {
    @Test("a dossier has its sections and chart, escapes what it shows, and never holds a protected identity")
    func dossier() throws {
        let (database, owner) = try TestDatabase.withCase()
        let cleared = try database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: owner)
        let witness = try cleared.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness <b>K</b>"), roles: ["witness"],
                                                       protected: true, description: nil) }
        let canary = "CANARY-\(UUID().uuidString)"
        _ = try cleared.session.write { transaction in try Identities(transaction).set(person: witness, realName: canary, contact: nil, notes: canary) }
        _ = try cleared.session.write { transaction in try Statements(transaction).add(person: witness, medium: "testimony", classification: ["other"],
                                                Statements.Details(date: "[1988-08-24,1988-08-26]", quotation: "They took him in August.")) }
        let dossier = try cleared.session.read { transaction in try Dossier.load(transaction, person: witness) }
        for format in [Dossier.Format.html, .markdown] {
            let text = dossier.render(format)
            #expect(!text.contains(canary), "\(format)")
            #expect(text.contains("Statements against the evidence") && text.contains("Questions put"))
            #expect(text.contains("[1988-08-24,1988-08-26]"))
        }
        let html = dossier.render(.html)
        #expect(html.contains("Witness &lt;b&gt;K&lt;/b&gt;"))
        #expect(!html.contains("<b>K</b>"))
        #expect(html.contains("<svg") && html.contains("class=\"span uncertain\""))  // the uncertain date is drawn as a span
        #expect(!html.contains("src="))  // nothing loaded from elsewhere
        #expect(!html.contains("<script") && !html.contains("<link"))
    }
}
