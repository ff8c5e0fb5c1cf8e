import ArgumentParser
import Inquest
@main struct Main: ParsableCommand { }
