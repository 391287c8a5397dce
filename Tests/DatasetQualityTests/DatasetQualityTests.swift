import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel

/// Every bundled dataset under `Datasets/`.
let bundledDatasets: [String] = {
    let root = BuiltBinary.repositoryRoot.appendingPathComponent("Datasets").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/dataset.yaml") }.sorted().map { root + "/" + $0 }
}()

/// The quality rules a bundled dataset must meet, beyond what the loader enforces for any dataset.
/// An exception is allowed where a note explains it: the note of the tie or actor concerned must not be empty.
@Suite("Bundled dataset quality")
struct DatasetQualityTests {
    @Test("The Soviet dataset is bundled")
    func sovietIsBundled() {
        #expect(bundledDatasets.contains { $0.hasSuffix("/soviet-oppositions") })
    }

    @Test("It loads without a problem", arguments: bundledDatasets)
    func loads(path: String) throws {
        _ = try DatasetLoader.load(path)
    }

    @Test("Every tie and event cites a declared source, with the section it comes from", arguments: bundledDatasets)
    func sourced(path: String) throws {
        let net = try DatasetLoader.load(path)
        let declared = Set(net.info.sources.map(\.id))
        for tie in net.ties {
            let what = "\(net.actors[Int(tie.source)].id) \(tie.relation.rawValue) \(net.actors[Int(tie.target)].id) from \(tie.start)"
            #expect(!tie.sources.isEmpty, "tie without a source: \(what)")
            for ref in tie.sources {
                #expect(declared.contains(ref.source), "\(what) cites undeclared \(ref.source)")
                #expect(ref.locator != nil, "\(what) cites \(ref.source) without a section")
            }
        }
        for event in net.events {
            #expect(!event.sources.isEmpty, "event without a source: \(event.date) \(event.description)")
            for ref in event.sources {
                #expect(declared.contains(ref.source))
                #expect(ref.locator != nil, "event \(event.date) \(event.kind) cites \(ref.source) without a section")
            }
        }
    }

    @Test("Seed documents named in dataset.yaml exist", arguments: bundledDatasets)
    func seedFilesExist(path: String) throws {
        let net = try DatasetLoader.load(path)
        let seeds = BuiltBinary.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds").path
        guard FileManager.default.fileExists(atPath: seeds) else { return }  // shared/ sits beside the clone on CI
        for source in net.info.sources {
            guard let file = source.file else { continue }
            #expect(FileManager.default.fileExists(atPath: seeds + "/" + file), "\(source.id): no seed file \(file)")
        }
    }

    @Test("Every faction has a member, or a note saying why not", arguments: bundledDatasets)
    func factionsHaveMembers(path: String) throws {
        let net = try DatasetLoader.load(path)
        let withMembers = Set(net.ties.filter { $0.relation == .member }.map(\.target))
        for (i, actor) in net.actors.enumerated() where actor.kind == .faction {
            #expect(withMembers.contains(Int32(i)) || !actor.note.isEmpty, "faction \(actor.id) has no member and no note")
        }
    }

    @Test("No membership outside its faction's stated lifetime unless noted", arguments: bundledDatasets)
    func membershipsInsideLifetimes(path: String) throws {
        let net = try DatasetLoader.load(path)
        let spanEnd = net.info.span.end
        for tie in net.ties where tie.relation == .member && tie.note.isEmpty {
            let faction = net.actors[Int(tie.target)]
            guard let iv = tie.interval(openEnd: spanEnd) else { continue }
            if let s = faction.start { #expect(iv.start >= s.firstDay, "\(net.actors[Int(tie.source)].id) in \(faction.id) from \(tie.start), before the faction (\(s))") }
            if let e = faction.end {
                // An open-ended membership ends with the faction.
                if tie.end != nil { #expect(iv.end <= e.lastDay, "\(net.actors[Int(tie.source)].id) in \(faction.id) until \(tie.end!), after the faction (\(e))") }
            }
        }
    }

    @Test("Nobody is allied with and rival to the same actor at the same time unless noted", arguments: bundledDatasets)
    func noContradictions(path: String) throws {
        let net = try DatasetLoader.load(path)
        let spanEnd = net.info.span.end
        var byPair: [[Int32]: [Tie]] = [:]
        for tie in net.ties where tie.relation == .alliance || tie.relation == .rivalry {
            byPair[[min(tie.source, tie.target), max(tie.source, tie.target)], default: []].append(tie)
        }
        for (pair, ties) in byPair {
            for a in ties where a.relation == .alliance {
                for b in ties where b.relation == .rivalry {
                    guard let x = a.interval(openEnd: spanEnd), let y = b.interval(openEnd: spanEnd), x.overlaps(y) else { continue }
                    // Ties from different readings of the sources never hold together.
                    if !a.scenarios.isEmpty && !b.scenarios.isEmpty && Set(a.scenarios).isDisjoint(with: b.scenarios) { continue }
                    #expect(!a.note.isEmpty || !b.note.isEmpty,
                            "\(net.actors[Int(pair[0])].id) and \(net.actors[Int(pair[1])].id) are allied (\(a.start)) and rivals (\(b.start)) at once, with no note")
                }
            }
        }
    }

    @Test("Disputed readings are encoded: scenarios exist, are used, and disputed ties are less than certain", arguments: bundledDatasets)
    func disputes(path: String) throws {
        let net = try DatasetLoader.load(path)
        for scenario in net.info.scenarios {
            #expect(net.ties.contains { $0.scenarios.contains(scenario.id) }, "scenario \(scenario.id) tags no tie")
        }
        for tie in net.ties where !tie.scenarios.isEmpty {
            #expect(tie.confidence < 1, "a tie tagged \(tie.scenarios) is disputed, so its confidence should be below 1")
        }
    }
}
