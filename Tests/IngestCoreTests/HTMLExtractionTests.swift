import Testing

@testable import IngestCore

/// Main-text extraction from pages written to look like real article pages.
@Suite struct HTMLExtractionTests {
    /// A wire story on a news site: og and article meta, navigation, cookie banner, share bar, figure, related
    /// box, agency trailer, footer and scripts.
    static let wirePage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>North Korea's Kim shows off banned missiles to Russian minister | Example Wire</title>
          <meta property="og:title" content="North Korea's Kim shows off banned missiles to Russian minister | Example Wire">
          <meta property="og:site_name" content="Example Wire">
          <meta property="og:url" content="https://example.com/world/kim-missiles">
          <meta property="article:published_time" content="2023-07-27T09:14:00Z">
          <meta name="author" content="Hyonhee Shin">
          <link rel="stylesheet" href="/site.css">
          <script>window.dataLayer = [{"page": "article"}];</script>
          <style>.share-bar { display: flex; }</style>
        </head>
        <body>
          <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all</button></div>
          <header class="site-header"><a href="/">Example Wire</a>
            <nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
          </header>
          <main>
            <article>
              <header>
                <h1>North Korea's Kim shows off banned missiles to Russian minister</h1>
                <div class="byline">By Hyonhee Shin</div>
                <time datetime="2023-07-27T09:14:00Z">July 27, 2023</time>
              </header>
              <div class="share-bar"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
              <p>SEOUL, July 27 (Reuters) - Russia&#x27;s defence minister accompanied North Korean leader
                 Kim Jong Un to an exhibition of <em>banned</em> ballistic missiles, state media reported.</p>
              <figure>
                <img src="kim.jpg" alt="Kim Jong Un">
                <figcaption>Kim Jong Un attends a performance in Pyongyang. KCNA via REUTERS</figcaption>
              </figure>
              <p>The U.N. Security Council has banned the missiles. Mr. Shoigu did not comment.</p>
              <aside class="related-stories"><h3>Related</h3><ul><li><a href="#">Parade in Pyongyang</a></li></ul></aside>
              <p>&ldquo;It is a remarkable tour,&rdquo; said Ankit Panda of the Carnegie Endowment.</p>
              <div class="newsletter-signup"><p>Sign up for our daily briefing newsletter.</p></div>
              <p>(Reporting by Hyonhee Shin; Editing by Jane Doe)</p>
            </article>
          </main>
          <footer><p>&copy; 2023 Example Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
          <script>trackPageView();</script>
        </body>
        </html>
        """

    /// A site without <article>: the body is the div holding most paragraph text; metadata only in JSON-LD
    /// and <title>; a sidebar with less text, a comments section and a hidden block.
    static let divPage = """
        <html><head>
        <title>Kim hosts Shoigu at arms expo - Daily Example</title>
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebSite", "name": "Daily Example"},
          {"@type": "NewsArticle", "headline": "Kim hosts Shoigu at arms expo",
           "datePublished": "2023-07-28T06:00:00+09:00",
           "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Park"}],
           "publisher": {"@type": "Organization", "name": "Daily Example"}}
        ]}
        </script>
        </head><body>
        <div class="layout">
          <div class="sidebar-widget"><p>Most read today.</p><p>Weather in Seoul.</p></div>
          <div class="story-body">
            <p>North Korean leader Kim Jong Un showed Russian Defence Minister Sergei Shoigu his newest missiles on
            Wednesday, according to state media, in a display analysts called unusual.</p>
            <p>The visit was the first by a Russian defence minister since the Soviet Union collapsed in 1991.</p>
            <div style="display: none"><p>Hidden tracking text that no reader sees.</p></div>
            <p>Analysts said the tour signalled Moscow's acceptance of the North's weapons programme.</p>
          </div>
          <section id="comments"><p>Reader comment: great article, very informative reporting.</p></section>
        </div>
        </body></html>
        """

    /// Highlights as a list before the first paragraph, <br>-separated text, entities and inline markup.
    static let listPage = """
        <html><head>
        <meta property="og:title" content="Kim&#8217;s arms expo: what we know">
        <meta name="date" content="2023-07-27">
        </head><body><article>
        <ul class="summary-points">
          <li>Shoigu tours <strong>arms</strong> expo</li>
          <li>China&#8217;s delegation attends &amp; watches</li>
        </ul>
        <p>Kim Jong&nbsp;Un hosted the delegations on Thursday.<br>They watched a parade at night.<br><br>
        Fireworks followed.</p>
        <blockquote><p>&ldquo;This is a show of solidarity,&rdquo; an analyst said.</p></blockquote>
        <span hidden>Screen reader note.</span>
        </article></body></html>
        """

    @Test func wirePageExtraction() throws {
        let article = try ParsingSupport.parse(Self.wirePage, .html)
        #expect(ParsingSupport.spanProblems(article) == [])
        #expect(article.title?.text == "North Korea's Kim shows off banned missiles to Russian minister")
        #expect(article.headline == article.title?.text)
        #expect(article.publishedDate == "2023-07-27")
        #expect(article.byline == "Hyonhee Shin")
        #expect(article.siteName == "Example Wire")
        #expect(article.url == "https://example.com/world/kim-missiles")
        #expect(
            article.paragraphs.map(\.text) == [
                "Russia's defence minister accompanied North Korean leader Kim Jong Un to an exhibition of banned "
                    + "ballistic missiles, state media reported.",
                "The U.N. Security Council has banned the missiles. Mr. Shoigu did not comment.",
                "\u{201C}It is a remarkable tour,\u{201D} said Ankit Panda of the Carnegie Endowment.",
            ]
        )
        #expect(article.dateline?.place == "SEOUL")
        #expect(article.dateline?.agency == "Reuters")
        #expect(article.bodySentences.count == 4)
        #expect(article.agencies == ["Reuters", "KCNA"])
        let reasons = Dictionary(grouping: article.removed, by: \.reason).mapValues { $0.map(\.text) }
        #expect(reasons[.caption] == ["Kim Jong Un attends a performance in Pyongyang. KCNA via REUTERS"])
        #expect(reasons[.agencyTrailer] == ["(Reporting by Hyonhee Shin; Editing by Jane Doe)"])
        #expect(reasons[.dateline] == ["SEOUL, July 27 (Reuters) -"])
        // Nothing of the page furniture leaks into the body.
        for leak in [
            "cookies", "Accept", "Share on", "Related", "Parade in Pyongyang", "Sign up", "rights reserved",
            "Privacy", "World", "dataLayer", "trackPageView", "display: flex", "By Hyonhee",
        ] {
            #expect(!article.paragraphs.contains { $0.text.contains(leak) }, "\(leak) leaked into the body")
            #expect(!article.normalizedText.contains(leak.lowercased()), "\(leak) leaked into the normalised text")
        }
        // Outside the article there is no text at all: scripts and site chrome are not article text.
        #expect(!article.text.contains("trackPageView"))
        #expect(!article.text.contains("We use cookies"))
    }

    @Test func divPageUsesTheDenseContainerAndLinkedData() throws {
        let article = try ParsingSupport.parse(Self.divPage, .html)
        #expect(ParsingSupport.spanProblems(article) == [])
        #expect(article.title?.text == "Kim hosts Shoigu at arms expo")
        #expect(article.publishedDate == "2023-07-28")
        #expect(article.byline == "Ann Lee, Bo Park")
        #expect(article.siteName == "Daily Example")
        #expect(article.paragraphs.count == 3)
        #expect(article.paragraphs.first?.text.hasPrefix("North Korean leader Kim Jong Un showed") == true)
        #expect(article.paragraphs.last?.text.hasSuffix("weapons programme.") == true)
        for leak in ["Most read", "Weather", "Hidden tracking", "Reader comment"] {
            #expect(!article.text.contains(leak), "\(leak) leaked")
        }
    }

    @Test func listPageHighlightsEntitiesAndBreaks() throws {
        let article = try ParsingSupport.parse(Self.listPage, .html)
        #expect(ParsingSupport.spanProblems(article) == [])
        #expect(article.title?.text == "Kim\u{2019}s arms expo: what we know")
        #expect(article.publishedDate == "2023-07-27")
        #expect(
            article.highlights.map(\.text) == ["Shoigu tours arms expo", "China\u{2019}s delegation attends & watches"]
        )
        #expect(
            article.paragraphs.map(\.text) == [
                "Kim Jong Un hosted the delegations on Thursday.",
                "They watched a parade at night.",
                "Fireworks followed.",
                "\u{201C}This is a show of solidarity,\u{201D} an analyst said.",
            ]
        )
        #expect(!article.text.contains("Screen reader"))
        // Paragraphs are joined by blank lines in the built text.
        #expect(article.text.contains("Thursday.\n\nThey watched"))
    }

    @Test func htmlInsideEnvelopeTitleWins() throws {
        let article = try ParsingSupport.parse(Self.listPage, .html, title: "Envelope headline")
        #expect(article.headline == "Envelope headline")
        #expect(article.title?.text == "Envelope headline")
        #expect(article.text.hasPrefix("Envelope headline\n\n"))
    }

    @Test func concurrentParsesAgree() async throws {
        let pages = [Self.wirePage, Self.divPage, Self.listPage]
        let expected = try pages.map { try ParsingSupport.parse($0, .html).paragraphs.map(\.text) }
        let results = await withTaskGroup(of: (Int, [String]?).self) { group in
            for round in 0..<24 {
                group.addTask {
                    let index = round % pages.count
                    return (index, try? ParsingSupport.parse(pages[index], .html).paragraphs.map(\.text))
                }
            }
            var results: [(Int, [String]?)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 24)
        for (index, paragraphs) in results { #expect(paragraphs == expected[index]) }
    }

    @Test(arguments: [
        ("Kim shows off missiles | Reuters", "Kim shows off missiles"),
        ("Hello | Site", "Hello"),
        ("Kim shows off missiles - BBC News", "Kim shows off missiles"),
        ("Kim shows off missiles \u{2014} The Example Times", "Kim shows off missiles"),
        // A dash that belongs to the headline stays.
        (
            "Russia - North Korea ties deepen as Shoigu visits Pyongyang for parade",
            "Russia - North Korea ties deepen as Shoigu visits Pyongyang for parade"
        ),
    ])
    func titleSuffixes(raw: String, cleaned: String) {
        #expect(HTMLMetadataScan.cleanTitle(raw) == cleaned)
    }
}
