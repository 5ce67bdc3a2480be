import Dispatch
import Foundation

/// The threads of a pipeline's stages, started by name and waited for together. A stage blocks on its
/// channels, so each gets a thread of its own rather than a slot in a pool sized to the core count, where
/// a blocked stage could hold the slot the stage it waits for needs.
struct StageThreads: Sendable {
    private let group = DispatchGroup()

    func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread { [group] in
            body()
            group.leave()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once every started thread has finished.
    func wait() {
        group.wait()
    }
}
