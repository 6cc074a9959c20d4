#!/usr/bin/env python3
"""Cross-check of econ-archive's duplicate groups against datasketch.

Reads the articles of an index as JSON lines (`econ-archive search '*' --all
--with-body --format jsonl`: id, body, dup_group), shingles each body the way
src/dups/signature.rs does (sentences cut at . ! ? before white space, never
at line breaks; words are runs of letters and digits, lower-cased; 5-word
windows inside a sentence, a shorter sentence as one shingle), and groups the
articles with datasketch's MinHash LSH by the same rule (`is_copy`): every
pair LSH proposes at Jaccard 0.5 whose MinHash estimate (128 permutations)
reaches the threshold, or reaches 0.5 and either comes within NEAR_MARGIN
of the threshold with the same figures (FIGURES_AGREE of the figures of
both) or holds the smaller set at least CONTAINMENT (or the threshold, if
higher) in the larger with the smaller's figures held, is a duplicate
pair, and groups are the connected components. Then it compares the
duplicate pairs (two articles in one group) of both, pair by pair.

    python3 crosscheck.py ARTICLES.jsonl [--threshold 0.8] [--venv DIR]

Installs datasketch from PyPI into a virtual environment (--venv, default
target/dups-venv) when it is missing, re-running itself there; exits 3 when
that cannot be done. Prints one
JSON object: pairs of each, both, precision and recall of ours against
datasketch's, and the exact Jaccard similarity of the disagreeing pairs.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

SHINGLE_WORDS = 5
# src/dups/table.rs: CONTAINMENT, MIN_JACCARD and NEAR_MARGIN;
# src/dups/signature.rs: FIGURES_AGREE
CONTAINMENT = 0.9
MIN_JACCARD = 0.5
NEAR_MARGIN = 0.05
FIGURES_AGREE = 0.75


def figures_agree(fa, fb, held):
    """The two sets of figures (words with a digit) share FIGURES_AGREE of
    the figures of both, or with `held`, of the smaller (here the sets
    themselves; the index keeps a 64-bit set of their hashes)."""
    of = min(len(fa), len(fb)) if held else len(fa | fb)
    return of == 0 or len(fa & fb) >= FIGURES_AGREE * of


def is_copy(jaccard, size_a, size_b, threshold, fa, fb):
    """The rule of src/dups/table.rs: Jaccard at the threshold; or, sharing
    half of all, near the threshold with the same figures, or one set held
    (nearly) whole by the other with the smaller's figures."""
    if jaccard >= threshold:
        return True
    if jaccard < MIN_JACCARD or threshold >= 1.0:
        return False
    if jaccard >= threshold - NEAR_MARGIN and figures_agree(fa, fb, False):
        return True
    common = jaccard * (size_a + size_b) / (1.0 + jaccard)
    held = common / max(1, min(size_a, size_b)) >= max(CONTAINMENT, threshold)
    return held and figures_agree(fa, fb, True)


def exact_copy(a, b, threshold, fa, fb):
    """The rule on two shingle sets and figure sets themselves."""
    return is_copy(len(a & b) / max(1, len(a | b)), len(a), len(b), threshold, fa, fb)


def ensure_datasketch(venv):
    try:
        import datasketch  # noqa: F401
        return
    except ImportError:
        pass
    def cannot(why):
        # exit 3: the caller may skip (no network, no venv module)
        print(f"cannot install datasketch in {venv}: {why}", file=sys.stderr)
        sys.exit(3)

    if os.environ.get("CROSSCHECK_IN_VENV"):
        cannot("it does not import after installing")
    py = os.path.join(venv, "bin", "python")
    try:
        if not os.path.exists(py):
            subprocess.check_call([sys.executable, "-m", "venv", venv], stdout=sys.stderr)
        probe = subprocess.run([py, "-c", "import datasketch"], capture_output=True)
        if probe.returncode != 0:
            subprocess.check_call(
                [py, "-m", "pip", "install", "--quiet", "datasketch==2.0.0"],
                stdout=sys.stderr,
            )
    except (OSError, subprocess.CalledProcessError) as e:
        cannot(str(e))
    env = dict(os.environ, CROSSCHECK_IN_VENV="1")
    os.execve(py, [py] + sys.argv, env)


def sentences(body):
    """The lower-cased words of each sentence, as src/dups/signature.rs cuts them."""
    out, words, word = [], [], []
    n = len(body)
    i = 0
    while i < n:
        c = body[i]
        i += 1
        if c.isalnum():
            word.append(c.lower())
            continue
        if word:
            words.append("".join(word))
            word = []
        boundary = c in ".!?" and (i >= n or body[i].isspace())
        if boundary and words:
            out.append(words)
            words = []
    if word:
        words.append("".join(word))
    if words:
        out.append(words)
    return out


def shingles(body):
    out = set()
    for words in sentences(body):
        if len(words) < SHINGLE_WORDS:
            out.add(" ".join(words))
        else:
            for k in range(len(words) - SHINGLE_WORDS + 1):
                out.add(" ".join(words[k : k + SHINGLE_WORDS]))
    return out


def figures(body):
    """The body's words with a digit."""
    return {w for words in sentences(body) for w in words if any(c.isdigit() for c in w)}


def pairs_of(groups):
    pairs = set()
    for members in groups.values():
        members = sorted(members)
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--venv", default=os.path.join("target", "dups-venv"))
    args = ap.parse_args()
    ensure_datasketch(os.path.abspath(args.venv))
    from datasketch import MinHash, MinHashLSH

    ours = defaultdict(list)
    sets, figs = {}, {}
    with open(args.articles, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            ours[a["dup_group"] or a["id"]].append(a["id"])
            sh = shingles(a.get("body") or "")
            if sh:
                sets[a["id"]] = sh
                figs[a["id"]] = figures(a.get("body") or "")

    lsh = MinHashLSH(threshold=MIN_JACCARD, num_perm=args.num_perm)
    hashes = {}
    for id_, sh in sets.items():
        m = MinHash(num_perm=args.num_perm)
        for s in sh:
            m.update(s.encode("utf-8"))
        hashes[id_] = m
        lsh.insert(id_, m)
    parent = {i: i for i in sets}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for id_, m in hashes.items():
        for other in lsh.query(m):
            if other != id_ and is_copy(
                m.jaccard(hashes[other]),
                len(sets[id_]),
                len(sets[other]),
                args.threshold,
                figs[id_],
                figs[other],
            ):
                parent[find(id_)] = find(other)
    theirs = defaultdict(list)
    for i in sets:
        theirs[find(i)].append(i)

    ours_p, theirs_p = pairs_of(ours), pairs_of(theirs)
    both = ours_p & theirs_p

    # The exact answer: pairs whose shingle sets are copies by the rule,
    # among the candidates of a lower LSH threshold (0.4) and the pairs
    # either side found, grouped as connected components.
    loose = MinHashLSH(threshold=0.4, num_perm=args.num_perm)
    for id_, m in hashes.items():
        loose.insert(id_, m)
    candidates = set(ours_p) | set(theirs_p)
    for id_, m in hashes.items():
        for other in loose.query(m):
            if other != id_:
                candidates.add(tuple(sorted((id_, other))))
    parent_x = {i: i for i in sets}

    def find_x(x):
        while parent_x[x] != x:
            parent_x[x] = parent_x[parent_x[x]]
            x = parent_x[x]
        return x

    for a, b in candidates:
        sa, sb = sets.get(a), sets.get(b)
        if sa and sb and exact_copy(sa, sb, args.threshold, figs[a], figs[b]):
            parent_x[find_x(a)] = find_x(b)
    exact_groups = defaultdict(list)
    for i in sets:
        exact_groups[find_x(i)].append(i)
    exact_p = pairs_of(exact_groups)

    def against_exact(p):
        hit = len(p & exact_p)
        return {
            "precision": round(hit / max(1, len(p)), 4),
            "recall": round(hit / max(1, len(exact_p)), 4),
        }

    def exact(p):
        a, b = sets.get(p[0], set()), sets.get(p[1], set())
        return round(len(a & b) / max(1, len(a | b)), 3)

    only_ours = sorted(ours_p - theirs_p)
    only_theirs = sorted(theirs_p - ours_p)
    print(
        json.dumps(
            {
                "articles": sum(len(v) for v in ours.values()),
                "threshold": args.threshold,
                "ours": {
                    "groups": sum(1 for v in ours.values() if len(v) > 1),
                    "articles_in_groups": sum(len(v) for v in ours.values() if len(v) > 1),
                    "pairs": len(ours_p),
                },
                "datasketch": {
                    "groups": sum(1 for v in theirs.values() if len(v) > 1),
                    "articles_in_groups": sum(len(v) for v in theirs.values() if len(v) > 1),
                    "pairs": len(theirs_p),
                },
                "exact": {
                    "groups": sum(1 for v in exact_groups.values() if len(v) > 1),
                    "pairs": len(exact_p),
                    "ours": against_exact(ours_p),
                    "datasketch": against_exact(theirs_p),
                },
                "both": len(both),
                "precision": round(len(both) / max(1, len(ours_p)), 4),
                "recall": round(len(both) / max(1, len(theirs_p)), 4),
                "only_ours_exact_jaccard": [exact(p) for p in only_ours][:50],
                "only_datasketch_exact_jaccard": [exact(p) for p in only_theirs][:50],
                "only_ours_examples": only_ours[:10],
                "only_datasketch_examples": only_theirs[:10],
            }
        )
    )


if __name__ == "__main__":
    main()
