import ArgumentParser

struct TestimonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "testimony", abstract: "(being built)")
}
