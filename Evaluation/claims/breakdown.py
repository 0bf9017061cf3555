#!/usr/bin/env python3
"""Breaks the figures of `../shared/eval/score.py` down, with the same matching rules.

  breakdown.py polnear ANALYSIS.jsonl [--misses N] [--wrong N]   per cue type: gold, found, source right; per
                                                                   predicted cue type: precision
  breakdown.py ggt ANALYSIS.jsonl [--wrong N] [--missed N]       per mention kind: found, right full name

Cue types come from the cue's words: `say` (verbs of saying), `think` (thinking, intending, wanting),
`according` (according to, per), `nominal` (a statement, the report, a poll), `prep` (for X, to X, in X),
`punct` (a colon or a dash), `other` (any other verb: called, attacked, cited). Figures only describe; the
totals are those of score.py.
"""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.normpath(os.path.join(HERE, "../../../shared/eval"))
sys.path.insert(0, EVAL)
import score  # noqa: E402

SAY = set("""say says said saying tell tells told telling add adds added adding note notes noted noting write writes
wrote writing state states stated declare declares declared announce announces announced report reports reported
explain explains explained warn warns warned claim claims claimed claiming argue argues argued arguing insist insists
insisted acknowledge acknowledges acknowledged admit admits admitted confirm confirms confirmed suggest suggests
suggested ask asks asked asking reply replied respond responds responded recall recalls recalled stress stressed
emphasize emphasized emphasizing observe observed remark remarked comment commented tweet tweets tweeted post posted
predict predicted estimate estimates estimated contend contended maintain maintained concede conceded allege alleged
vow vowed pledge pledged promise promised promising urge urges urged testify testified reveal revealed indicate
indicated counter countered boast boasted complain complained caution cautioned signal signaled hint hinted assert
asserted charge charges charged conclude concluded agree agreed reiterate reiterated echo echoed wonder wondered
continue continued mention mentioned mentions describe described describes call calls called shout shouted
chant chanting sing sings sang joke joked quip quipped point pointed repeat repeated question questioned
deny denies denied reject rejected dispute disputed insisting explaining stressing emphasizing""".split())
THINK = set("""think thinks thought believe believes believed know knows knew hope hopes hoped fear fears feared
expect expects expected worry worries worried feel feels felt want wants wanted plan plans planned intend intends
intended seem seems seemed appear appears appeared decide decides decided find finds found show shows showed shown
see sees saw understand understood realize realized assume assumed suspect suspected wish wishes hold holds consider
considers considered view views doubt doubts learn learned aim aims seek seeks sought prefer prefers support
supports supported oppose opposes opposed favor favors favored refuse refuses refused""".split())
NOUNS = set("""statement statements report reports interview poll polls survey surveys study studies analysis
letter release memo document documents ad ads speech remarks comments testimony email emails tweet tweets post
filing complaint lawsuit transcript op-ed editorial column book message video interview announcement data
findings results estimate view opinion argument claim agreement plan proposal promise""".split())
PREPS = set("for to in on with from by among between".split())


def cue_type(cue):
    c = (cue or "").strip().lower()
    if not c:
        return "none"
    if "according" in c or c in ("per", "as per"):
        return "according"
    words = re.findall(r"[a-z][a-z'-]*", c)
    if not words:
        return "punct"
    if any(w in NOUNS for w in words):
        return "nominal"
    skip = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "also", "not", "did", "does", "do",
            "to", "be", "been", "being", "and", "just", "later", "then", "previously", "once", "again",
            "never", "n't", "could", "may", "might", "can", "should", "quickly", "has", "as"}
    verbs = [w for w in words if w not in skip]
    head = verbs[0] if verbs else words[0]
    if head in SAY:
        return "say"
    if head in THINK:
        return "think"
    if len(words) == 1 and words[0] in PREPS:
        return "prep"
    return "other"


def polnear(path, misses, wrong):
    folder = os.path.join(EVAL, "polnear-dev")
    docs = {score.name_of(d): d for d in score.load(path)}
    ann_dir, text_dir = os.path.join(folder, "attributions"), os.path.join(folder, "text")
    anns = {}
    for f in sorted(os.listdir(ann_dir)):
        anns.setdefault(f.rsplit("_", 1)[0], f)
    gold_by = collections.Counter()
    found_by = collections.Counter()
    source_by = collections.Counter()
    pred_by = collections.Counter()
    ptp_by = collections.Counter()
    pstp_by = collections.Counter()
    missed, wrong_source, false_pos = [], [], []
    for stem, ann in anns.items():
        text = open(os.path.join(text_dir, stem + ".txt"), encoding="utf-8").read()
        spans, gold = {}, []
        for line in open(os.path.join(ann_dir, ann), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T"):
                kind, *offs = parts[1].split(" ")
                pieces = " ".join(offs).split(";")
                spans[parts[0]] = (kind, (int(pieces[0].split()[0]), int(pieces[-1].split()[-1])))
            elif parts[0].startswith("E"):
                roles = dict(r.split(":") for r in parts[1].split(" ") if ":" in r)
                src = spans.get(roles.get("Source", ""), (None, None))[1]
                con = spans.get(roles.get("Content", ""), (None, None))[1]
                cue = spans.get(roles.get("Cue", ""), (None, None))[1]
                if con:
                    gold.append((src, con, cue))
        doc = docs.get(stem + ".txt")
        pred = [c for c in score.claims_of(doc) if c["speaker"] or c["resolved"]] if doc else []
        raw = [c for c in (doc or {}).get("result", {}).get("claims", []) if c.get("speaker")]
        used = {}
        for ci, c in enumerate(pred):
            cue_text = (raw[ci].get("cue") or {}).get("text") if ci < len(raw) else None
            pt = cue_type(cue_text)
            pred_by[pt] += 1
            cs = score.fix_span(text, c["content_span"], c["content"])
            ss = score.fix_span(text, c["speaker_span"], c["speaker"])
            hit = None
            for i, (gs, gc, _) in enumerate(gold):
                if i not in used and score.overlap(cs, gc):
                    used[i] = (c, ss)
                    hit = i
                    break
            if hit is None:
                false_pos.append((stem, c["speaker"], cue_text, c["content"]))
                continue
            ptp_by[pt] += 1
            gs = gold[hit][0]
            if gs and score.overlap(ss, gs):
                pstp_by[pt] += 1
        for i, (gs, gc, gcue) in enumerate(gold):
            cue_text = text[gcue[0]:gcue[1]] if gcue else ""
            t = cue_type(cue_text)
            gold_by[t] += 1
            if i in used:
                found_by[t] += 1
                c, ss = used[i]
                if gs and score.overlap(ss, gs):
                    source_by[t] += 1
                else:
                    wrong_source.append((stem, t, cue_text, text[gs[0]:gs[1]] if gs else None, c["speaker"],
                                         text[gc[0]:gc[1]][:120]))
            else:
                ctx = text[max(0, min(gc[0], gcue[0] if gcue else gc[0]) - 0):gc[1]]
                missed.append((stem, t, cue_text, text[gs[0]:gs[1]] if gs else None, text[gc[0]:gc[1]][:200]))
    ng, np_ = sum(gold_by.values()), sum(pred_by.values())
    print(f"gold {ng}, predicted {np_}")
    print(f"{'cue type':10} {'gold':>5} {'found':>6} {'R cont':>7} {'R src':>6} | {'pred':>5} {'P cont':>7} {'P src':>6}")
    for t in sorted(set(gold_by) | set(pred_by), key=lambda k: -gold_by[k]):
        g, p = gold_by[t], pred_by[t]
        print(f"{t:10} {g:5d} {found_by[t]:6d} {found_by[t] / max(1, g):7.3f} {source_by[t] / max(1, g):6.3f} | "
              f"{p:5d} {ptp_by[t] / max(1, p):7.3f} {pstp_by[t] / max(1, p):6.3f}")
    tf, ts = sum(found_by.values()), sum(source_by.values())
    print(f"{'all':10} {ng:5d} {tf:6d} {tf / ng:7.3f} {ts / ng:6.3f} | {np_:5d} {tf / max(1, np_):7.3f} {ts / max(1, np_):6.3f}")
    for m in missed[:misses]:
        print("MISS", m[0][:30], m[1], repr(m[2]), "| src:", repr(m[3]), "|", m[4].replace("\n", " "))
    for m in wrong_source[:wrong]:
        print("SRC ", m[0][:30], m[1], repr(m[2]), "| gold:", repr(m[3]), "| ours:", repr(m[4]), "|", m[5])
    if "--fp" in sys.argv:
        for m in false_pos:
            print("FP  ", m[0][:30], repr(m[1]), repr(m[2]), "|", (m[3] or "")[:150])


def mention_kind(speaker, reference):
    s, r = speaker.strip().lower(), reference.strip().lower()
    if s == r:
        return "full"
    if s in ("he", "she", "they", "it", "him", "her", "we", "i", "his"):
        return "pronoun"
    words = s.split()
    if len(words) <= 2 and all(w in r.split() or w.rstrip(".") in ("mr", "mrs", "ms", "dr") for w in words):
        return "name part"
    return "role"


def ggt(path, wrong, missed_n):
    folder = os.path.join(EVAL, "ggt-dev")
    gold = json.load(open(os.path.join(folder, "gold.json"), encoding="utf-8"))
    docs = {score.name_of(d): d for d in score.load(path)}
    n, found, right = collections.Counter(), collections.Counter(), collections.Counter()
    wrongs, misses = [], []
    for g in gold:
        claims = score.claims_of(docs.get(g["file"]) or {})
        for q in g["quotes"]:
            k = mention_kind(q["speaker"], q["reference"])
            n[k] += 1
            qw = score.words(q["quote"])
            best = max(claims, key=lambda c: len(qw & score.words(c["content"])), default=None)
            if not best or len(qw & score.words(best["content"])) < 0.6 * len(qw):
                misses.append((g["file"], k, q["speaker"], q["quote"][:160]))
                continue
            found[k] += 1
            ok = bool(best["resolved"]) and q["reference"].lower() in best["resolved"].lower()
            right[k] += ok
            if not ok:
                wrongs.append((g["file"], k, q["speaker"], q["reference"], best["speaker"], best["resolved"],
                               q["quote"][:80]))
    print(f"{'mention':10} {'quotes':>6} {'found':>6} {'share':>6} {'right':>6} {'of found':>8}")
    for k in ("full", "name part", "pronoun", "role"):
        print(f"{k:10} {n[k]:6d} {found[k]:6d} {found[k] / max(1, n[k]):6.3f} {right[k]:6d} "
              f"{right[k] / max(1, found[k]):8.3f}")
    tn, tf, tr = sum(n.values()), sum(found.values()), sum(right.values())
    print(f"{'all':10} {tn:6d} {tf:6d} {tf / tn:6.3f} {tr:6d} {tr / max(1, tf):8.3f}")
    for w in wrongs[:wrong]:
        print("WRONG", w[0][:12], w[1], "| text:", repr(w[2]), "| ref:", repr(w[3]), "| ours:", repr(w[4]), "->",
              repr(w[5]), "|", w[6])
    for m in misses[:missed_n]:
        print("MISS", m[0][:12], m[1], repr(m[2]), "|", m[3])


def flag(name, default=0):
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return default


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("polnear", "ggt"):
        sys.exit(__doc__)
    if sys.argv[1] == "polnear":
        polnear(sys.argv[2], flag("--misses"), flag("--wrong"))
    else:
        ggt(sys.argv[2], flag("--wrong"), flag("--missed"))
