"""Whole news web pages around generated articles, for `corpus.py --html-pages`.

Real feeds often deliver the page, not the story: 100-300 KB of HTML in which a 4 KB article sits among a
stylesheet, analytics and bundle scripts, a JSON state blob that repeats the article, navigation menus, a cookie
banner, ad slots, a share bar, a newsletter form, related-story boxes inside the article, teaser cards, a
comment thread and a footer. `news_page` builds such a page, varied and deterministic from its own random
generator (so a page corpus holds exactly the articles of the plain corpus with the same seed). The furniture's
text is made of whole sentences and headlines of *other* stories, so furniture that leaked into an article's text
would link unrelated stories: the benchmark's story count shows it.
"""
import html
import json

SECTIONS = """World Politics Business Markets Economy Technology Science Health Education Climate Sport Football
Tennis Culture Books Film Music Travel Food Opinion Letters Obituaries Weather Traffic Local Crime Courts Property
Jobs Puzzles Podcasts Video Photography Investigations Fact-check Archive""".split()
JS_WORDS = """function return var let const this window document push length prototype call apply bind typeof
undefined null true false new if else for while switch case break continue try catch finally throw object string
number Promise resolve then catch async await JSON parse stringify Object keys assign defineProperty Array isArray
map filter reduce forEach indexOf slice splice concat join split replace setTimeout clearTimeout addEventListener
removeEventListener querySelector getAttribute setAttribute classList dataset createElement appendChild""".split()
CSS_PROPS = ["margin", "padding", "font-size", "line-height", "color", "background", "border", "display", "width",
             "max-width", "grid-template-columns", "flex", "gap", "position", "top", "z-index", "opacity",
             "transition", "font-family", "letter-spacing", "text-transform", "border-radius", "box-shadow"]
COMMENTERS = ["localreader", "J.Martin", "concerned_parent", "oldtimer62", "M. Quill", "harbourwatcher", "anon",
              "taxpayer", "Rosa P.", "citizen_k", "night_owl", "dmv_commuter"]
COMMENT_OPENERS = ["Typical.", "Finally someone says it.", "I was there on the day.", "Nobody asked us.",
                   "Read the whole report before commenting.", "This has been going on for years."]


def _ident(rng, length=None):
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(rng.choice(letters) for _ in range(length or rng.randint(1, 3)))


def _hex(rng, length):
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def _stylesheet(rng, size):
    rules = []
    total = 0
    while total < size:
        selector = rng.choice([".", "#", ""]) + "-".join(_ident(rng, rng.randint(3, 8)) for _ in range(2))
        body = ";".join(f"{rng.choice(CSS_PROPS)}:{rng.randint(0, 48)}px" for _ in range(rng.randint(2, 7)))
        rule = f"{selector}{{{body}}}"
        rules.append(rule)
        total += len(rule)
    return "".join(rules)


def _bundle(rng, size):
    """Minified-looking JavaScript: short identifiers, keywords, string and number literals."""
    parts = []
    total = 0
    while total < size:
        name = _ident(rng)
        kind = rng.randrange(4)
        if kind == 0:
            part = f"function {name}({_ident(rng)},{_ident(rng)}){{return {_ident(rng)}.{rng.choice(JS_WORDS)}(" \
                   f"{_ident(rng)})||{rng.randint(0, 999)}}}"
        elif kind == 1:
            part = f"var {name}=\"{_hex(rng, rng.randint(8, 32))}\",{_ident(rng)}={rng.randint(0, 99999)};"
        elif kind == 2:
            part = f"{_ident(rng)}.{rng.choice(JS_WORDS)}({_ident(rng)}=>{{{_ident(rng)}.{rng.choice(JS_WORDS)}" \
                   f"(\"{rng.choice(JS_WORDS)}\",{_ident(rng)})}});"
        else:
            part = f"if({name}&&{name}.{rng.choice(JS_WORDS)}){{{_ident(rng)}[{rng.randint(0, 64)}]=" \
                   f"{rng.choice(JS_WORDS)}}}else{{{rng.choice(JS_WORDS)}({name})}}"
        parts.append(part)
        total += len(part)
    return "".join(parts)


def _link_list(rng, css_class, labels, prefix):
    items = "".join(f'<li class="{css_class}__item"><a href="{prefix}/{label.lower()}" data-track="{_hex(rng, 8)}">'
                    f"{html.escape(label)}</a></li>" for label in labels)
    return f'<ul class="{css_class}">{items}</ul>'


def _icon(rng):
    """An inline SVG icon, as share buttons and cards carry them."""
    points = " ".join(f"{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}"
                      for _ in range(rng.randint(4, 10)))
    return (f'<svg class="icon icon--{_ident(rng, 5)}" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">'
            f'<path fill="currentColor" d="M{points}Z"></path></svg>')


def _teaser(rng, other, base):
    headline, sentence = other
    slug = "-".join(headline.lower().split()[:8]).strip(",.")
    track = _hex(rng, 8)
    return (f'<div class="card card--{rng.choice(["small", "wide", "lead"])}" data-component="card" '
            f'data-track-id="{track}" data-position="{rng.randint(1, 40)}"><div class="card__media">'
            f'<picture><source srcset="{base}/img/{_hex(rng, 16)}.webp 1x, {base}/img/{_hex(rng, 16)}.webp 2x" '
            f'type="image/webp"><img class="card__img" src="{base}/img/{_hex(rng, 16)}.jpg" alt="" loading="lazy" '
            f'width="320" height="180"></picture></div><div class="card__content"><span class="card__kicker">'
            f'<a href="{base}/{rng.choice(SECTIONS).lower()}">{rng.choice(SECTIONS)}</a></span>'
            f'<h3 class="card__title"><a class="card__link" href="{base}/{rng.randint(1000, 99999)}/'
            f'{html.escape(slug)}" data-link-name="{track}">{html.escape(headline)}</a></h3>'
            f'<p class="card__summary">{html.escape(sentence)}</p><div class="card__meta"><time class="card__time">'
            f'{rng.randint(1, 23)} hours ago</time><span class="card__comments">{_icon(rng)}<span>{rng.randint(0, 900)}'
            f'</span></span></div></div></div>')


def news_page(rng, outlet, headline, byline, date_text, published_at, url, paragraphs, others, target_bytes):
    """The full page of one article. `paragraphs` are the article's text, `others` (headline, sentence) pairs of
    other stories for the page furniture; the page grows to about `target_bytes` with scripts and teasers."""
    slug, name = outlet
    base = f"https://{slug}.example"
    escape = html.escape
    pick = lambda count: [others[rng.randrange(len(others))] for _ in range(count)] if others else []  # noqa: E731
    head = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(headline)} | {escape(name)}</title>",
        f'<link rel="canonical" href="{escape(url)}">',
        f'<meta property="og:title" content="{escape(headline)}">',
        f'<meta property="og:site_name" content="{escape(name)}">',
        f'<meta property="og:url" content="{escape(url)}"><meta property="og:type" content="article">',
        f'<meta property="article:published_time" content="{published_at}">',
        "".join(f'<link rel="preload" href="{base}/static/{_hex(rng, 12)}.{ext}" as="{kind}">'
                for ext, kind in [("js", "script"), ("css", "style"), ("woff2", "font"), ("js", "script")]),
        f"<style>{_stylesheet(rng, rng.randint(8_000, 16_000))}</style>",
        f"<script>window.dataLayer=window.dataLayer||[];dataLayer.push({json.dumps({'pageId': _hex(rng, 24), 'section': rng.choice(SECTIONS), 'wordCount': sum(len(p.split()) for p in paragraphs), 'ab': [_hex(rng, 6) for _ in range(6)]})});</script>",
        '<script type="application/ld+json">' + json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": headline, "datePublished":
            published_at, "author": {"@type": "Person", "name": byline}, "publisher": {"@type": "Organization",
                                                                                        "name": name}}) + "</script>",
        "</head>",
    ]
    sections = rng.sample(SECTIONS, rng.randint(14, len(SECTIONS)))
    body = [
        f'<body class="article-page theme-{_ident(rng, 5)}">',
        '<div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your experience and to show '
        'you relevant advertising. By continuing you accept our cookie policy.</p><button>Accept all</button>'
        "<button>Manage settings</button></div>",
        f'<header class="masthead"><a class="logo" href="{base}/">{escape(name)}</a>'
        f'<div class="masthead__date">{date_text}</div><form class="search" action="{base}/search">'
        '<input name="q" placeholder="Search"></form></header>',
        '<nav class="primary-nav">' + _link_list(rng, "nav-list", sections, base) + "</nav>",
        '<nav class="sub-nav">' + _link_list(rng, "nav-list", [f"{s} {t}" for s in rng.sample(SECTIONS, 6)
                                                                 for t in ("News", "Analysis", "Live")], base)
        + "</nav>",
        '<div class="trending"><h2>Trending</h2><ol>' + "".join(
            f'<li><a href="{base}/t/{rng.randint(1, 9999)}">{escape(h)}</a></li>' for h, _ in pick(8))
        + "</ol></div>",
        f'<div class="ad-slot ad-slot--leaderboard" data-ad-unit="/{rng.randint(1000, 9999)}/{slug}/top">'
        "<noscript>Advertisement</noscript></div>",
        '<main id="main"><div class="breadcrumbs"><a href="/">Home</a> / '
        f'<a href="/{sections[0].lower()}">{sections[0]}</a></div>',
        '<article class="story"><div class="story__header">',
        f'<h1 class="story__headline">{escape(headline)}</h1>',
        f'<div class="byline">{escape(byline)}</div><time datetime="{published_at}">{date_text}</time>',
        '<div class="share-bar">' + "".join(f'<a href="#" class="share-bar__{target}">{_icon(rng)}<span>{label}</span></a>'
                                            for target, label in [("fb", "Share on Facebook"), ("x", "Share on X"),
                                                                  ("mail", "Email this story"), ("link", "Copy link")])
        + "</div></div>",
        f'<figure class="story__image"><img src="{base}/img/{_hex(rng, 20)}.jpg" alt="">'
        f'<figcaption>{escape(others[0][1] if others else headline)} Photo: staff photographer</figcaption></figure>',
        '<div class="story__body" itemprop="articleBody">',
    ]
    boxes = sorted(rng.sample(range(1, max(2, len(paragraphs))), min(2, max(0, len(paragraphs) - 1))))
    for index, paragraph in enumerate(paragraphs):
        if index in boxes:
            if rng.random() < 0.5:
                body.append('<aside class="related-stories"><h4>Related</h4><ul>' + "".join(
                    f'<li><a href="{base}/r/{rng.randint(1, 99999)}">{escape(h)}</a></li>' for h, _ in pick(3))
                    + "</ul></aside>")
            else:
                body.append(f'<div class="advertisement ad-inline" id="ad-{_hex(rng, 6)}"><span>Advertisement'
                            f'</span><iframe src="{base}/ads/{_hex(rng, 10)}" title="ad"></iframe></div>')
        body.append(f"<p>{escape(paragraph)}</p>")
    body += [
        "</div>",
        '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>The day\'s top stories from '
        f'{escape(name)}, in your inbox before breakfast.</p><form><input type="email" placeholder="Email">'
        "<button>Sign up</button></form></div>",
        "</article>",
        '<section class="comments" id="comments"><h2>Comments</h2>' + "".join(
            f'<div class="comment"><span class="comment__author">{rng.choice(COMMENTERS)}</span><p>'
            f"{rng.choice(COMMENT_OPENERS)} {escape(s)}</p></div>" for _, s in pick(rng.randint(2, 8)))
        + "</section>",
        "</main>",
    ]
    # Teaser cards and scripts fill the page to its size, as recirculation modules and bundles do on real sites.
    size = sum(len(p) for p in head) + sum(len(p) for p in body)
    cards = []
    # Mostly markup, as on news sites: cards take 55-75 % of what is left, scripts the rest.
    card_budget = rng.uniform(0.55, 0.75) * max(0, target_bytes - size)
    while others and sum(len(c) for c in cards) < card_budget:
        cards.append(_teaser(rng, pick(1)[0], base))
    body.append(f'<section class="more-from recirculation"><h2>More from {escape(name)}</h2>'
                + "".join(cards) + "</section>")
    body.append('<footer class="site-footer">' + _link_list(rng, "footer-links", rng.sample(SECTIONS, 12), base)
                + f"<p>&copy; 2026 {escape(name)}. All rights reserved.</p></footer>")
    state = {"article": {"id": _hex(rng, 16), "headline": headline, "body": paragraphs, "url": url},
             "config": {"build": _hex(rng, 40), "flags": {_ident(rng, 6): rng.random() < 0.5 for _ in range(30)}}}
    body.append(f"<script>window.__STATE__={json.dumps(state)};</script>")
    size = sum(len(p) for p in head) + sum(len(p) for p in body)
    body.append(f'<script src="{base}/static/{_hex(rng, 12)}.js" async></script>')
    body.append(f"<script>{_bundle(rng, max(2_000, target_bytes - size - 200))}</script>")
    body.append("</body></html>\n")
    return "\n".join(head + body)
