import ArgumentParser
import Blocs
import Foundation

/// Options shared by `coalitions`, `changes` and `timeline`: how coalitions are found and matched.
struct CoalitionOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Coalition method: components, correlation (default), blockmodel:K (or blockmodel:K:ALPHA), louvain.",
        valueName: "method"))
    var method: String = CoalitionMethod.default.description

    @Option(help: "Seed of the heuristics (same seed, same coalitions).")
    var seed: UInt64 = 1

    @Option(name: .customLong("min-size"), help: "Smallest coalition; actors in smaller groups are unaligned.")
    var minimumSize: Int = 2

    @Option(help: ArgumentHelp("Jaccard threshold θ in (0, 1] for matching coalitions of consecutive periods.", valueName: "theta"))
    var threshold: Double = TrackingSettings().threshold

    @Option(help: ArgumentHelp("A coalition unseen for this many consecutive periods is dead (≥ 1).", valueName: "d"))
    var grace: Int = TrackingSettings().grace

    func validate() throws {
        do {
            _ = try CoalitionMethod(parsing: method)
            _ = try TrackingSettings.validated(threshold: threshold, grace: grace)
            if minimumSize < 1 { throw CoalitionError.badMinimumSize(minimumSize) }
        } catch let e as CoalitionError {
            throw ValidationError(e.description)
        }
    }

    var settings: CoalitionSettings {
        get throws {
            CoalitionSettings(method: try CoalitionMethod(parsing: method), seed: seed, minimumSize: minimumSize)
        }
    }

    var tracking: TrackingSettings { get throws { try TrackingSettings.validated(threshold: threshold, grace: grace) } }

    /// Loads, cuts and analyses: the history every coalition command starts from.
    func history(_ input: DatasetArgument, _ snapshot: SnapshotOptionGroup) throws -> (TemporalNetwork, CoalitionHistory) {
        let (_, network) = try input.load()
        let options = try snapshot.options(for: network)
        let snapshots = try SnapshotBuilder(network: network, options: options).build()
        return (network, analyseCoalitions(snapshots, network: network, settings: try settings, tracking: try tracking))
    }

    func describe(_ network: TemporalNetwork, _ history: CoalitionHistory) -> [(String, String)] {
        SnapshotTable.settings(history.periods.first?.snapshot.options, network: network)
            + [("method", method), ("seed", String(seed)), ("min-size", String(minimumSize)),
               ("threshold", String(threshold)), ("grace", String(grace))]
    }
}

/// `blocs coalitions`: the coalitions of every period.
struct CoalitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalitions",
        abstract: "Find the coalitions of every period: members, labels, ties inside and across.",
        discussion: """
            One block per period: the number of coalitions, the share of the largest, the effective number \
            (1/Σ share²), signed modularity, the method's objective (and whether it is proven optimal), then \
            one row per coalition with its stable id (the same across periods), label (the recorded faction \
            overlapping it most, else its most central member), size, internal density, and positive and \
            negative ties inside and across. Ties that contradict the partition (alliances across, rivalries \
            inside) are listed with --violations.

            Methods: components (alliance components), correlation (fewest violating ties, exact on small \
            snapshots; the default), blockmodel:K (Doreian–Mrvar with K blocks, α = 0.5; blockmodel:K:ALPHA), \
            louvain (signed modularity). See Sources/Coalitions/README.md.

            Examples:
              blocs coalitions
              blocs coalitions Datasets/soviet-oppositions --method louvain --format json --out coalitions.json
              blocs coalitions --level factions --method blockmodel:2
              blocs coalitions --period window:3:1 --violations
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions

    @Flag(help: "List the violating ties of every period (table format).")
    var violations = false

    func run() throws {
        try reportingErrors {
            let (network, history) = try coalition.history(input, snapshot)
            let settings = coalition.describe(network, history)
            let text: String
            switch output.format {
            case .json: text = CoalitionReport.json(history, network: network, settings: settings)
            case .csv: text = CoalitionReport.table(history, network: network, settings: settings).csv()
            case .table: text = CoalitionReport.text(history, network: network, settings: settings, violations: violations)
            }
            try output.write(text: text)
        }
    }
}

extension OutputOptions {
    /// Writes ready text to `--out` or standard output.
    func write(text: String) throws {
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw UserFacingError(description: "cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            Console.out(text)
        }
    }
}

enum CoalitionReport {
    static func optimality(_ p: PeriodCoalitions) -> String {
        switch p.provenOptimal {
        case .some(true): return "proven optimal"
        case .some(false): return "heuristic"
        case .none: return p.method == .components ? "exact (no optimisation)" : "heuristic"
        }
    }

    static func memberNames(_ c: Coalition, _ network: TemporalNetwork) -> String {
        c.members.map { network.actors[Int($0)].name }.joined(separator: "; ")
    }

    /// One row per coalition, with the period's measures repeated (CSV).
    static func table(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> ResultTable {
        var table = ResultTable(
            columns: ["period", "id", "label", "size", "density", "pos_inside", "neg_inside", "pos_across", "neg_across",
                      "members", "coalitions", "largest_share", "effective_number", "signed_modularity", "objective", "proven_optimal"],
            settings: settings)
        for p in history.periods {
            for c in p.coalitions {
                table.append([
                    .text(p.period.label), .text(c.id), .text(c.label), .int(c.size), .real(c.density),
                    .int(c.positiveInside), .int(c.negativeInside), .int(c.positiveAcross), .int(c.negativeAcross),
                    .text(c.members.map { network.actors[Int($0)].id }.joined(separator: ";")),
                    .int(p.coalitions.count), .real(p.largestShare), .real(p.effectiveNumber), .real(p.signedModularity),
                    .real(p.objective), p.provenOptimal.map { .bool($0) } ?? .missing,
                ])
            }
        }
        return table
    }

    static func text(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)], violations: Bool) -> String {
        var out = settings.map { "\($0.0): \($0.1)" }.joined(separator: "  ") + "\n"
        out += "objective: \(history.periods.first?.method.objectiveName ?? "")\n"
        for p in history.periods {
            out += "\n\(p.period.label): \(p.coalitions.count) coalition\(p.coalitions.count == 1 ? "" : "s")"
            out += String(format: ", largest share %.3f, effective number %.2f, signed modularity %.4f, objective %@ (%@), %d violating tie%@",
                          p.largestShare, p.effectiveNumber, p.signedModularity, format(p.objective), optimality(p),
                          p.violations.count, p.violations.count == 1 ? "" : "s")
            if !p.unaligned.isEmpty { out += ", \(p.unaligned.count) unaligned" }
            out += "\n"
            var t = ResultTable(columns: ["id", "label", "size", "density", "+in", "-in", "+across", "-across", "members"])
            for c in p.coalitions {
                t.append([.text(c.id), .text(c.label), .int(c.size), .real(c.density), .int(c.positiveInside),
                          .int(c.negativeInside), .int(c.positiveAcross), .int(c.negativeAcross), .text(memberNames(c, network))])
            }
            if !p.coalitions.isEmpty { out += t.text(digits: 3).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") }
            if !p.unaligned.isEmpty {
                out += "  unaligned: " + p.unaligned.map { network.actors[Int($0)].name }.joined(separator: ", ") + "\n"
            }
            if violations && !p.violations.isEmpty {
                out += "  violating ties:\n"
                for v in p.violations {
                    out += "    \(v.sign == .positive ? "alliance across" : "rivalry inside"): \(network.actors[Int(v.a)].name) – \(network.actors[Int(v.b)].name) (weight \(format(v.weight)))\n"
                }
            }
        }
        return out
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4f", x)
    }

    static func json(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> String {
        func actor(_ a: Int32) -> String {
            "{\"id\": \(JSON.quote(network.actors[Int(a)].id)), \"name\": \(JSON.quote(network.actors[Int(a)].name))}"
        }
        var out = "{\n  \"settings\": {" + settings.map { "\(JSON.quote($0.0)): \(JSON.quote($0.1))" }.joined(separator: ", ") + "},\n"
        out += "  \"objective\": \(JSON.quote(history.periods.first?.method.objectiveName ?? "")),\n  \"periods\": ["
        for (i, p) in history.periods.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"period\": \(JSON.quote(p.period.label)), \"count\": \(p.coalitions.count), "
            out += "\"largest_share\": \(JSON.value(.real(p.largestShare))), \"effective_number\": \(JSON.value(.real(p.effectiveNumber))), "
            out += "\"signed_modularity\": \(JSON.value(.real(p.signedModularity))), \"objective\": \(JSON.value(.real(p.objective))), "
            out += "\"proven_optimal\": \(p.provenOptimal.map { $0 ? "true" : "false" } ?? "null"),\n"
            out += "     \"coalitions\": ["
            for (j, c) in p.coalitions.enumerated() {
                out += j == 0 ? "\n" : ",\n"
                out += "       {\"id\": \(JSON.quote(c.id)), \"label\": \(JSON.quote(c.label)), \"size\": \(c.size), "
                out += "\"density\": \(JSON.value(.real(c.density))), \"positive_inside\": \(c.positiveInside), "
                out += "\"negative_inside\": \(c.negativeInside), \"positive_across\": \(c.positiveAcross), "
                out += "\"negative_across\": \(c.negativeAcross), \"central\": \(actor(c.central)), "
                out += "\"members\": [" + c.members.map(actor).joined(separator: ", ") + "]}"
            }
            out += p.coalitions.isEmpty ? "],\n" : "\n     ],\n"
            out += "     \"unaligned\": [" + p.unaligned.map(actor).joined(separator: ", ") + "],\n"
            out += "     \"violations\": [" + p.violations.map {
                "{\"a\": \(JSON.quote(network.actors[Int($0.a)].id)), \"b\": \(JSON.quote(network.actors[Int($0.b)].id)), \"sign\": \($0.sign == .positive ? "\"+\"" : "\"-\""), \"weight\": \(JSON.value(.real($0.weight)))}"
            }.joined(separator: ", ") + "]}"
        }
        out += history.periods.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
