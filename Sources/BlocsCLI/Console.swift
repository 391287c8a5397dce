import Blocs
import Foundation

/// Output to the terminal: results on stdout, diagnostics and progress on stderr.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension ProgressReporter {
    /// Progress on standard error, the one progress display of every command: a line per stage (unless `stages`
    /// is false); steps overwrite each other on a terminal, and are left out in a log.
    static func standardError(stages: Bool = true) -> ProgressReporter {
        let terminal = isatty(2) != 0
        return ProgressReporter { message, transient in
            if transient {
                guard terminal else { return }
                FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8))
            } else if stages {
                FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[K" : "") + "• " + message + "\n").utf8))
            } else if terminal {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            }
        }
    }
}

/// The renderer every drawing command uses: worker processes of this very executable (`blocs render-worker`,
/// so a Graphviz crash loses one picture, not the run), or this process.
///
/// Workers are reused, and job `i` of a batch always goes to worker `i mod lanes`: Graphviz 2.42 keeps state
/// between layouts in one process (its spline router gave coordinates 0.01 apart for the same DOT depending on what
/// the process drew before), so the assignment must not depend on timing. The number of lanes is fixed (not the
/// machine's core count) so that the same input gives the same bytes on every machine. (A fresh process per
/// picture, the previous cure, cost a process start per picture: 0.2–0.3 s each for the debug binary under load.)
enum Renderers {
    /// Worker processes per run: fixed, for output independent of the machine; two keep two cores busy.
    static let lanes = 2

    static func make(inProcess: Bool) -> any GraphvizRendering {
        if inProcess { return InProcessRenderer() }
        return RenderWorkerPool(command: [executablePath(), RenderWorkerCommand.configuration.commandName ?? "render-worker"],
                                size: lanes)
    }

    static func executablePath() -> String {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
