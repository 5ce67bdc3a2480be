import Zarr

/// A response of the web view before it meets HTTP: status, media type, body and how long it may be cached.
struct WebResponse: Sendable {
    let status: Int
    let contentType: String
    let body: [UInt8]
    /// `Cache-Control` value.
    var caching = "no-store"

    static func html(_ text: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8))
    }

    static func json(_ text: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "application/json", body: Array(text.utf8))
    }

    /// Prometheus text exposition format 0.0.4.
    static func metrics(_ text: String) -> WebResponse {
        WebResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(text.utf8))
    }

    /// A thumbnail URL names the well's generation, so what it returns never changes.
    static func png(_ bytes: [UInt8]) -> WebResponse {
        WebResponse(status: 200, contentType: "image/png", body: bytes, caching: "max-age=86400")
    }

    static func notFound(_ what: String, json: Bool) -> WebResponse {
        problem(what, title: "Not found", status: 404, json: json)
    }

    /// An error page, or `{"error": …}` for the JSON API.
    static func problem(_ message: String, title: String, status: Int, json: Bool) -> WebResponse {
        json ? .json((["error": .string(message)] as JSONValue).prettySerialized() + "\n", status: status)
            : .html(HTML.page(title: title, body: "<h1>\(HTML.escape(title))</h1><p>\(HTML.escape(message))</p>"), status: status)
    }
}
