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
/// Workers are reused within a batch and take the next job from one queue, largest first: every render starts from
/// the same Graphviz random state (Graphviz 2.42's spline router jitters obstacles with drand48, which used to carry
/// over from one layout to the next in a process and pinned job `i` to worker `i mod lanes`), so which worker draws
/// a picture does not change its bytes. (A fresh process per picture, an earlier cure, cost a process start per
/// picture: 0.2–0.3 s each for the debug binary under load.)
enum Renderers {
    /// Worker processes per run: two keep two cores busy (the bytes no longer depend on the number).
    static let lanes = 2

    /// - Parameter prepare: start the workers at once (when pictures will be drawn after other work: their
    ///   start-up overlaps it). Workers are kept across the batches of one command (the pages, then the filmstrip):
    ///   renders do not depend on what a worker drew before.
    static func make(inProcess: Bool, prepare: Bool = false) -> any GraphvizRendering {
        if inProcess { return InProcessRenderer() }
        let pool = RenderWorkerPool(command: [executablePath(), RenderWorkerCommand.configuration.commandName ?? "render-worker"],
                                    size: lanes, freshPerBatch: false)
        if prepare { pool.prepare() }
        return pool
    }

    static func executablePath() -> String {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
