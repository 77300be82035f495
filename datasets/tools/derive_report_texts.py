#!/usr/bin/env python3
"""Writes datasets/report-texts.csv: the short text of each report whose licence allows it.

operator rows: the thread title/summary of Liu et al.'s workbook (MIT, Copyright (c) 2024
Heliopolis; the notice is in datasets/README.md), joined with " | " where a thread carries two
labels. field rows: the collection's own-words tag (our paraphrase, never thread text). bug rows
have no text here: the Zhang et al. sheets carry no licence, so their JIRA titles are not copied.

Run by hand, never by the build:
    python3 datasets/tools/derive_report_texts.py --raw ../shared/datasets/raw
Deterministic: rows in the order of upgrade-failures.csv.
"""
import argparse
import collections
import csv
import pathlib
import re


def norm(s):
    return re.sub(r"\s+", " ", (s or "").strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True, type=pathlib.Path)
    here = pathlib.Path(__file__).resolve().parent.parent
    args = ap.parse_args()
    texts = {}
    with open(args.raw / "liu-misconfig-cases" / "misconfig_cases_802.csv", encoding="utf-8-sig", newline="") as f:
        by_link = collections.OrderedDict()
        for c in csv.DictReader(f):
            by_link.setdefault(norm(c["link"]), []).append(norm(c["description"]))
    for link, descs in by_link.items():
        texts[("operator", link)] = " | ".join(dict.fromkeys(descs))
    with open(args.raw / "github-issues-upgrade-field" / "field_reports.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            texts[("field", norm(r["url"]))] = norm(r["tag_own_words"])
    out = []
    with open(here / "upgrade-failures.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            t = texts.get((r["source"], r["source_ref"]))
            if t:
                out.append((r["id"], r["source"], t))
    with open(here / "report-texts.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "source", "text"])
        w.writerows(out)
    print(len(out), "texts:", collections.Counter(s for _, s, _ in out))


if __name__ == "__main__":
    main()
