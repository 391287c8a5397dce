// The umbrella module for scripting users: `import Blocs` brings the whole public API.
@_exported import Analysis
@_exported import Batch
@_exported import Checksum
@_exported import Coalitions
@_exported import DatasetIO
@_exported import Diagrams
@_exported import GraphCore
@_exported import GraphvizKit
@_exported import Metrics
@_exported import ReportPage
@_exported import RenderModel
@_exported import Reports
@_exported import Snapshots
@_exported import TemporalModel
@_exported import TextFormats
