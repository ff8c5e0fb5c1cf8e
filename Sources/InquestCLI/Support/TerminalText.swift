/// Makes stored text safe to show on a terminal: the one place every human-readable output
/// goes through (tables, CSV on a terminal, messages and warnings on stderr, progress).
///
/// Case data is typed by many hands, and a value such as a name can carry terminal control
/// sequences (`ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears the screen, colours
/// hide text) or bidirectional overrides that show `gpj.exe` as `exe.jpg`. Printed raw,
/// stored input would rewrite an auditor's screen. So every character that a terminal
/// acts on, or that is invisible, is shown as a Swift-style escape instead: `\u{1B}`,
/// `\u{202E}` (upper-case hexadecimal, no leading zeros). These are:
///
/// - C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F);
/// - every format character (Unicode general category Cf): the bidirectional embeddings,
///   overrides and isolates (U+202A–U+202E, U+2066–U+2069), LRM, RLM and ALM (U+200E,
///   U+200F, U+061C), zero width space (U+200B), word joiner (U+2060), the byte order mark
///   (U+FEFF), soft hyphen (U+00AD), tag characters (U+E0000–U+E007F) …;
/// - the line and paragraph separators U+2028 and U+2029.
///
/// Zero width non-joiner (U+200C) and zero width joiner (U+200D) are format characters too,
/// but they are part of correct Persian spelling (the ZWNJ in «می‌خواهم», «خانه‌ها») and of
/// emoji sequences: they stay as they are.
///
/// Only human-readable output is escaped. JSON keeps every value exact (JSON's own escaping
/// only), and so does CSV written to a file or a pipe: scripts get the data as stored.
/// A literal backslash is not escaped, so text that already reads `\u{1B}` cannot be told
/// apart from an escaped ESC by looking; `--format json` shows the exact value.
enum TerminalText {
    /// How line breaks are shown.
    enum Layout {
        /// A table cell: one line. A line break (LF, or CR LF) is shown as ` ⏎ `; tab and
        /// a lone CR are escaped like any other control character.
        case cell
        /// A message, or CSV on a terminal: line breaks (LF) and tabs stay; a CR, which
        /// would let text overwrite the start of its line, is escaped.
        case lines
    }

    /// `text` with every character a terminal would act on, or would not show, escaped.
    static func escaped(_ text: String, _ layout: Layout) -> String {
        // Most values are plain printable ASCII: leave them untouched, without a copy.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n" where layout == .cell:
                result.append(contentsOf: " ⏎ ".unicodeScalars)
            case "\r" where layout == .cell && pending == "\n":
                continue  // CR LF is one line break
            case "\n" where layout == .lines, "\t" where layout == .lines:
                result.append(scalar)
            case _ where needsEscape(scalar):
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether a terminal would act on `scalar`, or show nothing for it.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200C, 0x200D: return false  // ZWNJ, ZWJ: Persian spelling (see above)
        case 0x20...0x7E: return false
        default:
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
