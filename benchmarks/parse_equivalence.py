"""What the loader makes of many workbooks, recorded once and compared after a change to it.

`python -m benchmarks.parse_equivalence record OUT.pickle` parses every sample workbook
(data/samples), every example (data/examples), the hostile corpus (tests/hostile.py) and
`--altered` copies of the samples and examples with deterministic random edits (blanks, negative
and decimal numbers, text in number columns, words outside the vocabularies, wrong figures and
totals, rows added, removed, doubled or moved below a total, headers changed, sheets added or
renamed, formulas, long text, dates and booleans where they do not belong …), and pickles the
outcome of each file: the Submission, or the problems of its rejection (messages included), in
order; then loads the accepted samples and examples into a new database and keeps every table.
`python -m benchmarks.parse_equivalence compare OUT.pickle` does the same with the code as it
is now and lists every file whose outcome differs (values compared with their types).

The hostile files and the altered copies are written once into `--files` (benchmarks/out/
equivalence by default) and read from there afterwards, so both runs parse the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb

from benchmarks.altered_workbooks import EXAMPLES, altered_copy, base_files
from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from settings import ROOT, SAMPLES_DIR, settings

FILES = ROOT / "benchmarks" / "out" / "equivalence"
Outcome = tuple[str, object]  # ("ok", submission) / ("rejected", problems) / ("error", text), typed


# --- the files -------------------------------------------------------------------------------

def write_inputs(folder: Path, altered: int) -> None:
    """The hostile corpus and `altered` altered copies, written once into `folder`."""
    from tests.support.hostile import corpus

    hostile = folder / "hostile"
    if not hostile.exists():
        with tempfile.TemporaryDirectory() as scratch:
            cases = corpus(Path(scratch) / "made")
            hostile.mkdir(parents=True)
            for name, data, _, _ in cases:
                (hostile / name).write_bytes(data)
    bases = [path.read_bytes() for path in base_files()]
    made = folder / "altered"
    made.mkdir(parents=True, exist_ok=True)
    for seed in range(altered):
        path = made / f"{seed:04d}.xlsx"
        if not path.exists():
            path.write_bytes(altered_copy(bases[seed % len(bases)], seed))


def inputs(folder: Path, altered: int) -> Iterator[tuple[str, bytes]]:
    """(label, content) of every file compared: samples, examples, hostile files, altered copies."""
    write_inputs(folder, altered)
    for path in sorted(SAMPLES_DIR.iterdir()):
        yield f"samples/{path.name}", path.read_bytes()
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix != ".md":
            yield f"examples/{path.name}", path.read_bytes()
    for path in sorted((folder / "hostile").iterdir()):
        yield f"hostile/{path.name}", path.read_bytes()
    for seed in range(altered):
        path = folder / "altered" / f"{seed:04d}.xlsx"
        yield f"altered/{path.name}", path.read_bytes()


# --- the outcomes ----------------------------------------------------------------------------

def typed(value: object) -> object:
    """`value` as nested tuples naming every type, so that 1, 1.0 and True differ, and order counts."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, tuple((f.name, typed(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return ("dict", tuple((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(typed(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def outcome(data: bytes, name: str, upcoming: bytes | None = None) -> Outcome:
    """What parse_workbook makes of one file, typed."""
    try:
        return "ok", typed(parse_workbook(data, name, upcoming))
    except WorkbookRejected as rejected:
        return "rejected", typed(rejected.problems)
    except Exception as error:  # a fault of the parser is an outcome to compare too
        return "error", f"{type(error).__name__}: {error}"


def outcomes(files: list[tuple[str, bytes]]) -> dict[str, tuple[str, Outcome]]:
    """Label → (sha256 of the content, outcome), the next file decoded while one is checked."""
    found = {}
    for index, (label, data) in enumerate(files):
        upcoming = files[index + 1][1] if index + 1 < len(files) else None
        found[label] = (hashlib.sha256(data).hexdigest(), outcome(data, Path(label).name, upcoming))
    return found


LOADED_AT = dt.datetime(2025, 1, 15, 8, 0, 0)


def loaded_tables(files: list[tuple[str, bytes]]) -> dict[str, list[tuple]]:
    """Every table of a new database after one load of the samples and examples, rows sorted."""
    from etl.loading.archive import Archive
    from etl.loading.batch import archived_session
    from etl.loading.loader import load_workbooks

    chosen = [(Path(label).name, data) for label, data in files if label.startswith(("samples/", "examples/"))]
    with tempfile.TemporaryDirectory(prefix="equivalence-") as scratch:
        cfg = settings(Path(scratch) / "db" / "equivalence.duckdb")
        archive = Archive(cfg.archive_dir)
        with archived_session(cfg, archive) as con:
            load_workbooks(chosen, con, archive=archive, loaded_by="equivalence", loaded_at=LOADED_AT)
        with duckdb.connect(str(cfg.db_path), read_only=True) as con:
            names = [row[0] for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name").fetchall()]
            return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}


def run(folder: Path, altered: int) -> dict:
    files = list(inputs(folder, altered))
    return {"outcomes": outcomes(files), "tables": loaded_tables(files)}


def differences(before: dict, after: dict, most: int = 20) -> list[str]:
    """Readable differences between two runs, the first `most` of each kind."""
    lines: list[str] = []
    old, new = before["outcomes"], after["outcomes"]
    for label in sorted(old.keys() | new.keys()):
        if label not in old or label not in new:
            lines.append(f"{label}: only {'after' if label in new else 'before'}")
        elif old[label][0] != new[label][0]:
            lines.append(f"{label}: the file itself differs (regenerate both runs)")
        elif old[label][1] != new[label][1]:
            lines.append(f"{label}: {_short(old[label][1])}\n    now {_short(new[label][1])}")
    for table in sorted(before["tables"].keys() | after["tables"].keys()):
        if before["tables"].get(table) != after["tables"].get(table):
            lines.append(f"table {table}: rows differ")
    return lines[:most] + ([f"… and {len(lines) - most} more"] if len(lines) > most else [])


def _short(result: Outcome) -> str:
    return repr(result)[:1500]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse_equivalence", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("pickle", type=Path)
    parser.add_argument("--altered", type=int, default=1000, help="altered copies (default 1000)")
    parser.add_argument("--files", type=Path, default=FILES, help="where the hostile and altered files are kept")
    parser.add_argument("--fresh", action="store_true", help="write the hostile and altered files again")
    args = parser.parse_args(argv)
    if args.fresh:
        shutil.rmtree(args.files, ignore_errors=True)
    result = run(args.files, args.altered)
    kinds = [o[1][0] for o in result["outcomes"].values()]
    counts = ", ".join(f"{kind} {kinds.count(kind)}" for kind in ("ok", "rejected", "error"))
    print(f"{len(kinds)} files: {counts}; {len(result['tables'])} tables")
    if args.action == "record":
        args.pickle.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"recorded in {args.pickle}")
        return 0
    found = differences(pickle.loads(args.pickle.read_bytes()), result)
    print("\n".join(found) if found else "identical: every outcome, message and table")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
