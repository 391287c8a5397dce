import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// `blocs draws`: a Monte Carlo run over what the sources leave open.
struct DrawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draws",
        abstract: "Monte Carlo over the ties' confidence and the readings: the probability of every change.",
        discussion: """
            Each draw keeps each tie with probability equal to its confidence, draws the reading by the weights \
            given with --scenario-weight (else keeps --scenario), then runs the whole analysis. Draw k depends only \
            on --draw-seed and k, so the tables are byte-identical whatever the number of cores and however draws \
            are split between processes (--first/--draws with --partial, then --merge). --seed is the coalition \
            heuristics' seed, as in every command. The model and the matching rule: Sources/Uncertainty/README.md.

            Writes to OUT (default Output/<dataset>/uncertainty/), as CSV and JSON:
              events.csv       each change of the reference run and the share of draws in which it occurs (a \
            change in the same period, of the same kind, whose actors overlap it with Jaccard > 0.5); then the \
            changes in at least 5% of draws that the reference run lacks (in_reference=false)
              memberships.csv  per period and actor, the share of draws keeping it in its reference coalition
              balance.csv      per period, mean and 90% interval of balance ratio, frustration, walk balance, conflict
              centrality.csv   per period and actor, mean and 90% interval of the --centrality metrics
              together.csv     per period and pair of actors, the share of draws in which they share a \
            coalition (together-matrix.json: one matrix per period, of at most --matrix-actors actors: those with \
            the largest expected number of co-members, said in the file and on screen)

            Examples:
              blocs draws --draws 2000 --draw-seed 7
              blocs draws --scenario-weight consensus=2 --scenario-weight broue=1 --scenario-weight getty=1
              blocs draws --first 0 --draws 1000 --partial part-0.json       (one task of a split run)
              blocs draws --merge part-0.json part-1.json --out Output/soviet-mc
              blocs analyze --draws 1000                                     (the same tables in OUT/uncertainty/)
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup

    @Option(help: "Number of draws.")
    var draws: Int = 1000

    @Option(name: .customLong("draw-seed"), help: "Seed of the draws (draw k uses a seed derived from this and k only).")
    var drawSeed: UInt64 = 1

    @Option(help: "First draw number (for splitting a run between processes).")
    var first: Int = 0

    @Option(name: .customLong("scenario-weight"), help: ArgumentHelp("Draw the reading: NAME=WEIGHT, repeatable.", valueName: "name=w"))
    var scenarioWeights: [String] = []

    @Flag(help: "Keep every tie (draw only the readings and dates).")
    var keepAllTies = false

    @Flag(help: "Keep or drop together the ties that cite exactly the same passages.")
    var coupleCitations = false

    @Option(help: ArgumentHelp("Centralities given intervals, comma-separated, or 'none'.", valueName: "metrics"))
    var centrality: String = NodeMetric.pagerank.rawValue

    @Flag(help: "Do not count how often each pair of actors shares a coalition.")
    var noPairs = false

    @Option(name: .customLong("matrix-actors"), help: ArgumentHelp("The most actors of a period's matrix in together-matrix.json (together.csv keeps every pair).", valueName: "n"))
    var matrixActors: Int = UncertaintyTables.matrixActorLimit

    @Option(name: .customLong("draw-balance"), help: ArgumentHelp("Balance in the draws: full (the analysis's settings), light (8 walk-balance probes, 4 frustration starts), or auto (light when a period has more than 1,000 actors).", valueName: "auto|full|light"))
    var drawBalance: String = DrawBalance.auto.rawValue

    @Flag(help: "Keep every draw's centrality values in double precision on large networks too (single above 100,000 values a draw).")
    var exactSamples = false

    @Flag(help: "Skip balance in the draws (its frustration index dominates the cost of a draw on large networks).")
    var noBalance = false

    @Flag(help: "Do not count the changes absent from the reference run (their count grows with the draws on large networks).")
    var noExtraEvents = false

    @Option(help: "Worker threads (default: every core). Does not change any result.")
    var workers: Int?

    @Option(help: ArgumentHelp("Write this process's partial result to FILE instead of the tables.", valueName: "file"))
    var partial: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Merge these partial results and write the tables.", valueName: "files"))
    var merge: [String] = []

    @Option(help: ArgumentHelp("Output folder (default: Output/<dataset>/uncertainty).", valueName: "dir"))
    var out: String?

    @Flag(help: ArgumentHelp("Print where the time of the draws goes (one thread) instead of writing tables.", visibility: .hidden))
    var profile = false

    func validate() throws {
        guard draws > 0 else { throw ValidationError("--draws must be at least 1") }
        guard first >= 0 else { throw ValidationError("--first must be 0 or more") }
        _ = try weights()
        _ = try metrics()
        guard DrawBalance(rawValue: drawBalance) != nil else { throw ValidationError("--draw-balance must be auto, full or light") }
        guard matrixActors >= 1 else { throw ValidationError("--matrix-actors must be at least 1") }
        if workers.map({ $0 < 1 }) ?? false { throw ValidationError("--workers must be at least 1") }
    }

    func weights() throws -> [ScenarioWeight] {
        try scenarioWeights.map { text in
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let w = Double(parts[1]), w > 0, w.isFinite else {
                throw ValidationError("bad --scenario-weight '\(text)': use NAME=WEIGHT with a weight > 0, e.g. broue=1")
            }
            return ScenarioWeight(String(parts[0]), w)
        }
    }

    func metrics() throws -> [NodeMetric] {
        if centrality == "none" { return [] }
        return try centrality.split(separator: ",").map { name in
            guard let m = NodeMetric(rawValue: String(name)) else {
                throw ValidationError("unknown --centrality '\(name)' (use \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")) or none)")
            }
            return m
        }
    }

    func run() throws {
        try reportingErrors {
            let started = Date()
            let (datasetPath, network) = try input.load()
            let dataset = URL(fileURLWithPath: datasetPath)
            // Where the results go, checked before any draw (the output policy of every writing command): a partial
            // result replaces only a file that is itself a partial result; tables go into a new, empty or Blocs folder.
            var folder: OutputFolder?
            if let partial, profile == false {
                let url = URL(fileURLWithPath: partial)
                let isTally = FileManager.default.fileExists(atPath: partial) && (try? Self.readPartial(partial)) != nil
                do { try OutputPolicy.checkFile(url, replace: isTally, protecting: [dataset]) } catch { throw UserFacingError(description: "\(error)") }
            } else if !profile {
                let destination = URL(fileURLWithPath: out ?? "Output/\(network.info.name)/uncertainty")
                do { folder = try OutputFolder(destination: destination, protecting: [dataset]) } catch { throw UserFacingError(description: "\(error)") }
            }
            defer { folder?.discard() }
            var study = snapshot.settings
            try coalition.apply(to: &study)
            noteEmptyPeriods(try Study(network, settings: study))
            let settings = try DrawSettings(study, network: network)
            let weights = try weights()
            for w in weights { _ = try network.resolveScenario(w.scenario) }
            let choice: ScenarioChoice
            if !weights.isEmpty { choice = .weighted(weights) }
            else if snapshot.scenario == nil, let declared = DrawModel.scenarioWeights(declaredIn: network.info) { choice = .weighted(declared) }
            else { choice = .fixed(settings.snapshot.scenario) }
            let model = DrawModel(seed: drawSeed, scenarios: choice, dropTies: !keepAllTies,
                                  coupling: coupleCitations ? .sameCitation : .independent)
            let mc = try MonteCarlo(network: network, settings: settings, model: model,
                                    options: UncertaintyOptions(centrality: try metrics(), pairs: !noPairs, balance: !noBalance,
                                                                        extraEventShare: noExtraEvents ? nil : 0.05,
                                                                        drawBalance: DrawBalance(rawValue: drawBalance) ?? .auto,
                                                                        singleSamplesAbove: exactSamples ? Int.max : UncertaintyOptions().singleSamplesAbove))
            if let note = mc.drawBalanceNote { Console.error("balance " + note + "; --draw-balance full to change") }
            if let note = mc.samplesNote { Console.error(note + "; --exact-samples for double precision (8 bytes per value and draw)") }
            if profile {
                let p = try mc.profile(draws: first..<(first + draws))
                let total = p.seconds.reduce(0) { $0 + $1.seconds }
                for s in p.seconds {
                    Console.out(s.stage.padding(toLength: 13, withPad: " ", startingAt: 0)
                        + String(format: " %8.3f s  %5.1f%%  %8.3f ms/draw\n", s.seconds, 100 * s.seconds / max(total, 1e-12), 1000 * s.seconds / Double(draws)))
                }
                Console.out(String(format: "total          %8.3f s  (%.0f draws/s on one thread); period cache: %d hits, %d misses\n", total, Double(draws) / max(total, 1e-12), p.hits, p.misses))
                return
            }
            var tally: DrawTally
            if merge.isEmpty {
                tally = try mc.run(draws: first..<(first + draws), workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
            } else {
                tally = try Self.readPartial(merge[0])
                for f in merge.dropFirst() { try Self.mergeOrFail(&tally, try Self.readPartial(f), file: f) }
            }
            let seconds = Date().timeIntervalSince(started)
            if let partial {
                do {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    let url = URL(fileURLWithPath: partial)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try encoder.encode(tally).write(to: url, options: .atomic)
                } catch {
                    throw UserFacingError(description: "cannot write \(partial): \(plainReason(error))")
                }
                Console.error(String(format: "%d draws (%d..<%d) in %.1f s; partial result in %@", tally.count, first, first + draws, seconds, partial))
                return
            }
            let result: UncertaintyResult
            do { result = try mc.finish(tally) } catch let e as UncertaintyError { throw UserFacingError(description: e.description) }
            guard let folder else { return }
            do {
                try UncertaintyTables.write(result, model: model, into: folder, matrixLimit: matrixActors)
                try folder.commit()
            } catch {
                throw UserFacingError(description: "\(error)")
            }
            Console.error(Self.summary(result, seconds: seconds, folder: folder.destination.path, matrixLimit: matrixActors))
        }
    }

    static func readPartial(_ path: String) throws -> DrawTally {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw UserFacingError(description: "cannot read \(path): \(plainReason(error))")
        }
        do {
            return try JSONDecoder().decode(DrawTally.self, from: data)
        } catch {
            throw UserFacingError(description: "\(path): not a partial result of blocs draws (not the JSON that --partial writes); write one with --partial")
        }
    }

    static func mergeOrFail(_ tally: inout DrawTally, _ other: DrawTally, file: String) throws {
        do { try tally.merge(other) } catch { throw UserFacingError(description: "\(file): \(error.description)") }
    }

    static func summary(_ r: UncertaintyResult, seconds: Double, folder: String, matrixLimit: Int) -> String {
        var lines = [String(format: "%d draws in %.1f s (%.0f draws/s)", r.draws, seconds, Double(r.draws) / max(seconds, 1e-9))]
        let uncertain = r.events.filter { $0.inReference && $0.probability < 0.95 && $0.kind != "continuation" }
        lines.append("Reference changes certain in >= 95% of draws: \(r.events.filter { $0.inReference && $0.probability >= 0.95 }.count) of \(r.events.filter(\.inReference).count)")
        if !uncertain.isEmpty {
            lines.append("Least certain changes:")
            for e in uncertain.sorted(by: { $0.probability < $1.probability }).prefix(8) {
                lines.append(String(format: "  %@  %3.0f%%  %@", e.period, e.probability * 100, e.detail))
            }
        }
        let extra = r.events.filter { !$0.inReference }
        if !extra.isEmpty { lines.append("Changes not in the reference run but in >= 5% of draws: \(extra.count) (events.csv, in_reference=false)") }
        if let note = UncertaintyTables.matrixNote(r, limit: matrixLimit) { lines.append(note + "; --matrix-actors N to change") }
        lines.append("Tables in \(folder)/")
        return lines.joined(separator: "\n")
    }
}

extension DrawsCommand {
    /// `blocs analyze --draws N --draw-seed S`: runs N draws with the analysis's own settings and reading (every
    /// tie kept with probability = confidence; readings drawn when the dataset declares weights and no --scenario
    /// was given), taking the finished analysis as the reference run, and writes the tables into the output folder
    /// under `uncertainty/`, committed with the rest. Runs before the diagrams are drawn, so that their shading can
    /// use ``EventProbabilities/membershipCertainty``.
    /// - Returns: the probability of each change of the analysis (by its index in the history), the columns the
    ///   main tables gain, and the membership certainty per period and actor.
    @discardableResult
    static func addDraws(_ draws: Int, seed: UInt64, scenarioGiven: Bool, to result: AnalysisResult, into folder: OutputFolder,
                         progress: ProgressReporter) throws -> EventProbabilities {
        guard draws > 0 else { throw UserFacingError(description: "--draws must be at least 1", exitCode: 64) }
        let started = Date()
        progress.stage("\(draws) Monte Carlo draws (seed \(seed))")
        let model = DrawModel.analysis(seed: seed, network: result.network, scenario: result.options.scenario, scenarioGiven: scenarioGiven)
        let mc = MonteCarlo(reference: result, model: model, options: UncertaintyOptions(centrality: [result.settings.rankBy]))
        if let note = mc.drawBalanceNote { progress.stage("balance " + note + "; blocs draws --draw-balance full for the full settings") }
        if let note = mc.samplesNote { progress.stage(note + "; blocs draws --exact-samples for double precision") }
        let summary: UncertaintyResult
        do { summary = try mc.finish(try mc.run(draws: 0..<draws)) } catch let e as UncertaintyError {
            throw UserFacingError(description: e.description)
        }
        do { try UncertaintyTables.write(summary, model: model, into: folder, under: "uncertainty/") } catch { throw UserFacingError(description: "\(error)") }
        if let note = UncertaintyTables.matrixNote(summary) { progress.stage("uncertainty/" + note + "; blocs draws --matrix-actors N for larger matrices") }
        progress.stage(String(format: "%d draws in %.1f s; probabilities in uncertainty/events.csv", draws, Date().timeIntervalSince(started)))
        return EventProbabilities(summary.drawColumns(), history: result.history)
    }
}

/// `--draws N --draw-seed S` on `coalitions`, `changes` and `balance`: the same model, seeds and tables as
/// `analyze --draws` (`--seed` stays the coalition heuristics' seed, as on every command).
struct DrawOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("Also run N Monte Carlo draws (see blocs draws) and add their probabilities or intervals.", valueName: "n"))
    var draws: Int?

    @Option(name: .customLong("draw-seed"), help: "Seed of the draws (same seed, same tables; draw k depends only on it and k).")
    var drawSeed: UInt64 = 1

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
    }

    /// Runs the draws against `study` as the reference run (its coalitions and changes; balance only when
    /// `balance`), with no centrality and no pair counts unless asked.
    func run(_ study: Study, scenarioGiven: Bool, balance: Bool = false, pairs: Bool = false) throws -> (UncertaintyResult, DrawModel)? {
        guard let draws else { return nil }
        let settings = try DrawSettings(study.settings, network: study.network)
        let model = DrawModel.analysis(seed: drawSeed, network: study.network, scenario: study.options.scenario, scenarioGiven: scenarioGiven)
        let options = UncertaintyOptions(centrality: [], pairs: pairs, balance: balance)
        let reference = DrawOutcome(history: study.history, balances: balance ? study.balances : [], metrics: [])
        let mc = MonteCarlo(network: study.network, settings: settings, model: model, options: options, reference: reference)
        if let note = mc.drawBalanceNote { Console.error("balance " + note + "; blocs draws --draw-balance full for the full settings") }
        do { return (try mc.finish(try mc.run(draws: 0..<draws)), model) } catch let e as UncertaintyError {
            throw UserFacingError(description: e.description)
        }
    }
}
