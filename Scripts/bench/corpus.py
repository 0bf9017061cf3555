#!/usr/bin/env python3
"""A deterministic corpus of realistic news articles for the end-to-end benchmark.

    corpus.py OUT_DIR [--articles 8000] [--seed 1] [--first-story 0] [--html-pages]

Writes OUT_DIR/<outlet>/<nnnnnn>-<slug>.txt|.json and OUT_DIR/.bench-corpus.json (a manifest with counts and
each file's story number; hidden, so ingest-producer and the reference worker skip it). The same arguments always give byte-identical files.

Stories are invented from the word lists below (no real text is copied). Each story starts as a wire report of
about 4 KB with direct quotes ("...," said Jane Doe, the city's finance director), reported speech and figures;
outlets then carry it as wire reprints, trimmed copies, lightly edited near-duplicates and independent rewrites
that reuse some of its quotes, some reworded. About a third of the outlets publish JSON objects (url, title,
published_at, byline, body), the others plain text. Every article is distinct after lower-casing and keeping
words only, so a worker that stores each distinct text once stores every file.

With --html-pages every article is instead written as the whole web page an outlet serves (`pages.py`: 100-300
KB of scripts, styles, menus, ads, teasers and comments around the same text), as a crawler would deliver it.
The articles are the same as without it for the same seed; only their wrapping differs. --paragraphs N keeps only
the first N paragraphs of every article (news briefs: the lead and a quote or two), a mix that stores fewer rows.
"""
import argparse
import hashlib
import json
import os
import random
import re
import sys
from collections import deque

import pages  # noqa: E402

GENERATOR_VERSION = 6  # bump on any change to the output, so cached corpora are regenerated

FIRST_NAMES = """Jane Omar Priya Tobias Greta Malik Ingrid Rafael Noor Desmond Leona Kasimir Aurelia Benedikt Yusra
Caspian Marisol Teodor Hanna Emeka Solveig Dario Fenella Joaquin Mireille Anselm Beatriz Cormac Delphine Ezra
Farida Gideon Hollis Isolde Jovan Katya Lorcan Magnus Nadia Orla Piotr Quentin Rosalind Severin Thea Ulrich Vesna
Wendell Xenia Yannick Zora Amara Bram Celeste Dmitri Elodie Florian Gisela Henrik Ines Jasper""".split()

LAST_NAMES = """Doe Okafor Lindqvist Abernathy Castellanos Whitcombe Haldane Moreau Takahashi Brennan Kowalczyk Ferreira
Achterberg Mbeki Fairweather Quinlan Rasmussen Delacroix Ostrowski Pemberton Valdivia Marchetti Ellingsen Nakamura
Thornbury Osei Halloran Bergström Carvalho Drummond Eastwick Falkner Gallagher Hargreaves Iversen Jablonski Kessler
Lachance Mortimer Nygaard Oyelaran Prescott Ruane Sandoval Tremblay Underhill Vasquez Wexford Yardley Zeller
Ashdown Blackwood Corrigan Dunleavy Everard Fitzroy""".split()

CITIES = """Ashford Vale|Port Merrow|Kelbridge|Dunmore Flats|Saltwick|Orrin Falls|Brackenholm|Leeward City|Cinderford|
Halloway|Marrowgate|Eastcombe|Tillbury Cross|Fenmoor|Greyhaven|Westmarch|Larkspur Bay|Quarry Hill|Redhaven|
Stonebridge|Thornfield|Upper Wyle|Vantor|Wickham Reach|Yarrowby|Alderport|Bellmouth|Coldwater Junction|Dray Harbor|
Elmstead""".replace("\n", "").split("|")

REGIONS = """Norland|the Eastern Province|Calder County|the Southern Reach|Weald District|Marren Valley|the Coastal
Territory|Haverland""".replace("\n", " ").split("|")

# Outlets, with the format they publish in. The wire agencies are where reprints come from.
WIRES = [("continental-wire", "Continental Wire", "json"), ("meridian-press", "Meridian Press Agency", "text")]
OUTLETS = [
    ("daily-lantern", "The Daily Lantern", "text"), ("harbor-gazette", "Harbor Gazette", "text"),
    ("valley-courier", "Valley Courier", "json"), ("metro-tribune", "Metro Tribune", "text"),
    ("evening-standard-post", "Evening Standard Post", "text"), ("civic-record", "Civic Record", "json"),
    ("northgate-news", "Northgate News", "text"), ("the-ledger-online", "The Ledger Online", "json"),
    ("riverside-herald", "Riverside Herald", "text"), ("capital-dispatch", "Capital Dispatch", "text"),
    ("plainsview-journal", "Plainsview Journal", "json"), ("bayside-bulletin", "Bayside Bulletin", "text"),
]

# Each topic: nouns that fill its sentences, the organisations and roles of its speakers, and the phrases its
# quotes and context sentences are built from. {city}, {org}, {n}, {pct}, {money}, {month} are filled per story.
TOPICS = {
    "budget": dict(
        subject="the {city} budget",
        headlines=["{city} faces {money} budget gap as council weighs cuts", "Council in {city} votes on {money} "
                   "spending plan", "{city} budget shortfall widens to {money}, officials say"],
        orgs=["the {city} City Council", "the {city} Finance Department", "the {city} Taxpayers Association",
              "the Municipal Workers Union of {city}"],
        roles=["the city's finance director", "a member of the council's budget committee", "mayor of {city}",
               "president of the {city} Taxpayers Association", "an economist at {region} State University"],
        things=["property tax revenue", "the pension fund", "road repairs", "library hours", "the reserve fund",
                "transit subsidies", "park maintenance", "overtime costs"],
        actions=["cut spending on {thing}", "raise fees for {thing}", "delay payments into {thing}",
                 "borrow against {thing}", "freeze hiring for {thing}", "protect funding for {thing}"],
    ),
    "strike": dict(
        subject="the {org} strike",
        headlines=["{n} transit workers walk out in {city}", "Strike halts buses and trams across {city}",
                   "Talks collapse as {city} transit strike enters day {small}"],
        orgs=["the {city} Transit Authority", "the Amalgamated Transit Workers", "the {city} Chamber of Commerce",
              "the {region} Labor Board"],
        roles=["general secretary of the Amalgamated Transit Workers", "chief executive of the {city} Transit "
               "Authority", "a spokesperson for the {city} Chamber of Commerce", "a bus driver for {years} years",
               "the regional labor commissioner"],
        things=["night shifts", "the pay offer", "pension contributions", "safety staffing", "overtime rules",
                "the automation plan", "depot closures", "sick leave"],
        actions=["renegotiate {thing}", "walk away from {thing}", "put {thing} to a ballot", "guarantee {thing}",
                 "suspend {thing}", "arbitrate over {thing}"],
    ),
    "court": dict(
        subject="the ruling on {org}",
        headlines=["Court strikes down {city} rule on short-term rentals", "Judge sides with residents in {city} "
                   "zoning fight", "Appeals court orders new hearing in {city} land case"],
        orgs=["the {region} Court of Appeals", "the {city} Planning Board", "the Residents for Fair Housing",
              "the {city} Property Owners Council"],
        roles=["a lawyer for the residents", "the city attorney", "a professor of law at {region} State University",
               "chair of the {city} Planning Board", "a spokesperson for the Property Owners Council"],
        things=["the zoning code", "rental permits", "the environmental review", "the appeal deadline",
                "the public hearing", "the permit fees", "the settlement", "the injunction"],
        actions=["challenge {thing}", "rewrite {thing}", "comply with {thing}", "appeal {thing}",
                 "suspend {thing}", "enforce {thing}"],
    ),
    "merger": dict(
        subject="the {org} deal",
        headlines=["{org_short} agrees to buy rival for {money}", "{org_short} shares jump on {money} takeover bid",
                   "Regulators to review {money} {org_short} merger"],
        orgs=["Halcyon Logistics", "Brightwater Foods", "Kestrel Software", "Ironvale Steel", "Lumen Grid Energy",
              "Parallax Robotics", "Silverline Freight", "Tidewater Pharmaceuticals"],
        roles=["chief executive of {org}", "chief financial officer of {org}", "an analyst at Cobalt Securities",
               "a portfolio manager at Northwind Capital", "head of the {region} Competition Office"],
        things=["the share price", "the integration plan", "job cuts", "the debt package", "regulatory approval",
                "the dividend", "the board vote", "market share"],
        actions=["secure {thing}", "rule out {thing}", "finance {thing}", "delay {thing}", "scrutinise {thing}",
                 "announce {thing}"],
    ),
    "storm": dict(
        subject="the storm in {city}",
        headlines=["Storm floods hundreds of homes in {city}", "{city} begins cleanup after record rainfall",
                   "Thousands without power as storm batters {region}"],
        orgs=["the {region} Emergency Management Agency", "the {city} Fire Department", "Northern Power and Light",
              "the National Weather Bureau"],
        roles=["director of the {region} Emergency Management Agency", "the {city} fire chief",
               "a spokesperson for Northern Power and Light", "a meteorologist at the National Weather Bureau",
               "a shop owner on Harbour Street"],
        things=["the evacuation order", "power lines", "the river levels", "emergency shelters", "the flood barriers",
                "insurance claims", "the drainage system", "road closures"],
        actions=["lift {thing}", "repair {thing}", "inspect {thing}", "reinforce {thing}", "expand {thing}",
                 "pay for {thing}"],
    ),
    "health": dict(
        subject="the hospital plan in {city}",
        headlines=["{city} hospital to close maternity ward", "Waiting times at {city} clinics hit record",
                   "Health board approves new {money} hospital wing in {city}"],
        orgs=["the {city} General Hospital", "the {region} Health Board", "the Nurses Association of {region}",
              "the Patients First Alliance"],
        roles=["chief medical officer of the {region} Health Board", "president of the Nurses Association",
               "a surgeon at {city} General Hospital", "a spokesperson for the Patients First Alliance",
               "the health minister"],
        things=["waiting lists", "the maternity ward", "nurse staffing", "the new wing", "ambulance response times",
                "the clinic budget", "emergency beds", "recruitment"],
        actions=["reduce {thing}", "close {thing}", "fund {thing}", "review {thing}", "reopen {thing}",
                 "protect {thing}"],
    ),
    "housing": dict(
        subject="the housing plan in {city}",
        headlines=["{city} unveils plan for {n} affordable homes", "Rents in {city} climb {pct} in a year",
                   "Tenants protest eviction wave in {city}"],
        orgs=["the {city} Housing Authority", "the Tenants Union of {city}", "the {region} Builders Federation",
              "the {city} Department of Planning"],
        roles=["director of the {city} Housing Authority", "an organiser with the Tenants Union",
               "president of the {region} Builders Federation", "a housing economist at {region} State University",
               "a tenant in the Eastcourt estate"],
        things=["rent controls", "the building permits", "the vacancy tax", "public land", "eviction rules",
                "the housing fund", "construction costs", "social housing"],
        actions=["extend {thing}", "streamline {thing}", "cap {thing}", "sell {thing}", "tighten {thing}",
                 "double {thing}"],
    ),
    "schools": dict(
        subject="the school closures in {city}",
        headlines=["{city} to close {small} schools as enrollment falls", "Parents fight school merger plan in {city}",
                   "Teachers in {city} warn of staff shortage"],
        orgs=["the {city} School Board", "the {region} Teachers Federation", "the {city} Parents Council",
              "the {region} Education Ministry"],
        roles=["superintendent of {city} schools", "president of the {region} Teachers Federation",
               "chair of the {city} Parents Council", "a history teacher at Northside High",
               "the education minister"],
        things=["class sizes", "the bus routes", "teacher salaries", "the closure list", "special education",
                "school meals", "the enrollment forecast", "building repairs"],
        actions=["reverse {thing}", "consult on {thing}", "cut {thing}", "publish {thing}", "shield {thing}",
                 "invest in {thing}"],
    ),
}

# A small grammar for the sentences of a story. The lists are long enough that two unrelated stories rarely share
# a run of five words, so only the copies and rewrites of one story look alike, as in a real news feed.
ADJECTIVES = """revised delayed disputed costly temporary permanent emergency regional federal municipal quarterly annual
preliminary independent confidential public private overdue sweeping modest ambitious controversial unexpected
long-awaited unpopular bipartisan voluntary mandatory interim detailed draft final rival local national cautious
aggressive fragile stalled expanded reduced frozen renewed binding nonbinding landmark routine unusual steep gradual
surprise scaled-back fast-tracked""".split()
NOUNS = """contract proposal audit inquiry deadline shortfall subsidy tariff pension levy grant loan permit license
lawsuit verdict appeal ballot referendum coalition merger dividend layoff wage overtime mortgage eviction shelter clinic
vaccine outbreak drought levee bridge tunnel railway highway airport terminal warehouse factory refinery pipeline
reservoir turbine substation curriculum campus scholarship museum stadium festival ordinance moratorium settlement
injunction subpoena testimony hearing amendment charter mandate waiver rebate surcharge bond deficit surplus forecast
inventory shipment fleet depot runway dam canal quarry orchard harvest cooperative startup lender insurer regulator
watchdog ombudsman tribunal commission caucus""".split()
PLURALS = """residents commuters tenants landlords nurses teachers farmers shopkeepers retirees students drivers
engineers contractors investors donors volunteers inspectors auditors lawmakers councillors economists analysts
parents patients homeowners developers fishermen miners dockworkers pilots cleaners""".split()
VERBS = """approved rejected delayed postponed questioned funded audited blocked revived scrapped extended trimmed
doubled challenged endorsed criticised defended reviewed suspended reinstated overhauled announced disclosed
withdrew renegotiated capped expanded paused accelerated""".split()
INFINITIVES = """approve reject delay postpone question fund audit block revive scrap extend trim double challenge
endorse defend review suspend reinstate overhaul disclose renegotiate cap expand pause accelerate""".split()
PHRASES = """after weeks of talks|despite objections from {plural}|ahead of the {month} deadline|for the second time this
year|under pressure from {plural}|without a public vote|following a leaked memo|amid rising costs|before the summer
recess|after a heated hearing|at the request of {plural}|in a late-night session|on a narrow vote|pending a legal
review|in response to complaints from {plural}|with little warning|in a closed-door meeting""".replace("\n", " ").split("|")
REPORTING = ["according to {org}", "officials said", "records show", "a spokesperson confirmed",
             "people familiar with the matter said", "according to figures released on {weekday}",
             "the agency said in a filing", "local media reported"]
QUOTE_OPENERS = ["we cannot", "nobody should", "it would be reckless to", "we are not going to", "we have to",
                 "families cannot afford to", "our members will not", "it is simply wrong to", "we have a duty to",
                 "there is no plan to", "we will do everything we can to", "it is far too early to",
                 "the numbers do not allow us to", "people deserve to know why we", "I do not believe we should",
                 "nobody here wants to", "we were never asked whether to", "it makes no sense to"]
QUOTE_LEADS = ["{adj_cap} {noun} or not,", "With the {adj} {noun} looming,", "Whatever {plural} think of the {noun},",
               "{noun_cap} {noun2} aside,", "After the {adj} {noun},", "As far as the {adj} {noun} goes,"]
QUOTE_TAILS = ["without a clear plan for the {adj} {noun}", "while {plural} still wait for the {adj} {noun}",
               "just because {plural} are tired of the {adj} {noun}", "when {n} {plural} depend on the {adj} {noun}",
               "and pretend the {noun} will fix the {adj} {noun2}", "before anyone has seen the {adj} {noun}",
               "on the backs of {plural} who rely on the {adj} {noun}", "in a way that hurts {plural} and the {noun}",
               "because of one {adj} {noun} and a {adj2} {noun2}", "until the {adj} {noun} has been explained"]
# Second sentences of quotes; filled, so that unrelated stories do not share short stock sentences.
QUOTE_EXTRAS = ["This is about the {adj} {noun} and the {noun2}.", "The clock is running on the {adj} {noun}.",
                "We have been clear from day one about the {adj} {noun}.", "Ask {plural} what the {adj} {noun} costs.",
                "That is the reality of the {adj} {noun}.", "I hope they listen to {plural} on the {adj} {noun}.",
                "We will keep talking about the {adj} {noun}.", "The next {small} weeks will decide the {adj} {noun}."]
HEADLINE_TAILS = ["after {adj} {noun}", "amid {adj} {noun}", "over {adj} {noun}", "as {plural} question {noun}",
                  "despite {adj} {noun}", "in {adj} {noun} row"]
SAID = ["said", "said", "said", "told reporters", "added", "said in a statement", "told the {outlet_short}"]
REPORTED_VERBS = ["said", "noted", "argued", "warned", "told reporters", "added"]

# Context sentences. Each starts and ends with words drawn from the long lists above: the dedup stage keys
# sentences by their first and last six words, and real sentences rarely share those by chance.
CONTEXT = [
    "{plural_cap} {verb} the {adj} {noun} {phrase}, leaving the {adj2} {noun2} in doubt.",
    "{adj_cap} {noun} talks {verb} by {org} on {weekday} left {plural} facing a {adj2} {noun2}.",
    "The {adj} {noun} would cost {money} over {small} years, and {plural} say the {noun2} is {adj2}.",
    "About {n} {plural} in {city} depend on the {noun}, roughly {pct} of the {adj} {noun2}.",
    "Talks over the {adj} {noun} have dragged on since {month}, when {org} {verb} the {adj2} {noun2}.",
    "{city} last faced a {adj} {noun} in {year}, when {plural} {verb} a {adj2} {noun2} for {days} days.",
    "A {adj} report on the {noun} put its cost at {money}, up from {money2} for the {adj2} {noun2}.",
    "Critics of the {adj} {noun} say it leaves {plural} exposed to the {adj2} {noun2}.",
    "{noun_cap} plans are expected to {infinitive} the {adj} {noun2} by {month}, {reporting}, along with the "
    "{adj2} {noun3}.",
    "{plural_cap} {verb} the {noun} {phrase}, and {small} {adj} {noun2} votes remain undecided.",
    "A survey of {n} {plural} found that {pct} wanted {org} to {infinitive} the {adj} {noun}.",
    "{adj_cap} {noun} fears have officials in {region} watching closely, since {small} towns face a {adj2} {noun2}.",
    "{adj_cap} {noun} worries led shops near {street} to report losing {pct} of their trade to the {adj2} {noun2}.",
    "{adj_cap} {noun} questions went unanswered as {org} declined to comment on {thing} or the {adj} {noun2}.",
    "Under {adj} {noun} rules, {org} must {infinitive} the {noun2} by {month} {day} or face a {adj2} {noun3}.",
    "More than {n} {plural} packed {venue} on {weekday} evening to hear the {adj} {noun} {verb}.",
    "The {adj} {noun} accounted for {pct} of {noun2} spending in {year}, up from {pct2} in {year2}.",
]
STREETS = ["Harbour Street", "Mill Lane", "Kingsway", "Market Square", "Canal Road", "Station Parade", "Elm Row"]
VENUES = ["the {city} Civic Center", "Grange Hall", "the public library on Kingsway", "St Aldric's church hall"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# A copy editor's synonyms, for near-duplicates.
EDITS = [("said", "stated"), ("about", "around"), ("residents", "people"), ("officials", "authorities"),
         ("expected", "projected"), ("critics", "opponents"), ("since", "ever since"), ("more than", "over"),
         ("published", "released"), ("evening", "night"), ("roughly", "some"), ("council", "city council")]


class Story:
    """One news event: its people, places and figures, and the wire report every other article derives from."""

    def __init__(self, rng, number):
        self.rng = rng
        self.number = number
        self.topic_name = rng.choice(sorted(TOPICS))
        self.topic = TOPICS[self.topic_name]
        self.city = rng.choice(CITIES)
        self.region = rng.choice(REGIONS)
        self.org = self.fill(rng.choice(self.topic["orgs"]))
        self.month = rng.randrange(12)
        self.day = rng.randint(1, 28)
        self.year = 2026
        self.people = [self.person() for _ in range(rng.randint(3, 5))]
        self.quotes = [self.quote() for _ in range(rng.randint(4, 6))]
        self.headline = self.new_headline()
        self.wire = WIRES[rng.randrange(len(WIRES))]

    def new_headline(self):
        return self.fill(self.rng.choice(self.topic["headlines"]) + " " + self.rng.choice(HEADLINE_TAILS))

    def person(self):
        name = f"{self.rng.choice(FIRST_NAMES)} {surname(self.rng)}"
        return name, self.fill(self.rng.choice(self.topic["roles"]))

    def fill(self, template, outlet="the newspaper"):
        rng = self.rng
        values = {
            "city": getattr(self, "city", ""), "region": getattr(self, "region", ""),
            "org": getattr(self, "org", ""), "org_cap": getattr(self, "org", "")[:1].upper()
            + getattr(self, "org", "")[1:], "org_short": getattr(self, "org", "").replace("the ", ""),
            "thing": rng.choice(self.topic["things"]), "n": f"{rng.randint(2, 90) * 100:,}",
            "small": str(rng.randint(2, 9)), "pct": f"{rng.randint(3, 64)}%", "pct2": f"{rng.randint(3, 64)}%",
            "money": f"${rng.randint(12, 980)} million", "month": MONTHS[rng.randrange(12)],
            "day": str(rng.randint(1, 28)), "year": str(rng.randint(2009, 2024)), "year2": str(rng.randint(2000, 2008)),
            "days": str(rng.randint(3, 40)), "years": str(rng.randint(5, 30)), "weekday": rng.choice(WEEKDAYS),
            "street": rng.choice(STREETS), "outlet": outlet, "outlet_short": outlet.replace("The ", ""),
        }
        plural, adj, noun = rng.choice(PLURALS), rng.choice(ADJECTIVES), rng.choice(NOUNS)
        values.update(
            adj=adj, adj_cap=adj.capitalize(), adj2=rng.choice(ADJECTIVES), noun=noun, noun_cap=noun.capitalize(),
            noun2=rng.choice(NOUNS), noun3=rng.choice(NOUNS), plural=plural, plural_cap=plural.capitalize(),
            verb=rng.choice(VERBS), infinitive=rng.choice(INFINITIVES), money2=f"${rng.randint(12, 980)} million")
        values["phrase"] = rng.choice(PHRASES).format(**values)
        values["reporting"] = rng.choice(REPORTING).format(**values)
        values["venue"] = rng.choice(VENUES).format(**values)
        values["action"] = rng.choice(self.topic["actions"]).format(**values)
        return template.format(**values)

    def quote(self):
        rng = self.rng
        text = f"{self.fill(rng.choice(QUOTE_LEADS))} {rng.choice(QUOTE_OPENERS)} {rng.choice(INFINITIVES)} the " \
               f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {self.fill(rng.choice(QUOTE_TAILS))}"
        if rng.random() < 0.5:
            extra = self.fill(rng.choice(QUOTE_EXTRAS))
            text += f". {self.fill(rng.choice(QUOTE_LEADS))} {extra[0].lower()}{extra[1:-1]}"
        return text, rng.randrange(len(self.people))

    def attributed(self, quote, style, outlet):
        text, who = quote
        name, role = self.people[who]
        surname = name.split()[-1]
        verb = self.fill(self.rng.choice(SAID), outlet)
        if style == 0:
            return f"\u201c{text},\u201d {verb} {role}, {name}."
        if style == 1:
            return f"\u201c{text},\u201d {self.rng.choice(['said', 'added'])} {role}, {name}."
        if style == 2:
            return f"{name}, {role}, {self.rng.choice(REPORTED_VERBS)} that {self.fill('{org}')} would " \
                   f"{self.fill('{infinitive} the {adj} {noun} {phrase} and the {adj2} {noun2}')}. " \
                   f"\u201c{text},\u201d {surname} said."
        return f"\u201c{text}.\u201d So said {role}, {name}."

    def context_paragraph(self, outlet, sentences=3):
        return " ".join(self.fill(self.rng.choice(CONTEXT), outlet) for _ in range(sentences))

    def wire_paragraphs(self, target_bytes):
        rng = self.rng
        wire_name = self.wire[1]
        lead = (f"{self.city.upper()}, {MONTHS[self.month]} {self.day} ({wire_name}) - "
                f"{self.fill(rng.choice(CONTEXT), wire_name)} {self.fill(rng.choice(CONTEXT), wire_name)}")
        paragraphs = [lead]
        quotes = list(self.quotes)
        while quotes or sum(len(p) for p in paragraphs) < target_bytes:
            if quotes and rng.random() < 0.55:
                paragraphs.append(self.attributed(quotes.pop(0), rng.randrange(4), wire_name))
            else:
                paragraphs.append(self.context_paragraph(wire_name, rng.randint(2, 4)))
            if len(paragraphs) > 40:
                break
        return paragraphs


SYLLABLES = """al bar cor den el far gal har is jor kel lin mar nor ol pen quin ros sel tor ul var wen yst zan bre
cha dru fen gor hal ist jen kar lom mir nev osk pra rin sto tev und vol wyr""".split()


def surname(rng):
    """An invented surname: two or three syllables, so that thousands of stories rarely share a speaker."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3]))).capitalize()


def edited(rng, paragraph):
    """A copy editor's touch: a few words swapped for synonyms."""
    for old, new in rng.sample(EDITS, 3):
        paragraph = re.sub(rf"\b{old}\b", new, paragraph, count=1)
    return paragraph


def reworded(rng, quote_text):
    """Another outlet's rendering of the same quote: a clause dropped or a word changed."""
    words = quote_text.split()
    if len(words) > 10 and rng.random() < 0.5:
        return " ".join(words[: len(words) - rng.randint(2, 4)])
    index = rng.randrange(len(words))
    words[index] = rng.choice(["really", "simply", "just", "now", "still"]) + " " + words[index]
    return " ".join(words)


def variants(story, rng, count):
    """The wire original, then `count - 1` outlet versions: reprints, trims, edits and rewrites."""
    target = rng.randint(3300, 4800)
    original = story.wire_paragraphs(target)
    wire_slug, wire_name, wire_format = story.wire
    reporter = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    yield wire_slug, wire_name, wire_format, story.headline, f"By {reporter}", original + [
        f"(Reporting by {reporter}; editing by {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)})"]
    outlets = rng.sample(OUTLETS, min(count - 1, len(OUTLETS)))
    for slug, name, fmt in outlets:
        kind = rng.choices(["reprint", "trim", "edit", "rewrite"], weights=[4, 2, 2, 2])[0]
        byline = f"By {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {name}"
        headline = story.headline
        if kind == "reprint":
            body = original[:-1] + [f"This {story.topic_name} report from {story.city} was first published by "
                                    f"{wire_name} on {MONTHS[story.month]} {story.day} and republished by {name}."]
            byline = f"From {wire_name}"
        elif kind == "trim":
            keep = max(3, int(len(original) * rng.uniform(0.45, 0.8)))
            body = original[:keep] + [f"{wire_name} contributed to this {story.city} report for {name}, "
                                      f"{byline.split(',')[0][3:]} wrote it."]
        elif kind == "edit":
            body = [edited(rng, p) if rng.random() < 0.5 else p for p in original]
            if len(body) > 5:
                del body[rng.randrange(2, len(body) - 1)]
            body.insert(rng.randrange(2, len(body)), story.context_paragraph(name, 2))
            headline = story.new_headline()
        else:
            body = [f"{story.fill(rng.choice(CONTEXT), name)} {story.fill(rng.choice(CONTEXT), name)}"]
            for quote in rng.sample(story.quotes, min(len(story.quotes), rng.randint(2, 4))):
                text, who = quote
                if rng.random() < 0.4:
                    text = reworded(rng, text)
                body.append(story.attributed((text, who), rng.randrange(4), name))
                body.append(story.context_paragraph(name, rng.randint(2, 3)))
            while sum(len(p) for p in body) < target * 0.9:
                body.append(story.context_paragraph(name, 3))
            headline = story.new_headline()
        yield slug, name, fmt, headline, byline, body


def normalized_digest(text):
    """What makes two texts the same article: their words, lower-cased."""
    return hashlib.sha256(" ".join(re.findall(r"\w+", text.lower())).encode()).hexdigest()


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def generate(out_dir, articles, seed, first_story=0, html_pages=False, paragraphs=0):
    """Writes the corpus and its manifest; returns the manifest."""
    rng = random.Random(seed)
    # (story, headline, lead sentence) of recent articles: the furniture of --html-pages pages.
    recent = deque(maxlen=300)
    seen = set()
    written = 0
    total_bytes = 0
    story_number = first_story
    kinds = {"text": 0, "json": 0, "html": 0}
    story_of = {}
    while written < articles:
        story = Story(rng, story_number)
        story_number += 1
        size = min(1 + int(rng.paretovariate(1.3)), 1 + len(OUTLETS), articles - written)
        day = f"2026-{story.month + 1:02d}-{story.day:02d}"
        for index, (slug, name, fmt, headline, byline, body) in enumerate(variants(story, rng, size)):
            if paragraphs:
                body = body[:paragraphs]  # after generation, so the random stream (and the stories) stay the same
            text = "\n\n".join(body)
            digest = normalized_digest(text)
            if digest in seen:
                continue
            seen.add(digest)
            hour = 6 + index
            stem = f"{written:06d}-{slugify(headline)}"
            folder = os.path.join(out_dir, slug)
            os.makedirs(folder, exist_ok=True)
            url = f"https://{slug}.example/{day.replace('-', '/')}/{story.number}-{slugify(headline)}"
            published_at = f"{day}T{hour:02d}:{index * 7 % 60:02d}:00Z"
            if html_pages:
                # Its own generator, so the articles stay those of the plain corpus with the same seed.
                page_rng = random.Random(f"page-{seed}-{written}")
                others = [(h, s) for number, h, s in recent if number != story.number]
                content = pages.news_page(
                    page_rng, (slug, name), headline, byline, f"{MONTHS[story.month]} {story.day}, 2026",
                    published_at, url, body, others, page_rng.randint(100_000, 300_000))
                path = os.path.join(folder, stem + ".html")
                fmt = "html"
            elif fmt == "json":
                document = {
                    "url": url, "outlet": name, "title": headline, "published_at": published_at,
                    "byline": byline, "body": text,
                }
                content = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
                path = os.path.join(folder, stem + ".json")
            else:
                content = f"{headline}\n\n{byline} | {MONTHS[story.month]} {story.day}, 2026\n\n{text}\n"
                path = os.path.join(folder, stem + ".txt")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(content)
            kinds[fmt] += 1
            recent.append((story.number, headline, body[0].split(". ")[0].split(" - ", 1)[-1].rstrip(".") + "."))
            story_of[os.path.relpath(path, out_dir)] = story.number
            total_bytes += len(content.encode())
            written += 1
    manifest = {"generator": GENERATOR_VERSION, "seed": seed, "articles": written, "distinct": len(seen),
                "html_pages": html_pages, "html": kinds["html"], "paragraphs": paragraphs,
                "stories": story_number - first_story, "first_story": first_story, "bytes": total_bytes,
                "text": kinds["text"], "json": kinds["json"], "story_of": story_of}
    with open(os.path.join(out_dir, ".bench-corpus.json"), "w") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
    return manifest


def ensure(out_dir, articles, seed, first_story=0, html_pages=False, paragraphs=0):
    """The corpus at out_dir, generated unless a complete one with the same parameters is already there."""
    manifest_path = os.path.join(out_dir, ".bench-corpus.json")
    wanted = {"generator": GENERATOR_VERSION, "seed": seed, "articles": articles, "first_story": first_story,
              "html_pages": html_pages, "paragraphs": paragraphs}
    if os.path.exists(manifest_path):
        with open(manifest_path) as handle:
            manifest = json.load(handle)
        if all(manifest.get(key) == value for key, value in wanted.items()):
            return manifest
    if os.path.exists(out_dir):
        import shutil
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    return generate(out_dir, articles, seed, first_story, html_pages, paragraphs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first-story", type=int, default=0, help="number of the first story (for distinct URLs)")
    parser.add_argument("--html-pages", action="store_true",
                        help="write each article as a whole 100-300 KB news web page (.html) around the same text")
    parser.add_argument("--paragraphs", type=int, default=0, help="keep only each article's first N paragraphs")
    args = parser.parse_args()
    if os.path.exists(args.out_dir) and os.listdir(args.out_dir):
        sys.exit(f"{args.out_dir} is not empty")
    os.makedirs(args.out_dir, exist_ok=True)
    manifest = generate(args.out_dir, args.articles, args.seed, args.first_story, args.html_pages, args.paragraphs)
    del manifest["story_of"]
    print(json.dumps(manifest, sort_keys=True))


if __name__ == "__main__":
    main()
