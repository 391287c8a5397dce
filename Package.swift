// swift-tools-version: 6.1
// Blocs: temporal signed-network analysis of factions, alliances and splits.
//
// Modules follow the data flow, and never import upward:
//   dataset files → TemporalModel → Snapshots → Metrics → Diagrams / Reports
// Diagrams writes render jobs (RenderModel); GraphvizKit renders them; Analysis wires the two.
// GraphCore holds the static signed graph every algorithm runs on; DatasetIO reads and writes dataset folders;
// CGraphviz + GraphvizKit own the only door to the Graphviz C library.
import PackageDescription

let package = Package(
    name: "Blocs",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Blocs", targets: ["Blocs"]),
        .executable(name: "blocs", targets: ["blocs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // Documentation only: `swift package generate-documentation --target Blocs`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        // C boundary: system library over libgvc (Debian: libgraphviz-dev), shim header holds the quirks.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // C boundary: LAPACK through LAPACKE (Debian: liblapacke-dev, libopenblas-dev) for dense eigenproblems.
        .systemLibrary(
            name: "CLapack",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "GraphCore"),
        .target(name: "TextFormats"),
        // SHA-256 (report CSP hashes, batch fingerprints).
        .target(name: "Checksum"),
        .target(name: "TemporalModel"),
        .target(name: "Snapshots", dependencies: ["TemporalModel", "GraphCore"]),
        .target(name: "DatasetIO", dependencies: ["TemporalModel", "TextFormats", "Yams"]),
        // Render jobs, engines, errors and the renderer protocol: below Diagrams (which writes jobs) and GraphvizKit
        // (which renders them), so Diagrams does not depend on the Graphviz library.
        .target(name: "RenderModel"),
        // Graphviz's spline-routing visibility graph, same values, computed with a grid of the obstacle edges
        // instead of testing all of them (it replaces libpathplan's visibility/ptVis in the programs it is linked
        // into: Sources/CVisibility/interpose.c).
        .target(name: "CVisibility", linkerSettings: [.linkedLibrary("pathplan")]),
        .target(name: "GraphvizKit", dependencies: ["CGraphviz", "CVisibility", "RenderModel"]),
        .target(name: "Metrics", dependencies: ["GraphCore", "Snapshots", "CLapack"]),
        .target(name: "Coalitions", dependencies: ["GraphCore", "Snapshots", "Metrics"], exclude: ["README.md"]),
        .target(name: "Reports", dependencies: ["Snapshots", "Metrics", "Coalitions", "TextFormats"]),
        // The self-contained HTML report page (its model, markup, charts, CSP hashes), apart from the result tables.
        .target(name: "ReportPage", dependencies: ["TemporalModel", "Snapshots", "Metrics", "Reports", "TextFormats", "Checksum"]),
        .target(name: "Diagrams", dependencies: ["GraphCore", "Snapshots", "TemporalModel", "RenderModel", "Coalitions", "TextFormats"]),
        .target(
            name: "Analysis",
            dependencies: ["TemporalModel", "Snapshots", "Metrics", "Coalitions", "Diagrams", "Reports", "ReportPage", "GraphvizKit", "RenderModel", "TextFormats"]
        ),
        .target(name: "Batch", dependencies: ["Analysis", "DatasetIO", "Reports", "Checksum", "TextFormats", "Uncertainty", "Yams"]),
        // Monte Carlo over ties' confidence, readings and uncertain dates; explain; compare readings (issue 15).
        .target(
            name: "Uncertainty",
            dependencies: ["GraphCore", "TemporalModel", "Snapshots", "Metrics", "Coalitions", "Reports", "ReportPage", "TextFormats", "Analysis"],
            exclude: ["README.md"]
        ),
        .testTarget(name: "UncertaintyTests", dependencies: ["Uncertainty", "TestSupport"]),
        .target(
            name: "Blocs",
            dependencies: ["GraphCore", "TemporalModel", "Snapshots", "Metrics", "Coalitions", "DatasetIO", "GraphvizKit", "Reports", "ReportPage", "Analysis", "Batch", "Diagrams", "Checksum", "TextFormats", "RenderModel"]
        ),
        .target(
            name: "BlocsCLI",
            dependencies: ["Blocs", "Uncertainty", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "blocs", dependencies: ["BlocsCLI"]),
        // scripts/bench's timed pipeline, apart from the `blocs` users run.
        .executableTarget(
            name: "blocs-bench",
            dependencies: ["Blocs", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .target(name: "TestSupport", dependencies: ["Blocs"], path: "Tests/TestSupport"),
        // scripts/test-report's page of the hostile report fixture (TestSupport), apart from the shipped `blocs`.
        .executableTarget(
            name: "blocs-report-fixture",
            dependencies: ["TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/ReportFixtureTool"
        ),
        .testTarget(name: "GraphCoreTests", dependencies: ["GraphCore", "TestSupport"]),
        .testTarget(name: "TemporalModelTests", dependencies: ["TemporalModel"]),
        .testTarget(name: "SnapshotsTests", dependencies: ["Snapshots", "TestSupport"]),
        .testTarget(name: "DatasetIOTests", dependencies: ["DatasetIO", "TestSupport"]),
        .testTarget(name: "GraphvizKitTests", dependencies: ["GraphvizKit", "CVisibility"]),
        .testTarget(name: "DiagramsTests", dependencies: ["Diagrams", "GraphvizKit", "TextFormats", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "ReportPageTests", dependencies: ["ReportPage", "TestSupport"]),
        .testTarget(name: "ChecksumTests", dependencies: ["Checksum"]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TextFormats"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Blocs", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "Uncertainty", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["Blocs", "TestSupport"], exclude: ["Regressions"]),
        .testTarget(name: "DatasetQualityTests", dependencies: ["DatasetIO", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CoalitionsTests", dependencies: ["Coalitions", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["BlocsCLI", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
