"""The app as users get it: `streamlit run app.py` driven by headless Chromium (benchmarks/browser.py).

- memory: the server's peak resident memory (VmHWM of its process) after a browser has opened
  every page in turn, each until its script run has finished;
- upload to chart: on a copy of the town database, from the click on "Nạp dữ liệu" with a
  workbook that adds admissions, to the overview card of T3 showing the new count.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psutil

from benchmarks.browser import chromium, exceptions, new_page, streamlit_server, wait_idle
from benchmarks.fill import scale_dir, scale_env, units_of
from benchmarks.pages import registered_pages
from benchmarks.synthetic import Scale, generate
from core.numbers import vi_count
from database.store import published_file
from etl.loading.archive import Archive
from queries.precomputed import frames_file
from rendering.template import write_workbook
from settings import settings

PAGE_TIMEOUT_S = 600
ADDED = 7  # admissions the uploaded workbook adds to its first cell


@dataclass
class MemoryFigures:
    peak_rss_mb: float  # VmHWM of the streamlit process
    rss_after_mb: float
    page_seconds: dict[str, float] = field(default_factory=dict)  # browser: goto → script finished
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class UploadFigures:
    total_s: float  # click on the load button → new figure visible on the overview page
    load_s: float  # click → load report shown on the data page
    overview_s: float  # report shown → figure visible (navigation and the overview's run)
    expected: str


def _server_process(port: int) -> psutil.Process:
    for child in psutil.Process().children(recursive=True):
        try:
            if str(port) in child.cmdline():  # tests.browser starts it with --server.port PORT
                return child
        except psutil.Error:
            continue
    raise RuntimeError(f"no streamlit child on port {port}")


def _vm_kb(process: psutil.Process, key: str) -> int:
    with open(f"/proc/{process.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key + ":"))


def scratch_copy(into: Path) -> Path:
    """A copy of the scale's var folder, so a benchmark may write to it: the published version, the
    frames stored for its pages and the archive's manifest (as after real loads; not the files)."""
    var = into / "var"
    cfg = settings()
    current = published_file(cfg)
    folder = var / (cfg.db_path.name + ".versions")
    folder.mkdir(parents=True)
    shutil.copyfile(current, folder / current.name)
    (var / cfg.db_path.name).symlink_to(Path(folder.name) / current.name)
    with duckdb.connect(str(current), read_only=True) as con:
        frames = frames_file(con)
    if frames is not None and frames.exists():
        (var / frames.parent.name).mkdir()
        shutil.copyfile(frames, var / frames.parent.name / frames.name)
    manifest = Archive(cfg.archive_dir).manifest
    if manifest.exists():
        copy = Archive(var / "archive").manifest  # the archive of a var folder's database (settings)
        copy.parent.mkdir(parents=True)
        shutil.copyfile(manifest, copy)
    return var


def bench_memory(scale: Scale) -> MemoryFigures:
    """Open every registered page in a real browser against the scale's database; the server's peak RSS."""
    var_dir = scale_dir(scale) / "var"
    env = {k: v for k, v in scale_env(scale).items() if k != "DP_VAR_DIR"}
    figures = MemoryFigures(0, 0)
    with streamlit_server(var_dir, env) as url, chromium() as browser:
        server = _server_process(int(url.rsplit(":", 1)[1]))
        page = new_page(browser)
        for registered in registered_pages():
            started = time.perf_counter()
            try:
                page.goto(f"{url}/{registered.url_path}", timeout=PAGE_TIMEOUT_S * 1000)
                page.wait_for_selector('[data-testid="stMain"]', timeout=PAGE_TIMEOUT_S * 1000)
                wait_idle(page, PAGE_TIMEOUT_S)
                figures.page_seconds[registered.title] = round(time.perf_counter() - started, 2)
                shown = exceptions(page)
                if shown:
                    figures.errors[registered.title] = shown[0][:200]
            except Exception as error:  # report the page, measure the others
                figures.errors[registered.title] = f"{type(error).__name__}: {error}"[:200]
        figures.peak_rss_mb = round(_vm_kb(server, "VmHWM") / 1024, 1)
        figures.rss_after_mb = round(_vm_kb(server, "VmRSS") / 1024, 1)
    return figures


def _t3_now(var: Path, year: int) -> tuple[int, int]:
    """Admissions and members on 1 January of `year`, all units: the overview's T3 card."""
    current = (var / "ducpho.duckdb").resolve()
    with duckdb.connect(str(current), read_only=True) as con:
        return con.execute(
            "SELECT sum(numerator)::BIGINT, sum(denominator)::BIGINT FROM indicator_facts "
            "WHERE indicator = 'T3_admission_rate' AND year = ?", [year]).fetchone()


def upload_workbook(scale: Scale, year: int) -> tuple[str, bytes]:
    """The workbook of the first unit of `year`, its first cell admitting ADDED more members."""
    unit = next(u for u in units_of(scale) if u.valid_in(year))
    content = next(c for u, y, c in generate(scale, units_of(scale), only={unit.unit_id}) if y == year)
    row = content["members"][0]
    for field_name in ("admitted", "end_count", "unrated"):  # every identity of the contract still holds
        row[field_name] += ADDED
    out = io.BytesIO()
    write_workbook(out, unit, year, sample=True, **content)
    return f"bench_upload_{unit.code}_{year}.xlsx", out.getvalue()


def bench_upload(scale: Scale, year: int) -> UploadFigures:
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as scratch:
        var = scratch_copy(Path(scratch))
        admitted, members = _t3_now(var, year)
        expected = f"{vi_count(admitted + ADDED, members)} — năm {year}"
        name, data = upload_workbook(scale, year)
        upload = Path(scratch) / name
        upload.write_bytes(data)
        env = {k: v for k, v in scale_env(scale).items() if k != "DP_VAR_DIR"}
        with streamlit_server(var, env) as url, chromium() as browser:
            page = new_page(browser)
            page.goto(f"{url}/tong-quan")
            wait_idle(page, PAGE_TIMEOUT_S)  # the overview once, as a user had it open before
            page.goto(f"{url}/du-lieu")
            wait_idle(page, PAGE_TIMEOUT_S)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            button = page.get_by_role("button", name="Nạp dữ liệu")
            button.wait_for()
            page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=30_000)
            started = time.perf_counter()
            button.click()
            page.get_by_text("Kết quả nạp:").wait_for(timeout=PAGE_TIMEOUT_S * 1000)
            loaded = time.perf_counter()
            page.locator(".st-key-menu").get_by_role("link", name="Tổng quan", exact=True).click()  # ui.navigation.sidebar_menu
            page.get_by_text(expected).first.wait_for(timeout=PAGE_TIMEOUT_S * 1000)
            shown = time.perf_counter()
        return UploadFigures(round(shown - started, 2), round(loaded - started, 2), round(shown - loaded, 2), expected)
