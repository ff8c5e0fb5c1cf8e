import ArgumentParser

struct DisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disclosure", abstract: "(being built)")
}
