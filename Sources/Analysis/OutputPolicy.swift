import Foundation
import TextFormats

/// Where Blocs may put a folder it writes: a path that is new, an empty folder, or a folder Blocs wrote before
/// (it holds the marker file ``markerName``, or lies directly inside a folder that does). Blocs never replaces or
/// deletes anything it did not write.
///
/// Refused, with one line naming the path and what to do instead: a path that is a file, a folder holding other
/// files and no marker, the dataset folder or a folder that contains it, the working directory or a folder that
/// contains it, and any protected path the caller names.
public enum OutputPolicy {
    /// The marker file every Blocs output folder carries.
    public static let markerName = ".blocs-output"
    /// What the marker says to a person who finds it.
    public static let markerText = """
        This folder was written by Blocs. The next run that writes here replaces the whole folder.
        Delete this file to keep Blocs from ever replacing or deleting this folder.

        """

    /// Checks that `destination` may be written (and replaced) as a Blocs output folder.
    ///
    /// - Parameters:
    ///   - destination: the output folder.
    ///   - protecting: folders that must never be replaced nor contained by the output (the dataset folder); the
    ///     working directory is always protected.
    /// - Throws: ``OutputError`` naming the path and what to do, when the path is not Blocs's to write.
    /// - Complexity: one directory listing of `destination` and one path resolution per protected folder.
    public static func check(_ destination: URL, protecting: [URL] = []) throws(OutputError) {
        let dest = canonical(destination)
        let fm = FileManager.default
        let cwd = canonical(URL(fileURLWithPath: fm.currentDirectoryPath))
        for p in protecting {
            let protected = canonical(p)
            if dest == protected {
                throw OutputError(path: destination.path, reason: "it is the dataset folder; choose another output folder (Blocs never writes over its input)")
            }
            if contains(dest, protected) {
                throw OutputError(path: destination.path, reason: "it contains the dataset \(p.path); choose an output folder outside it, e.g. Output/<name>")
            }
        }
        if dest == cwd || contains(dest, cwd) {
            throw OutputError(path: destination.path, reason: "it contains the working directory; choose a folder inside it, e.g. Output/<name>")
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dest.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw OutputError(path: destination.path, reason: "it is a file; give a folder for the output (a new or empty one, or one Blocs wrote)")
        }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: dest.path) } catch {
            throw OutputError(path: destination.path, reason: plainReason(error))
        }
        if entries.isEmpty || entries.contains(markerName) { return }
        // A folder inside a Blocs output (`Output/<dataset>/diagrams` of an analysis) is Blocs's too.
        if fm.fileExists(atPath: dest.deletingLastPathComponent().appendingPathComponent(markerName).path) { return }
        throw OutputError(
            path: destination.path,
            reason: "the folder holds files Blocs did not write (no \(markerName) marker); choose a new or empty folder, or move those files away yourself")
    }

    /// `url` as an absolute path without `.`, `..` or repeated separators, symbolic links resolved as far as the
    /// path exists (`realpath(3)` of the longest existing prefix).
    static func canonical(_ url: URL) -> URL {
        var parts: [String] = []
        let absolute = url.path.hasPrefix("/") ? url.path : FileManager.default.currentDirectoryPath + "/" + url.path
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(String(part))
        }
        var existing = parts.count
        while existing > 0 && !FileManager.default.fileExists(atPath: "/" + parts[..<existing].joined(separator: "/")) { existing -= 1 }
        var prefix = "/" + parts[..<existing].joined(separator: "/")
        if let resolved = realpath(prefix, nil) {
            prefix = String(cString: resolved)
            free(resolved)
        }
        let rest = parts[existing...].joined(separator: "/")
        let path = rest.isEmpty ? prefix : (prefix == "/" ? "/" + rest : prefix + "/" + rest)
        return URL(fileURLWithPath: path)
    }

    /// Checks that a single file may be written at `file`: new, or (with `replace`) an existing regular file; never a
    /// folder, the dataset or anything containing the working directory. Used by commands that write one file.
    ///
    /// - Throws: ``OutputError`` naming the path and what to do.
    public static func checkFile(_ file: URL, replace: Bool, protecting: [URL] = []) throws(OutputError) {
        let path = canonical(file)
        for p in protecting where path == canonical(p) || contains(path, canonical(p)) {
            throw OutputError(path: file.path, reason: "it is or contains the dataset; choose another file")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDir) else { return }
        if isDir.boolValue {
            throw OutputError(path: file.path, reason: "it is a folder; give a file name")
        }
        if !replace {
            throw OutputError(path: file.path, reason: "the file exists; choose a new name, or pass --force to replace it")
        }
    }

    /// Whether `outer` is a proper ancestor of `inner` (both canonical).
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let o = outer.path, i = inner.path
        if o == "/" { return i != "/" }
        return i.hasPrefix(o + "/")
    }
}
