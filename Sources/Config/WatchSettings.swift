import Ingest

/// A `[[watch]]` root: an export folder the daemon watches and where its plates go.
public struct WatchSettings: Sendable, Hashable {
    /// A short stable name for the root (defaults to the folder's path).
    public var id: String
    public var path: String
    /// `auto`, a built-in layout name, or a `[[layout]]` name.
    public var layout: String
    /// Folder that receives `<plate>.ome.zarr`.
    public var output: String
    /// How long a file must stay unchanged before it is used.
    public var quietPeriod: Duration
    /// Stat-walk instead of inotify (network shares are detected and polled anyway).
    public var poll: Bool
    public var pollInterval: Duration
    /// Planes a well must have when the instrument writes no plan: fields, channels, z-planes, timepoints.
    public var expectations: WellExpectations?
    /// How this folder's plates are written when it sets its own output keys (a profile, ngff, codec, level,
    /// chunk, shard, pyramid); nil means the `[output]` section's settings.
    public var outputOptions: IngestOptions?

    public init(id: String, path: String, layout: String = "auto", output: String,
                quietPeriod: Duration = .seconds(30), poll: Bool = false, pollInterval: Duration = .seconds(30),
                expectations: WellExpectations? = nil) {
        self.id = id
        self.path = path
        self.layout = layout
        self.output = output
        self.quietPeriod = quietPeriod
        self.poll = poll
        self.pollInterval = pollInterval
        self.expectations = expectations
    }
}

/// The planes every well should end up with (`expect = { fields = 9, channels = 4 }`).
public struct WellExpectations: Sendable, Hashable {
    public var fields: Int
    public var channels: Int
    public var zPlanes: Int
    public var timepoints: Int

    public init(fields: Int, channels: Int, zPlanes: Int = 1, timepoints: Int = 1) {
        self.fields = fields
        self.channels = channels
        self.zPlanes = zPlanes
        self.timepoints = timepoints
    }

    /// Planes each timepoint of a well should have: a timepoint is written once it has them.
    public var planesPerTimepoint: Int { fields * channels * zPlanes }
}
