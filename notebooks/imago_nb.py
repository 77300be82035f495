"""Small helpers shared by the Imago notebooks.

They find the repository, run the ``./imago`` command-line tool (printing the exact command, so
that a reader can run it in a terminal too), write edited copies of experiment files, and load
the CSV files the tool writes into pandas. Nothing here computes a metric: every number the
notebooks show comes from the tool's own outputs (results.csv, summary.csv, timeline.csv.gz, ...).

Environment variables:
  IMAGO_NOTEBOOK_QUICK=1   quick mode (fewer replications, smaller sweeps), used by CI
  IMAGO_NOTEBOOK_OUT=DIR   where outputs go (default: notebooks/out/, ignored by git)
"""
import difflib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import yaml


def _find_root():
    here = Path.cwd().resolve()
    for p in [here, *here.parents]:
        if (p / "imago").is_file() and (p / "experiments" / "configs").is_dir():
            return p
    raise RuntimeError("cannot find the Imago repository above " + str(here)
                       + "; open the notebooks from its notebooks/ folder")


ROOT = _find_root()
QUICK = os.environ.get("IMAGO_NOTEBOOK_QUICK", "").strip().lower() not in ("", "0", "false", "no")
CONFIGS = ROOT / "experiments" / "configs"

# One colour per strategy, the same in every notebook.
STRATEGIES = ["in-place", "rolling", "blue-green", "imago"]
COLOURS = {"in-place": "#d55e00", "rolling": "#e69f00", "blue-green": "#0072b2", "imago": "#009e73"}

_PROGRESS = re.compile(r"^imago: .*\d+/\d+ runs \(")


def out_dir(name, clean=True):
    """The output folder of one notebook (emptied first, so no stale file is ever read)."""
    base = Path(os.environ.get("IMAGO_NOTEBOOK_OUT") or ROOT / "notebooks" / "out")
    d = base / name
    if clean and d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True, exist_ok=True)
    return d


def _show(p):
    p = str(p)
    try:
        p = str(Path(p).resolve().relative_to(ROOT))
    except ValueError:
        pass
    return shlex.quote(p)


def imago(*args, check=True, timeout=None, echo=True):
    """Runs ./imago with these arguments from the repository root and prints what it prints.

    Returns an object with returncode (None after a timeout), stdout, stderr and timed_out.
    With check=True a non-zero exit raises, so a notebook (and CI) stops at the first failure.
    """
    args = [str(a) for a in args]
    print("$ ./imago " + " ".join(_show(a) if ("/" in a) else shlex.quote(a) for a in args))
    proc = subprocess.Popen([str(ROOT / "imago"), *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGINT)          # lets the tool release what it started
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
    err_lines = [l for l in err.splitlines() if not _PROGRESS.match(l)]
    if echo:
        if out.strip():
            print(out.rstrip())
        if err_lines:
            print("\n".join(err_lines))
    result = SimpleNamespace(returncode=None if timed_out else proc.returncode, stdout=out,
                             stderr="\n".join(err_lines), timed_out=timed_out)
    if check and (timed_out or proc.returncode != 0):
        raise RuntimeError("./imago " + " ".join(args) + (" timed out" if timed_out else
                           " exited with code %d" % proc.returncode))
    return result


def load_config(path):
    """An experiment file as a Python dict (edit it, then write_config)."""
    return yaml.safe_load(Path(path).read_text())


def write_config(config, path, original=None):
    """Writes an edited experiment file and prints how it differs from the original one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _dump(config)
    path.write_text(text)
    if original is not None:
        before = _dump(load_config(original)).splitlines()
        diff = list(difflib.unified_diff(before, text.splitlines(), _show(original), _show(path), lineterm="", n=1))
        print("\n".join(diff) if diff else "(no change from " + _show(original) + ")")
    return path


def _dump(config):
    return yaml.safe_dump(config, sort_keys=False, default_flow_style=None, width=110)


def show_file(path, lines=None):
    """Prints a file (the first `lines` lines if given)."""
    text = Path(path).read_text().splitlines()
    if lines is not None and len(text) > lines:
        text = text[:lines] + ["... (%d more lines)" % (len(text) - lines)]
    print("# " + _show(path))
    print("\n".join(text))


def run(config, out, replications=None, seed=None, scenario=None, threads=None, backend=None,
        check=True, timeout=None):
    """imago run CONFIG --out OUT [...]; returns the experiment's folder OUT/<name>/."""
    name = load_config(config).get("name") or Path(config).stem
    folder = Path(out) / name
    if folder.exists():
        shutil.rmtree(folder)
    args = ["run", config, "--out", out]
    for flag, value in (("--replications", replications), ("--seed", seed), ("--scenario", scenario),
                        ("--threads", threads), ("--backend", backend)):
        if value is not None:
            args += [flag, value]
    r = imago(*args, check=check, timeout=timeout)
    r.folder = folder
    return r if not check else folder


def split_label(label):
    """'rolling[maxUnavailable=2,asyncFraction=0.1]' -> ('rolling', {'maxUnavailable': 2.0, ...})."""
    m = re.fullmatch(r"([^\[]+)(?:\[(.*)\])?", label)
    base, params = m.group(1), {}
    if m.group(2):
        for part in m.group(2).split(","):
            k, _, v = part.partition("=")
            try:
                params[k.strip()] = float(v)
            except ValueError:
                params[k.strip()] = v
    return base, params


def _add_labels(df):
    parsed = df["scenario"].map(split_label)
    df.insert(1, "strategy", parsed.map(lambda p: p[0]))
    keys = []
    for _, params in parsed:
        keys += [k for k in params if k not in keys]
    for k in keys:
        df[k] = parsed.map(lambda p, k=k: p[1].get(k))
    return df


def load_run(folder):
    """The CSV files of one `imago run` as DataFrames: results, summary, timeline (+ run.json)."""
    folder = Path(folder)
    r = SimpleNamespace(folder=folder)
    r.results = _add_labels(pd.read_csv(folder / "results.csv"))
    r.summary = _add_labels(pd.read_csv(folder / "summary.csv"))
    r.timeline = _add_labels(pd.read_csv(folder / "timeline.csv.gz"))
    r.run = json.loads((folder / "run.json").read_text())
    r.scenarios = list(dict.fromkeys(r.results["scenario"]))
    return r


def ci_table(summary, metrics, formats=None):
    """Mean [95% CI] per scenario (rows, in run order) and metric (columns), as text.

    formats maps a metric to a format string, e.g. {"availability": "{:.3%}"}.
    """
    formats = formats or {}
    order = list(dict.fromkeys(summary["scenario"]))
    s = summary[summary["metric"].isin(metrics)]

    def cell(row):
        f = formats.get(row["metric"])
        fmt = (lambda x: f.format(x)) if f else _fmt
        if row["n"] < 2 or row["ci95_low"] == row["ci95_high"]:
            return fmt(row["mean"])
        return "%s [%s, %s]" % (fmt(row["mean"]), fmt(row["ci95_low"]), fmt(row["ci95_high"]))

    t = s.assign(cell=s.apply(cell, axis=1)).pivot(index="scenario", columns="metric", values="cell")
    return t.reindex(index=order, columns=[m for m in metrics if m in t.columns])


def _fmt(x):
    if pd.isna(x):
        return ""
    return "%.0f" % x if abs(x) >= 1e4 else "%.4g" % x


def mean_ci(summary, metric):
    """summary rows of one metric: scenario, mean, ci95_low, ci95_high (run order)."""
    s = summary[summary["metric"] == metric].set_index("scenario")
    return s.reindex(list(dict.fromkeys(summary["scenario"])))


def colour(label):
    return COLOURS.get(split_label(label)[0], "#555555")


# Two-sided 95% Student quantiles, for paired differences (no SciPy needed).
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110,
        18: 2.101, 19: 2.093, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def t95(df):
    if df < 1:
        return float("nan")
    keys = sorted(_T95)
    for k in keys:
        if df <= k:
            return _T95[k]
    return 1.960


def paired_difference(results, metric, a, b):
    """Mean and 95% CI of metric(a) - metric(b) over replications run with common random numbers."""
    x = results[results["scenario"] == a].set_index("replication")[metric]
    y = results[results["scenario"] == b].set_index("replication")[metric]
    d = (x - y).dropna()
    n = len(d)
    half = t95(n - 1) * d.std(ddof=1) / n ** 0.5 if n > 1 else float("nan")
    return {"difference": "%s - %s" % (a, b), "metric": metric, "mean": d.mean(),
            "ci95_low": d.mean() - half, "ci95_high": d.mean() + half, "n": n}
