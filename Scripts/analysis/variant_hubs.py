#!/usr/bin/env python3
"""A model of the claim-variant "hubs" design in Deploy/SCALING.md ("Open: claim variant candidates and arrival
order"), to check its order independence before it is built. No database, no Swift: claims are word sets, the
same-claim rule is containment of at least 4/5 of the smaller set, and a claim's keys are its n - t(n) + 1
lowest-ranked words under a fixed hash (the shape of ClaimCandidateKeys, not its exact rule).

The design: a key's hubs are its K earliest carriers by (first_seen, fingerprint); a claim's nearest claim is the
earliest same claim among the hubs of its keys that precede it; a claim that enters a key's hubs is judged against
the key's later carriers; the hub it pushes out has its followers linked again from scratch.

    python3 Scripts/analysis/variant_hubs.py [K] [--no-relink | --by-arrival]

prints, for the forward order, the reverse order and shuffles, how many claims land in another variant group than
in the forward order, how many pairs were judged and how many claims were linked again; --no-relink leaves out
the re-linking of a pushed-out hub's followers (the design as first written), which makes groups depend on order;
--by-arrival models today's rule (the first K claims stored under each key) for comparison.
"""
import argparse
import hashlib
import random


def stable_hash(text):
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def word(n):
    """An invented word per number (as ClaimTokenCapTests.word)."""
    syllables = ["dar", "vel", "mon", "tisk", "rup", "gal", "fen", "zor", "plim", "quan", "bes", "hoth"]
    count = len(syllables)
    return syllables[n % count] + syllables[(n // count) % count] + "ix" + syllables[(n // count // count) % count]


def corpus():
    """One quote in many wordings (a word changed or dropped), claims sharing one common word with it, and a second
    family of near-variants: as ClaimVariantOrderTests, plus the second family."""
    base = ["brontag"] + [word(i) for i in range(11)]
    quotes = [base]
    for position in range(1, len(base)):
        quotes.append([w for i, w in enumerate(base) if i != position])
        for change in range(6):
            wording = list(base)
            wording[position] = word(200 + position * 8 + change)
            quotes.append(wording)
    for n in range(40):
        quotes.append(["brontag"] + [word(1000 + n * 4 + j) for j in range(4)])
    for v in range(60):
        quotes.append(["harbour", "talks"] + [word(3000 + (v % 7) + j) for j in range(5)] + [word(4000 + v)])
    return {" ".join(sorted(set(q))): frozenset(q) for q in quotes}


def required(n):
    return -(-4 * n // 5)


def keys_of(tokens):
    ranked = sorted(tokens, key=lambda t: stable_hash("rank:" + t))
    return ranked[: len(ranked) - required(len(ranked)) + 1]


def same(a, b):
    return len(a & b) >= required(min(len(a), len(b)))


def link_all(claims, order, arrival, hubs_per_key, relink_pushed, stats):
    keys = {c: keys_of(claims[c]) for c in claims}
    carriers = {}
    nearest = {}

    def relink(claim):
        best = claim
        for key in keys[claim]:
            for hub in carriers[key][:hubs_per_key]:
                if order[hub] < order[claim] and order[hub] < order[best]:
                    stats["judged"] += 1
                    if same(claims[claim], claims[hub]):
                        best = hub
        nearest[claim] = best

    for claim in arrival:
        entered = []
        for key in keys[claim]:
            listed = carriers.setdefault(key, [])
            listed.append(claim)
            listed.sort(key=lambda c: order[c])
            if listed.index(claim) < hubs_per_key:
                entered.append((key, listed[hubs_per_key] if len(listed) > hubs_per_key else None))
        relink(claim)
        for key, pushed in entered:
            for later in carriers[key]:
                if order[later] > order[claim]:
                    stats["judged"] += 1
                    if same(claims[claim], claims[later]) and order[claim] < order[nearest[later]]:
                        nearest[later] = claim
            if pushed is not None and relink_pushed:
                for follower in [c for c, n in nearest.items() if n == pushed and c != pushed]:
                    stats["relinked"] += 1
                    relink(follower)
    return nearest


def link_by_arrival(claims, order, arrival, per_key, stats):
    """Today's rule, for comparison: a claim is judged against the first `per_key` claims stored under each of its
    keys (arrival order), and each side of a same-claim verdict takes the earlier as its nearest claim if earlier."""
    keys = {c: keys_of(claims[c]) for c in claims}
    carriers = {}
    nearest = {}
    for claim in arrival:
        nearest[claim] = claim
        judged = set()
        for key in keys[claim]:
            listed = carriers.setdefault(key, [])
            for other in listed[:per_key]:
                if other in judged:
                    continue
                judged.add(other)
                stats["judged"] += 1
                if same(claims[claim], claims[other]):
                    first, second = (claim, other) if order[claim] < order[other] else (other, claim)
                    if order[first] < order[nearest[second]]:
                        nearest[second] = first
            listed.append(claim)
    return nearest


def groups(nearest):
    """The grouping rule of Migrations/0012: a claim's group is its nearest claim when that one leads, else itself."""
    return {c: (n if nearest[n] == n else c) for c, n in nearest.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hubs", type=int, nargs="?", default=4, help="K, the hubs per key (default 4)")
    parser.add_argument("--no-relink", action="store_true", help="leave out re-linking a pushed-out hub's followers")
    parser.add_argument("--orders", type=int, default=40, help="arrival orders tried (default 40)")
    parser.add_argument("--by-arrival", action="store_true",
                        help="today's rule instead: the first K claims stored under each key, by arrival")
    args = parser.parse_args()
    claims = corpus()
    names = sorted(claims)
    rnd = random.Random(7)
    # first_seen with ties (as a producer run gives), then the fingerprint.
    order = {c: (rnd.randrange(1000), stable_hash(c)) for c in names}
    forward = sorted(names, key=lambda c: order[c])
    reference, worst = None, 0
    for trial in range(args.orders):
        arrival = list(forward)
        if trial == 1:
            arrival.reverse()
        elif trial > 1:
            rnd.shuffle(arrival)
        stats = {"judged": 0, "relinked": 0}
        if args.by_arrival:
            result = groups(link_by_arrival(claims, order, arrival, args.hubs, stats))
        else:
            result = groups(link_all(claims, order, arrival, args.hubs, not args.no_relink, stats))
        reference = reference or result
        differing = sum(1 for c in result if result[c] != reference[c])
        worst = max(worst, differing)
        label = ["forward", "reverse"][trial] if trial < 2 else f"shuffle {trial - 1}"
        if trial < 4 or differing:
            print(f"K={args.hubs} {label}: {len(claims)} claims, {differing} in another group than forward, "
                  f"{stats['judged']} pairs judged, {stats['relinked']} claims linked again")
    print(f"K={args.hubs}: at most {worst} claims in another group over {args.orders} orders")


if __name__ == "__main__":
    main()
