import ArgumentParser
import Blocs
import Foundation

/// The `blocs` command tree. The executable only calls `BlocsCommand.main()`.
public struct BlocsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "blocs",
        abstract: "Temporal analysis of alliances and splits between factions.",
        discussion: """
            Blocs reads a dataset folder (actors, dated ties, events, sources; see Datasets/README.md), cuts it into \
            one signed snapshot per period, and analyses each period.

            DATASET is a dataset folder, or the name of a bundled dataset. Without it, commands use the bundled \
            dataset soviet-oppositions.

            Examples:
              blocs validate Datasets/soviet-oppositions
              blocs snapshots --period window:3:1 --level factions
            """,
        version: BlocsVersion.string,
        subcommands: [AnalyzeCommand.self, BatchCommand.self, Validate.self, SnapshotsCommand.self, MetricsCommand.self, BalanceCommand.self, CoalitionsCommand.self, ChangesCommand.self, TimelineCommand.self, RenderCommand.self, StoryCommand.self, RenderWorkerCommand.self, ExportCommand.self, ImportCommand.self]
            + [DrawsCommand.self, ExplainCommand.self, CompareCommand.self]
    )

    public init() {}
}

/// The version printed by `blocs --version` and written in run records.
public enum BlocsVersion {
    public static let string = "0.1.0"
}

/// A failure to be shown to the user as text, with an exit code (1: bad data, 64: bad usage).
struct UserFacingError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
}

extension ParsableCommand {
    /// Runs `body`, turning domain errors into messages on stderr and an exit code.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as DatasetLoadError {
            Console.error(e.description)
            Console.error("\(e.diagnostics.count) problem\(e.diagnostics.count == 1 ? "" : "s") found; nothing was loaded.")
            throw ExitCode(1)
        } catch let e as UserFacingError {
            Console.error("error: \(e.description)")
            throw ExitCode(e.exitCode)
        } catch let e as SnapshotError {
            Console.error("error: \(e.description)")
            throw ExitCode(64)
        } catch let e as TemporalNetworkError {
            Console.error("error: \(e.description)")
            throw ExitCode(64)
        } catch let e as StudyError {
            Console.error("error: \(e.description)")
            throw ExitCode(64)
        } catch let e as SettingsError {
            Console.error("error: \(e.description)")
            throw ExitCode(64)
        } catch let e as GraphvizError {
            Console.error("error: \(e.description)")
            throw ExitCode(1)
        } catch let e as CocoaError {
            // A file error no command turned into a sentence: the path and the plain reason, never Foundation's wording.
            let path = e.filePath ?? e.url?.path
            Console.error("error: " + (path.map { "\($0): " } ?? "") + plainReason(e))
            throw ExitCode(1)
        }
    }
}

