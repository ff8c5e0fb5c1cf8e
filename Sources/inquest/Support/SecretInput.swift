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
        FileHandle.standardError.write(Data(prompt.utf8))
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    }
    defer {
        if interactive {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw InquestError(.invalidInput, "password: must not be empty (read from the terminal, or the first line of standard input)",
                           field: "password", rule: "password-not-empty")
    }
    return line
}

