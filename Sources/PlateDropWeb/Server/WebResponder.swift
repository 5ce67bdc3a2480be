import Dispatch
import Hummingbird

/// Hummingbird's side of the web view: GET and HEAD only (the view never changes anything; other methods
/// get 405), each answer made by `WebSite` on one serial queue, so a burst of requests costs the daemon's
/// machine at most one thread.
struct WebResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: WebSite
    let queue: DispatchQueue

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "read-only: GET and HEAD only\n")))
        }
        let path = request.uri.path
        let answer = await withCheckedContinuation { continuation in
            queue.async { [site] in continuation.resume(returning: site.respond(to: path)) }
        }
        let headers: HTTPFields = [
            .contentType: answer.contentType, .cacheControl: answer.caching, .contentLength: String(answer.body.count),
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
    }
}
