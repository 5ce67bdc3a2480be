import Dispatch

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// "30s", "0.5s": how intervals appear in state reasons.
    var secondsText: String {
        let value = self / .seconds(1)
        if value == value.rounded() {
            return "\(Int64(value))s"
        }
        return "\((value * 1000).rounded() / 1000)s"
    }
}

extension ContinuousClock.Instant {
    /// The same moment on the Dispatch clock, for semaphore timeouts.
    var dispatchTime: DispatchTime {
        let remaining = max(Int64(0), (self - .now).nanoseconds)
        return DispatchTime.now() + .nanoseconds(Int(remaining))
    }
}
