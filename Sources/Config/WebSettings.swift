/// The `[web]` section: the read-only web view and `/metrics`, off unless `listen` is set.
public struct WebSettings: Sendable, Hashable {
    /// Where the web view listens; nil: no web view.
    public var listen: ListenAddress?

    public init(listen: ListenAddress? = nil) {
        self.listen = listen
    }
}
