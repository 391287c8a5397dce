// The umbrella module for scripting users: `import Blocs` brings the whole public API.
@_exported import DatasetIO
@_exported import GraphCore
@_exported import GraphvizKit
@_exported import Snapshots
@_exported import TemporalModel
@_exported import Reports
