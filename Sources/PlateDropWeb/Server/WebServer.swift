import Catalog
import Config
import Dispatch
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The daemon's web view and `/metrics` (docs/operations.md §8): a Hummingbird server on its own tasks,
/// reading the catalogue read-only. `start` returns once it listens, or throws when it cannot, so a wrong
/// address stops the daemon at startup instead of leaving it running blind.
public final class WebServer: Sendable {
    private let listen: ListenAddress
    private let catalogPath: String
    private let logger: Logger
    /// The running server's service group, and a signal that it has ended.
    private let serving = Mutex<(group: ServiceGroup, ended: DispatchSemaphore)?>(nil)
    private let stopping = Atomic<Bool>(false)

    public init(listen: ListenAddress, catalogPath: String, logger: Logger) {
        self.listen = listen
        self.catalogPath = catalogPath
        self.logger = logger
    }

    /// Binds and starts serving; returns the address it listens on (with the port chosen when asked for 0).
    public func start() throws(WebServerError) -> String {
        let catalog: CatalogReader
        do {
            catalog = try CatalogReader(path: catalogPath)
        } catch {
            throw .cannotStart(listen: listen.description, detail: "\(error)")
        }
        let site = WebSite(catalog: catalog, registry: MetricsRegistry.shared)
        let responder = WebResponder(site: site, queue: DispatchQueue(label: "platedrop-web"))
        let outcome = Mutex<Result<String, WebServerError>?>(nil)
        let settled = DispatchSemaphore(value: 0)
        let listen = self.listen
        var quiet = logger
        quiet.logLevel = .warning
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: "PlateDrop"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                let bound = listen.isIPv6 ? "[\(listen.host)]:\(port)" : "\(listen.host):\(port)"
                outcome.withLock { $0 = .success(bound) }
                settled.signal()
            },
            logger: quiet)
        let group = ServiceGroup(services: [application], logger: quiet)
        let ended = DispatchSemaphore(value: 0)
        Task { [self] in
            let ending: String
            do {
                try await group.run()
                ending = "the server stopped"
            } catch {
                ending = "\(error)"
            }
            let beforeListening = outcome.withLock { result -> Bool in
                guard result == nil else { return false }
                result = .failure(.cannotStart(listen: listen.description, detail: ending))
                return true
            }
            if beforeListening {
                settled.signal()
            } else if !stopping.load(ordering: .relaxed) {
                logger.error("web view stopped: \(ending)")
            }
            ended.signal()
        }
        settled.wait()
        // Set before either signal.
        let result = outcome.withLock { $0 } ?? .failure(.cannotStart(listen: listen.description, detail: "no answer from the server"))
        let address = try result.get()
        serving.withLock { $0 = (group, ended) }
        return address
    }

    /// Stops serving: no new connections, requests in progress answered (a stuck one is waited for 5 s at most).
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        guard let (group, ended) = serving.withLock({ running in defer { running = nil }; return running }) else { return }
        Task { await group.triggerGracefulShutdown() }
        _ = ended.wait(timeout: .now() + 5)
    }
}
