@testable import PlateDropWeb
import Testing

@Suite("HTML escaping and page shell")
struct HTMLTests {
    @Test("every character that could open a tag or end an attribute is escaped")
    func escapes() {
        #expect(HTML.escape(#"<img src=x onerror="alert('1')">&amp;"#)
                == "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;")
        #expect(HTML.escape("Plate 1 – ü") == "Plate 1 – ü")
    }

    @Test("a page escapes its title and loads nothing from elsewhere")
    func page() {
        let page = HTML.page(title: "</title><script>", body: "<p>x</p>", poll: ["/api/plates/a%26b"])
        #expect(page.contains("<title>&lt;/title&gt;&lt;script&gt;</title>"))
        #expect(page.contains("data-poll=\"/api/plates/a%26b\""))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src="))
    }

    @Test("byte counts in binary units")
    func bytes() {
        #expect(HTML.bytes(512) == "512 B")
        #expect(HTML.bytes(1536) == "1.5 KiB")
        #expect(HTML.bytes(3 << 30) == "3.0 GiB")
    }
}
