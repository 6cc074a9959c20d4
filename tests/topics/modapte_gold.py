#!/usr/bin/env python3
"""Writes the Reuters-21578 ModApte test articles with their gold topic slugs.

The evaluation set ships the test articles without labels
(eval/topics/reuters-test.jsonl); their Reuters TOPICS codes are in the
collection itself. This joins the two through eval/topics/reuters-topic-map.json,
the same mapping the training labels were made with, so score_topics.py can
score the test split.

usage: modapte_gold.py SHARED_DIR OUT.jsonl
"""
import glob
import json
import re
import sys


def main(shared, out_path):
    mapping = json.load(open(f"{shared}/eval/topics/reuters-topic-map.json"))["map"]
    test = [json.loads(line) for line in open(f"{shared}/eval/topics/reuters-test.jsonl")]
    wanted = {a["id"] for a in test}
    gold = {}
    story = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
    for path in sorted(glob.glob(f"{shared}/corpora/reuters21578/reut2-*.xml")):
        text = open(path, encoding="utf-8", errors="replace").read()
        for m in story.finditer(text):
            rid = "reuters-" + m.group(1)
            if rid not in wanted:
                continue
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", m.group(2), re.S)
            codes = re.findall(r"<D>(.*?)</D>", topics.group(1)) if topics else []
            gold[rid] = sorted({mapping[c] for c in codes if c in mapping})
    missing = wanted - gold.keys()
    if missing:
        sys.exit(f"{len(missing)} test articles not found in the collection")
    with open(out_path, "w") as out:
        for a in test:
            a["gold_topics"] = gold[a["id"]]
            out.write(json.dumps(a) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
