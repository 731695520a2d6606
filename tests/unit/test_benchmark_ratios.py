"""The benchmark's loader ratios when the bare decode is too quick for the CPU clock (a few small files), and the
kernel's part of a CPU time."""

from __future__ import annotations

from benchmarks.loader import LoaderFigures
from benchmarks.machine import Timing, timed
from benchmarks.report import _loader_cpu_parts, _method_cpu, targets


def figures(bare_cpu: float) -> LoaderFigures:
    return LoaderFigures(files=3, megabytes=0.1, rows=100, rejected=0, loader=Timing(0.5, 0.4, 1.0),
                         bare=Timing(0.02, bare_cpu, 1.0), openpyxl=Timing(1.0, 1.0, 1.0),
                         checks_free=Timing(0.3, 0.2, 1.0), floor=Timing(0.2, 0.1, 1.0), decoder_start_s=0.1)


def test_a_bare_decode_below_the_clock_tick_gives_no_cpu_ratio_and_no_target_row():
    assert figures(0.1).loader_cpu_over_bare == 4.0
    assert figures(0.0).loader_cpu_over_bare is None
    assert figures(0.1).checks_free_cpu_over_bare == 2.0
    assert figures(0.0).checks_free_cpu_over_bare is None
    assert figures(0.1).floor_cpu_over_bare == 1.0
    assert figures(0.0).floor_cpu_over_bare is None
    loader = {"files": 3, "loader": {"load": 1.0}, "loader_over_bare": 25.0, "loader_cpu_over_bare": None,
              "openpyxl_over_loader": 2.0}
    found = targets({"town": {"loader": loader}})
    assert "loader CPU / bare decode CPU" not in found and found["loader / bare decode"][0] == 25.0


def test_the_cpu_target_row_says_the_ratio_with_the_checks_free():
    loader = {"files": 240, "loader": {"load": 1.2}, "loader_over_bare": 3.2, "loader_cpu_over_bare": 4.34,
              "checks_free_cpu_over_bare": 3.32, "openpyxl_over_loader": 11.3}
    measured, where = targets({"province": {"loader": loader}})["loader CPU / bare decode CPU"]
    assert measured == 4.34 and where == "240 files, load 1.2; 3.32 with the checks free"


def test_the_cpu_target_row_says_the_kernel_part_of_the_loader_cpu():
    loader = {"files": 240, "loader": {"load": 1.0, "cpu": 1.12, "kernel": 0.35}, "loader_over_bare": 3.3,
              "loader_cpu_over_bare": 4.67, "checks_free_cpu_over_bare": 3.67, "openpyxl_over_loader": 9.1}
    _, where = targets({"province": {"loader": loader}})["loader CPU / bare decode CPU"]
    assert where == "240 files, load 1.0; 3.67 with the checks free; 0.35 s of the loader's 1.12 s in the kernel"


def test_the_cpu_target_row_says_the_ratio_with_the_checks_the_guard_and_the_archive_free():
    loader = {"files": 240, "loader": {"load": 1.0, "cpu": 1.3, "kernel": 0.14}, "loader_over_bare": 3.4,
              "loader_cpu_over_bare": 5.0, "checks_free_cpu_over_bare": 3.7, "floor_cpu_over_bare": 2.72,
              "openpyxl_over_loader": 9.1}
    _, where = targets({"province": {"loader": loader}})["loader CPU / bare decode CPU"]
    assert where == ("240 files, load 1.0; 3.70 with the checks free, 2.72 with the checks, the guard and the archive "
                     "free; 0.14 s of the loader's 1.30 s in the kernel")


def test_the_loader_table_splits_its_cpu_into_the_decoder_the_loading_process_and_the_kernel():
    assert _loader_cpu_parts({"loader": {"cpu": 1.13, "kernel": 0.13}, "decoder_cpu": 0.47}) == "0.47 / 0.66 / 0.13"
    assert _loader_cpu_parts({"loader": {"cpu": 1.91}}) == "— / — / —"  # a result of an earlier run


def test_the_loader_table_gives_a_dash_for_a_method_an_earlier_run_did_not_time():
    assert _method_cpu({"floor": {"cpu": 0.7}}, "floor") == "0.70"
    assert _method_cpu({"checks_free": {"cpu": 1.03}}, "floor") == "—"


def _python_loop() -> int:
    return sum(i * i for i in range(4_000_000))


def _zeros_read() -> None:
    with open("/dev/zero", "rb", buffering=0) as zeros:
        buffer = bytearray(1 << 20)
        for _ in range(10_000):
            zeros.readinto(buffer)  # the kernel fills the buffer: no Python step per byte


def _kernel_shares_apart(loop, reads) -> bool:
    return 0 <= loop.kernel < loop.cpu / 2 and 0 < reads.kernel <= reads.cpu and \
        reads.kernel / reads.cpu > 3 * loop.kernel / loop.cpu + 0.2


def test_timed_tells_the_kernel_part_of_the_cpu():
    """`kernel` is the part of `cpu` spent in the kernel: most of reading /dev/zero, little of a Python loop."""
    for _ in range(3):  # a shared machine's clock ticks can land on the wrong side once: measure again
        loop, _ = timed(_python_loop)
        reads, _ = timed(_zeros_read)
        if _kernel_shares_apart(loop, reads):
            break
    assert 0 <= loop.kernel < loop.cpu / 2, loop
    assert 0 < reads.kernel <= reads.cpu, reads
    # a share, not a half: on a busy shared machine the clock's ticks gave the reads 0,21 of 0,49 s in the kernel
    assert reads.kernel / reads.cpu > 3 * loop.kernel / loop.cpu + 0.2, (loop, reads)
