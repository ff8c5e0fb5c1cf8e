import ArgumentParser

struct SummonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summons", abstract: "(being built)")
}
