import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens `path` for writing: created, or truncated in place.
///
/// Not `FileManager.createFile`, which writes a temporary file and renames it over the
/// path: run as root with `--out /dev/null` (or a FIFO, or a symlink), that replaces the
/// special file itself. A regular file gets `mode` even if it existed with another (key
/// files must not stay world-readable).
/// - Throws: `InquestError.invalidInput` naming `field` and the system's reason.
public func openForWriting(_ path: String, field: String, mode: mode_t = 0o644) throws -> FileHandle {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else {
        throw InquestError(.invalidInput, "\(field): cannot write \(path) (\(String(cString: strerror(errno))))", field: field)
    }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
        _ = fchmod(descriptor, mode)
    }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
}
