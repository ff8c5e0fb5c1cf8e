import Foundation
import Inquest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret without it ever touching argv: from the terminal with echo off, or as
/// the first line of standard input when that is a pipe (for scripts).
func readSecret(prompt: String) throws -> String {
    let interactive = isatty(STDIN_FILENO) == 1
    var saved = termios()
    if interactive {
        Output.writeError(prompt)
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    }
    let restore = saved
    let restoreEcho: @Sendable () -> Void = {
        if interactive {
            var settings = restore
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
            Output.writeError("\n")
        }
    }
    defer { restoreEcho() }
    // Ctrl-C at the prompt ends the process: with the terminal's echo back on.
    guard let line = Interrupts.withCleanup(restoreEcho, { readLine(strippingNewline: true) }), !line.isEmpty else {
        throw InquestError(.invalidInput, "password: must not be empty (read from the terminal, or the first line of standard input)",
                           field: "password", rule: "password-not-empty")
    }
    return line
}

