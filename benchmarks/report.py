"""The figures of one run as Markdown tables: printed, and written into benchmarks/RESULTS.md.

Only the part between the two markers is rewritten; the text around it (what was optimised,
open points) is kept as written.
"""

from __future__ import annotations

from pathlib import Path

START = "<!-- benchmark results: written by `python -m benchmarks`, do not edit by hand -->"
END = "<!-- end of benchmark results -->"
TARGETS = {  # figure → (target text, test on the measured value)
    "loader / bare decode": ("≤ 3", lambda v: v <= 3),
    "loader CPU / bare decode CPU": ("≤ 3", lambda v: v <= 3),
    "openpyxl / loader": ("≥ 5", lambda v: v >= 5),
    "warm page run, town (slowest page)": ("≤ 0,3 s", lambda v: v <= 0.3),
    "warm page run, national (slowest page)": ("≤ 1 s", lambda v: v <= 1),
    "cold first page after start, national": ("≤ 3 s", lambda v: v <= 3),
    "first visit after a load, town (slowest page)": ("≤ 0,3 s", lambda v: v <= 0.3),
    "first visit after a load, national (slowest page)": ("≤ 1,5 s", lambda v: v <= 1.5),
    "upload: load + overview run (server), town": ("≤ 1 s", lambda v: v <= 1),
    "upload: load + overview run (server), national": ("≤ 1 s", lambda v: v <= 1),
    "stored frames differing from the same computed on request": ("0", lambda v: v == 0),
    "national / town warm (slowest page ratio)": ("≤ 5", lambda v: v <= 5),
    "peak memory of the app, national": ("≤ 1,2 GB", lambda v: v <= 1228.8),
    "upload to visible figure, town": ("≤ 2 s", lambda v: v <= 2),
}


def _n(value: float | None, digits: int = 2) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:,.{digits}f}"


def _method_cpu(figures: dict, method: str) -> str:
    """The CPU seconds of one method of the loader step ("—" in a result of a run that did not time it)."""
    return _n((figures.get(method) or {}).get("cpu"))


def _loader_cpu_parts(figures: dict) -> str:
    """`decoder / loading process / kernel` seconds of the loader's CPU ("—" for a part a result lacks)."""
    cpu, decoder = figures["loader"]["cpu"], figures.get("decoder_cpu")
    own = None if decoder is None or decoder != decoder else cpu - decoder
    return f"{_n(decoder)} / {_n(own)} / {_n(figures['loader'].get('kernel'))}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _step(run: dict, step: str) -> dict | None:
    """The figures of a step that ran, None for one that failed or was skipped."""
    found = run.get(step)
    return None if not found or "error" in found else found


def _ok_pages(run: dict) -> list[dict]:
    return [p for p in (_step(run, "app") or {}).get("pages", []) if not p["error"]]


def targets(runs: dict[str, dict]) -> dict[str, tuple[float | None, str]]:
    """figure → (value, where and under what load it was measured)."""
    found: dict[str, tuple[float | None, str]] = {}

    def slowest_warm(scale: str) -> tuple[float | None, str]:
        pages = _ok_pages(runs.get(scale, {}))
        if not pages:
            return None, "not run"
        worst = max(pages, key=lambda p: p["warm_s"])
        return worst["warm_s"], f"{scale}, {worst['title']}, load {runs[scale]['load']['app']}"

    loader = next((_step(runs[s], "loader") for s in ("province", "national", "town")
                   if _step(runs.get(s, {}), "loader")), None)
    if loader:
        where = f"{loader['files']} files, load {loader['loader']['load']}"
        found["loader / bare decode"] = (loader["loader_over_bare"], where)
        if loader.get("loader_cpu_over_bare") is not None:
            free, floor = loader.get("checks_free_cpu_over_bare"), loader.get("floor_cpu_over_bare")
            kernel = loader["loader"].get("kernel")
            found["loader CPU / bare decode CPU"] = (
                loader["loader_cpu_over_bare"], where + ("" if free is None else f"; {_n(free)} with the checks free")
                + ("" if floor is None else f", {_n(floor)} with the checks, the guard and the archive free")
                + ("" if kernel is None else f"; {_n(kernel)} s of the loader's {_n(loader['loader']['cpu'])} s "
                                             "in the kernel"))
        found["openpyxl / loader"] = (loader["openpyxl_over_loader"], where)
    found["warm page run, town (slowest page)"] = slowest_warm("town")
    found["warm page run, national (slowest page)"] = slowest_warm("national")
    app = _step(runs.get("national", {}), "app")
    if app:
        found["cold first page after start, national"] = (app["first_run_s"], f"load {runs['national']['load']['app']}")
    for scale in ("town", "national"):
        after = _step(runs.get(scale, {}), "after_load")
        if after:
            load = runs[scale]["load"]["after_load"]
            worst = max(after["pages"].items(), key=lambda kv: kv[1], default=("—", None))
            found[f"first visit after a load, {scale} (slowest page)"] = (worst[1], f"{scale}, {worst[0]}, load {load}")
            found[f"upload: load + overview run (server), {scale}"] = (
                after["load_s"] + after["overview_s"], f"{after['load_s']:.2f} + {after['overview_s']:.2f} s, load {load}")
    checked = {s: _step(runs[s], "identical") for s in runs if _step(runs[s], "identical")}
    if checked:
        found["stored frames differing from the same computed on request"] = (
            sum(len(c["different"]) for c in checked.values()),
            ", ".join(f"{s}: {c['compared']:,} frames, {c['rows']:,} rows" for s, c in checked.items()))
    town, national = {p["path"]: p for p in _ok_pages(runs.get("town", {}))}, _ok_pages(runs.get("national", {}))
    ratios = [(p["warm_s"] / town[p["path"]]["warm_s"], p["title"]) for p in national if p["path"] in town]
    if ratios:
        worst = max(ratios)
        found["national / town warm (slowest page ratio)"] = (worst[0], worst[1])
    memory = (_step(runs.get("national", {}), "browser") or {}).get("memory")
    if memory:
        found["peak memory of the app, national"] = (memory["peak_rss_mb"], f"MB, load {runs['national']['load']['browser']}")
    upload = (_step(runs.get("town", {}), "browser") or {}).get("upload")
    if upload:
        found["upload to visible figure, town"] = (upload["total_s"], f"load {runs['town']['load']['browser']}")
    return found


def markdown(machine: dict, load_start: tuple, load_end: tuple, runs: dict[str, dict], command: str) -> str:
    scales = list(runs)
    lines = [START, "", f"Run `{command}` on {machine['date']}: {machine['cpus']} CPUs (`nproc`), "
             f"{machine['memory_gb']} GB memory, {machine['cpu_model']}, Python {machine['python']}. "
             f"Load average (1, 5, 15 min) at start {load_start}, at end {load_end}.", ""]
    lines += ["### Targets", ""]
    rows = []
    for figure, (value, where) in targets(runs).items():
        target, test = TARGETS[figure]
        unit = " MB" if "memory" in figure else "" if "ratio" in figure else (
            " s" if "page" in figure or "upload" in figure else "")
        shown = f"{value:,}" if isinstance(value, int) else f"{_n(value)}{unit}"
        rows.append([figure, target, shown if value is not None else "—",
                     "✅" if value is not None and test(value) else "❌", where])
    lines += _table(["figure", "target", "measured", "met", "where / load average"], rows) + [""]

    lines += ["### Data", ""]
    rows = []
    for scale in scales:
        fill = _step(runs[scale], "fill")
        if fill:
            rows.append([scale, f"{fill['unit_years']:,}", f"{fill['cells']:,}", f"{fill['cadres']:,}",
                         f"{fill['members']:,}", _n(fill["db_bytes"] / 2**20, 0),
                         f"{_n(fill['seconds'], 0)}{' (cached)' if fill.get('cached') else ''}",
                         _n((fill.get("frames_bytes") or float("nan")) / 2**20, 0), _n(fill.get("frames_s"), 0),
                         str(tuple(fill["load_average"]))])
    lines += _table(["scale", "unit-years", "cell rows", "cadre rows", "members (last year)", "database MB",
                     "build s", "frames MB", "frames s", "load at build"], rows) + [""]

    lines += ["### Loader", ""]
    rows = []
    for scale in scales:
        f = _step(runs[scale], "loader")
        if not f:
            continue
        rows.append([scale, str(f["files"]), _n(f["megabytes"], 1), f"{f['rows']:,}",
                     _n(f["files"] / f["loader"]["wall"], 1), f"{f['rows'] / f['loader']['wall']:,.0f}",
                     _n(f["files"] / f["bare"]["wall"], 1), _n(f["files"] / f["openpyxl"]["wall"], 1),
                     _n(f["loader_over_bare"]), _n(f.get("loader_cpu_over_bare")),
                     _n(f.get("checks_free_cpu_over_bare")), _n(f.get("floor_cpu_over_bare")),
                     _n(f["openpyxl_over_loader"]),
                     f"{_n(f['loader']['cpu'])} / {_n(f['bare']['cpu'])} / {_n(f['openpyxl']['cpu'])}"
                     f" / {_method_cpu(f, 'checks_free')} / {_method_cpu(f, 'floor')}",
                     _loader_cpu_parts(f),
                     str(f["rejected"]), str(f["loader"]["load"])])
    lines += _table(["scale", "files", "MB", "rows", "loader wb/s", "loader rows/s", "bare wb/s", "openpyxl wb/s",
                     "loader/bare", "CPU loader/bare", "CPU checks free/bare", "CPU floor/bare", "openpyxl/loader",
                     "CPU s loader/bare/openpyxl/checks free/floor", "loader CPU s: decoder / loading process / kernel",
                     "rejected", "load"], rows)
    lines += ["", "*Checks free*: the same load with the checks costing nothing (each file still sniffed, guarded, "
              "decoded in the decoder process and its grids read back; the submission worked out beforehand handed "
              "on to the archive and the write session; `benchmarks.loader.checks_free`). *Floor*: the checks free, "
              "and the container guard and the archive too (a decoder whose guard passes every file, no blob written; "
              "`benchmarks.loader.floor`): what is left is calamine, the grids carried back, and the write session. "
              "*Loader CPU*: the decoder process's part, the loading process's (checks, archive, write session), and "
              "the part of both spent in the kernel (files made and synced, the pipe, memory).", ""]
    rows = [[s, _n(runs[s]["loader"]["store"]["db_mb"], 0), _n(runs[s]["loader"]["store"]["copy_s"]),
             _n(runs[s]["loader"]["store"]["upload_s"]), runs[s]["loader"]["store"]["outcome"]]
            for s in scales if "store" in (_step(runs[s], "loader") or {})]
    lines += ["One workbook uploaded into (a copy of) the scale's database: the write session copies the "
              "whole file first.", ""]
    lines += _table(["scale", "database MB", "copy of the file s", "upload of one workbook s", "outcome"], rows)
    lines += [""]

    lines += ["### Pages (script run, seconds)", ""]
    titles: dict[str, str] = {}
    for scale in scales:
        for page in (_step(runs[scale], "app") or {}).get("pages", []):
            titles.setdefault(page["path"], page["title"])
    header = ["page"] + [f"{s} {kind}" for s in scales for kind in ("after a load", "cold", "warm (CPU)")]
    if "town" in scales and "national" in scales:
        header.append("national / town warm")
    rows = []
    for path, title in titles.items():
        row = [title]
        by_scale = {s: next((p for p in (_step(runs[s], "app") or {}).get("pages", []) if p["path"] == path), None)
                    for s in scales}
        for s in scales:
            page = by_scale[s]
            after = (_step(runs[s], "after_load") or {})
            row.append("error" if title in after.get("errors", {}) else _n(after.get("pages", {}).get(title)))
            if page is None or page["error"]:
                row += ["error" if page else "—", (page or {}).get("error", "—")[:60] if page else "—"]
            else:
                cpu = page.get("warm_cpu_s")
                row += [_n(page["cold_s"]), _n(page["warm_s"]) + (f" ({_n(cpu)})" if cpu is not None else "")]
        if "town" in scales and "national" in scales:
            t, n = by_scale["town"], by_scale["national"]
            row.append(_n(n["warm_s"] / t["warm_s"], 1) if t and n and not t["error"] and not n["error"] else "—")
        rows.append(row)
    first = ["first run of a fresh process (default page)"]
    for s in scales:
        app = _step(runs[s], "app")
        first += ["", _n(app["first_run_s"]) if app else "—", ""]
    if "town" in scales and "national" in scales:
        first.append("")
    lines += _table(header, [first, *rows])
    lines += ["", "Load average when each scale's pages ran: "
              + ", ".join(f"{s} {runs[s]['load'].get('app')} (after a load: {runs[s]['load'].get('after_load')})"
                          for s in scales), ""]
    rows = [[s, _n(a["load_s"]), _n(a["overview_s"]), _n(a["frames_s"]), a["outcome"], str(len(a["errors"])),
             str(runs[s]["load"]["after_load"])] for s in scales if (a := _step(runs[s], "after_load"))]
    if rows:
        lines += ["One workbook of the last year loaded into a copy of the scale's database by a running app whose "
                  "pages had been visited once (`benchmarks/after_load.py`): the load, the overview's run right after "
                  "it (computed on request), the app's thread writing the new version's frames and asking again what "
                  "visitors asked (`ui/warm.py`); then every page's first run (the column *after a load* above).", ""]
        lines += _table(["scale", "load of one workbook s", "overview right after s", "frames and caches ready s",
                         "outcome", "pages with errors", "load"], rows) + [""]

    memory_rows = []
    for s in scales:
        memory = (_step(runs[s], "browser") or {}).get("memory")
        if memory:
            slowest = max(memory["page_seconds"].items(), key=lambda kv: kv[1], default=("—", 0))
            memory_rows.append([s, _n(memory["peak_rss_mb"], 0), _n(memory["rss_after_mb"], 0),
                                f"{slowest[0]} {_n(slowest[1])} s", str(len(memory["errors"])),
                                str(runs[s]["load"]["browser"])])
    if memory_rows:
        lines += ["### Memory of `streamlit run app.py` serving every page (headless Chromium)", ""]
        lines += _table(["scale", "peak RSS MB (VmHWM)", "RSS after MB", "slowest page in the browser",
                         "pages with errors", "load"], memory_rows) + [""]
    upload = (_step(runs.get("town", {}), "browser") or {}).get("upload")
    if upload:
        lines += ["### Upload to chart (town, real browser)", ""]
        lines += _table(["click → figure visible s", "click → load report s", "report → overview figure s",
                         "figure waited for"],
                        [[_n(upload["total_s"]), _n(upload["load_s"]), _n(upload["overview_s"]), upload["expected"]]])
        lines += [""]
    different = [f"- {s}: {line}" for s in scales for line in (_step(runs[s], "identical") or {}).get("different", [])]
    if different:
        lines += ["### Stored frames that differ from the same computed on request", "", *different, ""]
    errors = [f"- {s} {step}: {runs[s][step]['error']}" for s in scales for step in runs[s]
              if isinstance(runs[s][step], dict) and "error" in runs[s][step]]
    if errors:
        lines += ["### Steps that failed", "", *errors, ""]
    return "\n".join([*lines, END])


def update(path: Path, block: str) -> None:
    """Replace the marked block of `path` (or add it at the end); the rest of the file is kept."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
