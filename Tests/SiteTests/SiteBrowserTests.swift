import Foundation
import NotionModel
import Site
import SiteServer
import TestSupport
import Testing

/// The sample site opened in a real headless browser (Debian's chromium-headless-shell), served by
/// `notion-export serve`'s server: every page loads, every link and image on every page resolves
/// (images decode), the search page finds a post with the site's own search.js, the feed parses and
/// links to pages that exist. A screenshot of the home page is saved to
/// `.build/test-artifacts/site-home.png`.
@Suite(.serialized) struct SiteBrowserTests {
    /// Written next to the site for the test only: walks the site from search.json like a crawler.
    static let checkPage = """
        <!doctype html><meta charset="utf-8"><title>check</title><pre id="result">running</pre>
        <script>
        (async () => {
          const result = { pages: 0, badPages: [], links: 0, badLinks: [], images: 0, badImages: [], feedEntries: 0, badFeed: [] };
          const seen = new Set();
          const index = await (await fetch("search.json")).json();
          for (const entry of index) {
            const url = new URL(entry.u, location.href);
            const response = await fetch(url);
            if (!response.ok) { result.badPages.push(entry.u + " " + response.status); continue; }
            result.pages++;
            const doc = new DOMParser().parseFromString(await response.text(), "text/html");
            for (const a of doc.querySelectorAll("a[href]")) {
              const href = a.getAttribute("href");
              if (/^(https?:|mailto:|tel:|#)/.test(href)) continue;
              const target = new URL(href, url); target.hash = "";
              if (seen.has(target.href)) continue;
              seen.add(target.href);
              result.links++;
              const r = await fetch(target, { method: "HEAD" });
              if (!r.ok) result.badLinks.push(entry.u + " → " + href + " " + r.status);
            }
            for (const img of doc.querySelectorAll("img[src]")) {
              // External images (not downloaded without --download-external) need the internet.
              if (/^https?:/.test(img.getAttribute("src"))) continue;
              const src = new URL(img.getAttribute("src"), url);
              result.images++;
              const ok = await new Promise(resolve => {
                const probe = new Image();
                probe.onload = () => resolve(probe.naturalWidth > 0);
                probe.onerror = () => resolve(false);
                probe.src = src.href;
              });
              if (!ok) result.badImages.push(entry.u + " → " + img.getAttribute("src"));
            }
          }
          const feed = new DOMParser().parseFromString(await (await fetch("feed.xml")).text(), "application/xml");
          if (feed.querySelector("parsererror")) result.badFeed.push("feed.xml does not parse");
          for (const entry of feed.querySelectorAll("entry")) {
            result.feedEntries++;
            const link = entry.querySelector("link").getAttribute("href").replace("https://acme.example/", "/");
            const r = await fetch(link, { method: "HEAD" });
            if (!r.ok) result.badFeed.push(link + " " + r.status);
          }
          document.getElementById("result").textContent = JSON.stringify(result);
        })().catch(error => { document.getElementById("result").textContent = "error: " + error; });
        </script>
        """

    @Test func theSampleSiteWorksInARealBrowser() async throws {
        let harness = try await EmulatorHarness.start()
        defer { Task { await harness.stop() } }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let config = try SiteTests.config(in: folder.url)
        _ = try await SiteTests.publish(harness, config)
        try Data(Self.checkPage.utf8).write(to: config.output.appending(path: "_check.html"))

        let browser = try HeadlessBrowser.find()
        let server = try await StaticSiteServer(root: config.output, port: 0).start()
        do {
            let base = server.baseURL
            // Pages, links, images and the feed, crawled in the browser.
            let dom = try await browser.dumpDOM(of: base.appending(path: "_check.html"), virtualTimeBudget: 30_000)
            let json = try #require(dom.range(of: "<pre id=\"result\">").flatMap { start in
                dom[start.upperBound...].range(of: "</pre>").map { String(dom[start.upperBound..<$0.lowerBound]) }
            })
            let result = try JSONValue(string: json.replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&"))
            #expect(result["pages"] == 64, "\(json)")
            #expect(result["badPages"] == [] && result["badLinks"] == [] && result["badImages"] == [] && result["badFeed"] == [], "\(json)")
            #expect((result["links"]?.intValue ?? 0) > 70 && (result["images"]?.intValue ?? 0) >= 5, "\(json)")
            #expect(result["feedEntries"] == 20)

            // The search page runs search.js against search.json.
            let search = try await browser.dumpDOM(of: URL(string: base.absoluteString + "search/?q=ci%20pipeline")!, virtualTimeBudget: 10_000)
            // The post (title match) first, then the Topics table that mentions it.
            #expect(search.contains("2 results for “ci pipeline”"), "\(search.suffix(2000))")
            #expect(search.contains("<ol class=\"search-results\"><li><a href=\"../blog/a-tour-of-our-ci-pipeline/\">A Tour of Our CI Pipeline</a>"))

            // A missing page gets the 404 page, whose links start from the site root.
            let missing = try await browser.dumpDOM(of: base.appending(path: "no/such/page/"))
            #expect(missing.contains("<h1 class=\"title\">Page not found</h1>"))

            // The home page, as a picture.
            let artifacts = Fixtures.repositoryRoot.appending(path: ".build/test-artifacts")
            try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
            let screenshot = artifacts.appending(path: "site-home.png")
            try? FileManager.default.removeItem(at: screenshot)
            try await browser.screenshot(of: base, to: screenshot)
            let png = try Data(contentsOf: screenshot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
