#!/usr/bin/env python3
"""Pairwise precision and recall of econ-archive's duplicate groups on a
corpus made by `gen-corpus --scale-from SOURCE.jsonl --reprints`.

    python3 scaled_pr.py GROUPS.csv SOURCE.jsonl [--threshold 0.8] [--venv DIR]

GROUPS.csv is `econ-archive search '*' --all --format csv` of the scaled
index (columns id and dup_group); copy k of source article X has the id
`scaled-k-X`. Two articles are a true pair when they are copies of the same
source article, or of two source articles that are duplicates themselves
(Reuters-21578 holds copies: copies by the rule of src/dups/table.rs on
their exact shingle sets, found among the candidates of a MinHash LSH at
0.4 with datasketch). Both the figures with that exception and without it
("strict": only copies of one source article) are printed, as JSON.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck  # noqa: E402  (shingling and the datasketch install)


def pair_count(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("groups")
    ap.add_argument("source")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--venv", default=os.path.join("target", "dups-venv"))
    args = ap.parse_args()
    crosscheck.ensure_datasketch(os.path.abspath(args.venv))
    from datasketch import MinHash, MinHashLSH

    # duplicates among the source articles themselves
    sets, figs = {}, {}
    with open(args.source, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            sh = crosscheck.shingles(a.get("body") or "")
            if sh:
                sets[a["id"]] = sh
                figs[a["id"]] = crosscheck.figures(a.get("body") or "")
    lsh = MinHashLSH(threshold=0.4, num_perm=128)
    hashes = {}
    for id_, sh in sets.items():
        m = MinHash(num_perm=128)
        for s in sh:
            m.update(s.encode("utf-8"))
        hashes[id_] = m
        lsh.insert(id_, m)
    parent = {i: i for i in sets}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for id_, m in hashes.items():
        for other in lsh.query(m):
            if other != id_:
                a, b = sets[id_], sets[other]
                if crosscheck.exact_copy(a, b, args.threshold, figs[id_], figs[other]):
                    parent[find(id_)] = find(other)

    pat = re.compile(r"^scaled-(\d+)-(.*)$")
    truth, strict, pred = Counter(), Counter(), Counter()
    cells, strict_cells = Counter(), Counter()
    n = 0
    with open(args.groups, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            m = pat.match(row["id"])
            if not m:
                continue
            n += 1
            original = m.group(2)
            t, g = find(original), row["dup_group"] or row["id"]
            truth[t] += 1
            strict[original] += 1
            pred[g] += 1
            cells[(t, g)] += 1
            strict_cells[(original, g)] += 1

    def scores(true_classes, both):
        tp, p, t = pair_count(both), pair_count(pred), pair_count(true_classes)
        return {
            "true_pairs": t,
            "found_pairs": p,
            "correct_pairs": tp,
            "precision": round(tp / max(1, p), 5),
            "recall": round(tp / max(1, t), 5),
        }

    print(
        json.dumps(
            {
                "articles": n,
                "groups": len(pred),
                "sources": len(strict),
                "source_duplicate_classes": len(truth),
                "with_source_duplicates": scores(truth, cells),
                "strict": scores(strict, strict_cells),
            }
        )
    )


if __name__ == "__main__":
    main()
