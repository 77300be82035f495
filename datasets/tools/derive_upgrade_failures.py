#!/usr/bin/env python3
"""Derive datasets/upgrade-failures.csv from the raw sources (run by hand, never by the build).

    python3 datasets/tools/derive_upgrade_failures.py [--raw DIR] [--out FILE] [--counts]

DIR defaults to ../shared/datasets/raw beside the repository. The output holds only identifiers
(ids, JIRA keys, URLs), years, system names and our own codes: no text of any raw file is copied.
Every rule below is documented in datasets/README.md (the codebook); keep the two in step.
Same raw files -> byte-identical output (no clocks, no randomness, fixed row order).
"""

import argparse
import collections
import csv
import hashlib
import re
import sys
from pathlib import Path

COLUMNS = [
    "id", "source", "source_ref", "system", "year", "component", "stage", "symptom",
    "involves_config", "involves_persistent_data", "involves_library_or_runtime",
    "involves_port_or_location", "involves_permissions", "human_error", "version_gap",
    "detected", "type_label",
]

VOCAB = {
    "source": ["bug", "operator", "field"],
    "component": ["app", "database", "message-broker", "web-server", "os-package", "library",
                  "container-orchestrator", "storage", "other"],
    "stage": ["install", "configure", "data-migration", "start", "runtime",
              "rolling-mixed-version", "rollback"],
    "symptom": ["fails-to-start", "crash", "error-responses", "data-loss", "data-corruption",
                "degraded", "wrong-result", "hang", "unknown"],
    "yes_no": ["yes", "no", "unknown"],
    "version_gap": ["major", "minor", "patch", "unknown"],
    "detected": ["immediately", "later", "unknown"],
    "type_label": ["1", "2", "3", "4", "X", "U"],
}


def norm(s):
    """Collapse whitespace: the raw sheets carry line breaks inside cells."""
    return " ".join((s or "").split())


def first_word(s):
    m = re.match(r"\s*([a-z]+)", (s or "").lower())
    return m.group(1) if m else ""


def detected_from_symptom(symptom):
    """Fallback when a source does not say how the failure was noticed (README, rule D)."""
    if symptom in ("fails-to-start", "crash", "error-responses", "hang"):
        return "immediately"
    if symptom in ("data-loss", "data-corruption", "degraded", "wrong-result"):
        return "later"
    return "unknown"


def version_gap(a, b):
    """Gap between two dotted versions by the first differing position (semver style)."""
    pa = re.findall(r"\d+|x", a.lower())
    pb = re.findall(r"\d+|x", b.lower())
    if not pa or not pb:
        return "unknown"
    for pos, name in enumerate(("major", "minor", "patch")):
        va = pa[pos] if pos < len(pa) else "0"
        vb = pb[pos] if pos < len(pb) else "0"
        if va == "x" or vb == "x":
            return name if pos > 0 else "unknown"
        if va != vb:
            return name
    return "patch"


# ---------------------------------------------------------------------------------------------
# Source 1: bug reports (Zhang et al., SOSP'21: 123 studied failures + DUPTester's new ones)
# ---------------------------------------------------------------------------------------------

ZHANG_COMPONENT = {
    "cassandra": "database", "hbase": "database", "hive": "database",
    "hdfs": "storage",
    "yarn": "container-orchestrator", "mapreduce": "container-orchestrator",
    "mesos": "container-orchestrator",
    "kafka": "message-broker",
    "zookeeper": "other",
}


def zhang_symptom(sym, consequence):
    s = sym.lower()
    c = consequence.lower()
    if re.search(r"cannot start|can't start|fail(s|ed)? to start|startup", c):
        return "fails-to-start"
    if s.startswith(("1)", "2)", "7)")) or s.startswith(("whole cluster", "part of cluster")):
        return "crash"
    if s.startswith("3)") or "degradation" in s:
        return "degraded"
    if s.startswith("4)") or s.startswith("data loss"):
        if "corruption" in s and "loss" not in s:
            return "data-corruption"
        return "data-loss"
    if s.startswith(("5)", "6)")) or s.startswith("incorrect service"):
        return "error-responses"
    return "unknown"


def zhang_version_gap(delta, gap_text):
    d = delta.lower()
    if "major" in d:
        return "major"
    if d.startswith("<"):
        return "patch"
    if "minor" in d:
        return "minor"
    m = re.match(r"\s*([\dx.]+)\s*(?:to|->)\s*([\dx.]+)", gap_text.lower())
    if m:
        return version_gap(m.group(1), m.group(2))
    return "unknown"


def zhang_label(category, root_cause):
    """README rule L-bug: the authors' root-cause category, else their free-text root cause."""
    c = category.strip()
    if c.startswith("1"):
        return "4"
    if c.startswith("2"):
        return "X"
    if c.startswith("3"):
        return "2"
    if c.startswith("4"):
        return "3"
    t = root_cause.lower()
    if "mis-configuration" in t or "misconfiguration" in t:
        return "2"
    if re.search(r"deserializer|proto|data|version|format", t):
        return "4"
    if "logic" in t:
        return "X"
    return "U"


def zhang_rows(raw):
    d = raw / "zhang-sosp21-upgrade-failures"
    with open(d / "recent_upgrade_failures.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    detect_col = next(i for i, h in enumerate(header) if h.startswith("how to detect"))
    with open(d / "upgrade_failure_study_cases.csv", encoding="utf-8-sig", newline="") as f:
        study = {norm(r["Issue key"]): r for r in csv.DictReader(f)}
    out = []
    seen = set()
    for r in body:
        key = norm(r[col["Issue key"]])
        seen.add(key)
        project = key.split("-")[0].lower()
        s = study.get(key, {})
        summary = norm(s.get("Summary", ""))
        consequence = norm(s.get("consequence", ""))
        category = norm(r[col["root cause category"]])
        root = norm(r[col["root cause"]])
        symptom_raw = norm(r[col["symptom"]])
        pdn = norm(r[col["persistent data or network"]]).lower()
        special_cfg = norm(r[col["need special configuration? "]]).lower()
        rolling = first_word(r[col["rolling upgrade?"]]) == "yes" or \
            first_word(s.get("rolling upgrade?", "")) == "yes"
        requirements = norm(r[col["reproduction requirements"]])
        catastrophic = norm(r[col["catastropic"]])
        text = " ".join([summary, consequence, symptom_raw, requirements, catastrophic, root]).lower()

        symptom = zhang_symptom(symptom_raw, consequence)
        persistent = pdn.startswith("p") or "persistent" in pdn or symptom in ("data-loss", "data-corruption")
        if re.search(r"downgrade|roll ?back", text):
            stage = "rollback"
        elif rolling or category.startswith("1.3") or "rolling upgrade failure" in symptom_raw.lower():
            stage = "rolling-mixed-version"
        elif pdn.startswith("p") or "persistent" in pdn:
            stage = "data-migration"
        elif symptom in ("degraded", "error-responses", "unknown") and not category.startswith("1.1"):
            stage = "runtime"
        else:
            stage = "start"

        config = category.startswith("3") or "mis-configuration" in root.lower() or pdn == "configuration" \
            or (first_word(special_cfg) in ("yes", "config", "old") or "config" in special_cfg)
        library = category.startswith("4") or "windows" in special_cfg or "windows" in text
        port = bool(re.search(r"\bport\b|address|hostname|snitch|multi data center|multiple regions", text + " " + special_cfg))
        perms = bool(re.search(r"\bacls?\b|permission|authori[sz]|\bauth\b|authentication", text))

        how = norm(r[detect_col]).lower()
        if how.startswith("1)"):
            detected = "immediately"
        elif how.startswith(("2)", "3)")):
            detected = "later"
        else:
            detected = detected_from_symptom(symptom)

        created = norm(r[col["Created"]])
        m = re.search(r"/(\d{2})\s", created + " ")
        year = ("20" + m.group(1)) if m else ""

        out.append({
            "id": "B:" + key,
            "source": "bug",
            "source_ref": "https://issues.apache.org/jira/browse/" + key,
            "system": project,
            "year": year,
            "component": ZHANG_COMPONENT[project],
            "stage": stage,
            "symptom": symptom,
            "involves_config": "yes" if config else "no",
            "involves_persistent_data": "yes" if persistent else "no",
            "involves_library_or_runtime": "yes" if library else "no",
            "involves_port_or_location": "yes" if port else "no",
            "involves_permissions": "yes" if perms else "no",
            "human_error": "unknown" if category.startswith("3") or "mis-configuration" in root.lower() else "no",
            "version_gap": zhang_version_gap(norm(r[col["version gap"]]), norm(r[col["version gap"]])),
            "detected": detected,
            "type_label": zhang_label(category, root),
        })

    # DUPTester's new failures: the file records only the observed error, so each case gets
    # explicit codes, keyed by its JIRA key (README, "bug rows (19 DUPTester failures)"); the
    # comments are our own paraphrase of the error class.
    dup_codes = {
        # key: (symptom, persistent data, config, label)
        "CASSANDRA-15794": ("fails-to-start", True, False, "4"),    # stored schema cannot be loaded
        "CASSANDRA-16258": ("error-responses", False, False, "4"),  # error code unknown to the peer
        "CASSANDRA-16264": ("fails-to-start", False, False, "U"),   # node cannot join via gossip
        "CASSANDRA-16265": ("error-responses", False, False, "4"),  # enum value unknown to the peer
        "CASSANDRA-16266": ("crash", False, False, "U"),            # null dereference
        "CASSANDRA-16267": ("crash", False, False, "U"),            # null dereference
        "CASSANDRA-16268": ("error-responses", False, False, "4"),  # identifier format rejected
        "CASSANDRA-16269": ("error-responses", False, False, "4"),  # number format rejected
        "CASSANDRA-16301": ("fails-to-start", False, True, "2"),    # configuration rejected
        "CASSANDRA-16292": ("error-responses", True, False, "4"),   # schema column unknown
        "CASSANDRA-16257": ("crash", False, False, "U"),            # generic exception
        "HBASE-25239": ("crash", False, False, "U"),                # generic exception
        "HBASE-24556": ("error-responses", True, False, "4"),       # stored snapshot not found
        "HBASE-25259": ("crash", False, False, "U"),                # generic exception
        "HBASE-24430": ("crash", False, False, "U"),                # generic exception
        "HBASE-25260": ("crash", False, False, "U"),                # generic exception
        "HIVE-24440": ("wrong-result", True, False, "U"),           # inconsistent results
        "HIVE-24493": ("fails-to-start", True, False, "4"),         # metastore schema not upgraded
        "KAFKA-10041": ("error-responses", True, False, "4"),       # stored snapshot not found
    }
    duplicates = []
    with open(d / "duptester_cases.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            key = norm(r["Case"])
            if key in seen:
                duplicates.append(key)
                continue
            seen.add(key)
            if key not in dup_codes:
                sys.exit(f"DUPTester case {key} has no codes: add it to dup_codes")
            symptom, persistent, config, label = dup_codes[key]
            rolling = norm(r["isRollingUpgrade"]) == "1"
            stage = "rolling-mixed-version" if rolling else ("data-migration" if persistent else "start")
            frm = re.sub(r"^[a-z-]*?(?=\d)", "", norm(r["from_version"]).lower())
            to = re.sub(r"^[a-z-]*?(?=\d)", "", norm(r["target_version"]).lower())
            project = key.split("-")[0].lower()
            out.append({
                "id": "B:" + key,
                "source": "bug",
                "source_ref": "https://issues.apache.org/jira/browse/" + key,
                "system": project,
                "year": "",
                "component": ZHANG_COMPONENT[project],
                "stage": stage,
                "symptom": symptom,
                "involves_config": "yes" if config else "no",
                "involves_persistent_data": "yes" if persistent else "no",
                "involves_library_or_runtime": "no",
                "involves_port_or_location": "no",
                "involves_permissions": "no",
                "human_error": "no",
                "version_gap": version_gap(frm, to) if frm[:1].isdigit() and to[:1].isdigit() else "unknown",
                "detected": detected_from_symptom(symptom),
                "type_label": label,
            })
    return out, duplicates


# ---------------------------------------------------------------------------------------------
# Source 2: operator reports (Liu et al. 2024, real misconfiguration cases)
# ---------------------------------------------------------------------------------------------

LIU_COMPONENT = {
    "nginx": "web-server", "apache httpd": "web-server",
    "mysql": "database", "postgresql": "database",
    "php": "library",
    "hadoop": "other", "others": "other",
}

LIU_SYSTEM = {"apache httpd": "apache-httpd", "others": "other"}

# README rule L-op: the authors' subtype decides the label.
LIU_LABEL = {
    "Syntax error": "1", "Invalid name": "1", "Duplicate option": "1", "Misplaced config.": "1",
    "Identifier error": "1",
    "Cross-comp. misconfig.": "2", "Multi-config. error": "2",
    "Requirement mismatch": "2", "Ambiguous name": "2",
    "Resource competing": "3", "Hardware limitation": "3", "Incompatible": "3", "Missing": "3",
    "Unauthorized access": "3/4",
}

KW_START = re.compile(r"(won'?t|can'?t|cannot|not|unable to|fail(s|ed)? to|doesn'?t|does not)\s+(start|restart|boot)"
                      r"|start(ing|up)?\s+fail|not starting|\[emerg\]|fails after", re.I)
KW_CRASH = re.compile(r"crash|\bdied\b|killed|segfault|exited|shut(s)?\s*(down|it ?self)|restarting", re.I)
KW_HANG = re.compile(r"\bhang|stuck|freez", re.I)
KW_DEGRADED = re.compile(r"\bslow|performance|out of memory|memory|overload|too much time|timeout|time out", re.I)
KW_ERROR = re.compile(r"\b(403|404|500|502|503|504)\b|error|denied|forbidden|refused|"
                      r"(can'?t|cannot|unable to) (connect|access|load|open|find|create)|not found|failed|failing|exception", re.I)
KW_WRONG = re.compile(r"redirect|incorrect|not work|doesn'?t work|does not work|ignored|blank|instead|inconsist|"
                      r"not showing|\bloop\b|not (being )?applied|no effect", re.I)
KW_LOSS = re.compile(r"\blost\b|\blose\b|data loss", re.I)
KW_CORRUPT = re.compile(r"corrupt", re.I)

KW_PORT = re.compile(r"\bport\b|\blisten|\bhosts?\b|hostname|\burl\b|\buri\b|\bpath\b|socket|address|\bip\b|domain|"
                     r"proxy_?pass|redirect|location|director|folder|no such file|\balias\b|server_name|"
                     r"vhost|virtual ?host|\bdns\b|localhost|connect", re.I)
KW_LIB = re.compile(r"librar|\blib\b|module|extension|plugin|driver|\bjar\b|jdk|\bjava\b|python|\bphp ?\d|"
                    r"\bversion|\.so\b|mod_|package|dependenc|connector|openssl|glibc|\bpdo\b|\bapc\b|runtime", re.I)
KW_PERM = re.compile(r"permission|denied|forbidden|\b403\b|privilege|\bgrant|chmod|chown|\bowner|selinux|"
                     r"unauthori|authenticat|password|login|(can'?t|cannot) access", re.I)
KW_DATA = re.compile(r"\bdata\b|database|\bdb\b|\btables?\b|innodb|datadir|replicat|backup|restore|\bdump\b|"
                     r"migrat|schema|corrupt|binlog|\bwal\b|encoding|charset|collation", re.I)
KW_MIGRATE = re.compile(r"migrat", re.I)


def liu_symptom(text):
    for pattern, code in ((KW_CORRUPT, "data-corruption"), (KW_LOSS, "data-loss"), (KW_START, "fails-to-start"),
                          (KW_CRASH, "crash"), (KW_HANG, "hang"), (KW_DEGRADED, "degraded"),
                          (KW_ERROR, "error-responses"), (KW_WRONG, "wrong-result")):
        if pattern.search(text):
            return code
    return "unknown"


def liu_label(subtype, software, text):
    lab = LIU_LABEL[subtype]
    if lab == "3/4":
        # Permissions on persistent data are data-access errors (type 4), elsewhere environment (3).
        return "4" if software in ("mysql", "postgresql") or KW_DATA.search(text) else "3"
    return lab


def liu_rows(raw):
    d = raw / "liu-misconfig-cases"
    with open(d / "misconfig_cases_802.csv", encoding="utf-8-sig", newline="") as f:
        cases = list(csv.DictReader(f))
    by_link = collections.OrderedDict()
    for c in cases:
        by_link.setdefault(norm(c["link"]), []).append(c)
    out = []
    for link, group in by_link.items():
        text = " ".join(norm(c["description"]) for c in group)
        software = norm(group[0]["software"]).lower()
        subtypes = [norm(c["subtype"]) for c in group]
        codes = [norm(c["category_code"]) for c in group]
        labels = {liu_label(s, software, text) for s in subtypes}

        if any(c == "CC" for c in codes):
            stage = "install"
        elif "Resource competing" in subtypes:
            stage = "start"
        elif "Hardware limitation" in subtypes:
            stage = "runtime"
        elif KW_MIGRATE.search(text):
            stage = "data-migration"
        elif KW_START.search(text):
            stage = "start"
        else:
            stage = "configure"
        symptom = liu_symptom(text)
        port = "Identifier error" in subtypes or "Resource competing" in subtypes or bool(KW_PORT.search(text))
        lib = any(c == "CC" for c in codes) or bool(KW_LIB.search(text))
        perm = "Unauthorized access" in subtypes or bool(KW_PERM.search(text))
        data = bool(KW_DATA.search(text))
        years = sorted(norm(c["year"]) for c in group if norm(c["year"]))
        out.append({
            "id": "O:" + norm(group[0]["id"]),
            "source": "operator",
            "source_ref": link,
            "system": LIU_SYSTEM.get(software, software),
            "year": years[0] if years else "",
            "component": LIU_COMPONENT[software],
            "stage": stage,
            "symptom": symptom,
            "involves_config": "yes",
            "involves_persistent_data": "yes" if data else "no",
            "involves_library_or_runtime": "yes" if lib else "no",
            "involves_port_or_location": "yes" if port else "no",
            "involves_permissions": "yes" if perm else "no",
            "human_error": "yes",
            "version_gap": "unknown",
            "detected": detected_from_symptom(symptom),
            "type_label": labels.pop() if len(labels) == 1 else "U",
        })
    return out, len(cases)


# ---------------------------------------------------------------------------------------------
# Source 3: field reports (coded public GitHub issue threads)
# ---------------------------------------------------------------------------------------------

def field_rows(raw):
    d = raw / "github-issues-upgrade-field"
    out = []
    with open(d / "field_reports.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            out.append({
                "id": "F:" + norm(r["repository"]) + "#" + norm(r["number"]),
                "source": "field",
                "source_ref": norm(r["url"]),
                "system": norm(r["repository"]),
                "year": norm(r["year"]),
                "component": norm(r["component"]),
                "stage": norm(r["stage"]),
                "symptom": norm(r["symptom"]),
                "involves_config": norm(r["involves_config"]),
                "involves_persistent_data": norm(r["involves_persistent_data"]),
                "involves_library_or_runtime": norm(r["involves_library_or_runtime"]),
                "involves_port_or_location": norm(r["involves_port_or_network_location"]),
                "involves_permissions": norm(r["involves_permissions"]),
                "human_error": norm(r["human_error"]),
                "version_gap": norm(r["version_gap"]),
                "detected": norm(r["detected"]),
                "type_label": norm(r["fault_type"]),
            })
    return out


def check(rows):
    ids = set()
    for r in rows:
        if r["id"] in ids:
            sys.exit("duplicate id " + r["id"])
        ids.add(r["id"])
        for c in ("source", "component", "stage", "symptom", "version_gap", "detected", "type_label"):
            if r[c] not in VOCAB[c]:
                sys.exit(f"{r['id']}: {c}={r[c]!r} not in vocabulary")
        for c in COLUMNS:
            if c.startswith("involves_") or c == "human_error":
                if r[c] not in VOCAB["yes_no"]:
                    sys.exit(f"{r['id']}: {c}={r[c]!r} not in vocabulary")
        if r["year"] and not re.fullmatch(r"(19|20)\d\d", r["year"]):
            sys.exit(f"{r['id']}: year={r['year']!r}")


def main():
    here = Path(__file__).resolve()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=here.parents[3] / "shared" / "datasets" / "raw")
    ap.add_argument("--out", type=Path, default=here.parents[1] / "upgrade-failures.csv")
    ap.add_argument("--counts", action="store_true", help="print the README count tables too")
    a = ap.parse_args()

    bug, dup = zhang_rows(a.raw)
    op, liu_cases = liu_rows(a.raw)
    field = field_rows(a.raw)
    rows = bug + op + field
    check(rows)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {a.out} (bug {len(bug)}, operator {len(op)} from {liu_cases} labelled"
          f" cases, field {len(field)}); DUPTester keys already in the 123: {', '.join(dup) or 'none'}")
    if a.counts:
        labels = VOCAB["type_label"]
        print("\n| source | " + " | ".join(labels) + " | total |")
        print("|---|" + "---|" * (len(labels) + 1))
        for s in VOCAB["source"]:
            c = collections.Counter(r["type_label"] for r in rows if r["source"] == s)
            print(f"| {s} | " + " | ".join(str(c[x]) for x in labels) + f" | {sum(c.values())} |")
        c = collections.Counter(r["type_label"] for r in rows)
        print("| all | " + " | ".join(str(c[x]) for x in labels) + f" | {len(rows)} |")
        for col in ("stage", "symptom", "component", "version_gap", "detected"):
            print(f"\n{col}: " + ", ".join(f"{k} {v}" for k, v in collections.Counter(r[col] for r in rows).most_common()))
        for col in COLUMNS:
            if col.startswith("involves_") or col == "human_error":
                c = collections.Counter(r[col] for r in rows)
                print(f"{col}: yes {c['yes']} / no {c['no']} / unknown {c['unknown']}")
        print("\nraw inputs (sha256):")
        for p in ("zhang-sosp21-upgrade-failures/recent_upgrade_failures.csv",
                  "zhang-sosp21-upgrade-failures/upgrade_failure_study_cases.csv",
                  "zhang-sosp21-upgrade-failures/duptester_cases.csv",
                  "liu-misconfig-cases/misconfig_cases_802.csv",
                  "github-issues-upgrade-field/field_reports.csv"):
            print(f"  {hashlib.sha256((a.raw / p).read_bytes()).hexdigest()}  {p}")


if __name__ == "__main__":
    main()
