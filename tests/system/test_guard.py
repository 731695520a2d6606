"""The checks before parsing (etl/reading/guard.py, etl/reading/sheetscan.py): limits from the environment, what a
genuine file may do (lie in `<dimension>`, carry styled empty rows), formulas read, never run."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support import ROOT
from tests.support.workbooks import default_spec, write


def test_the_cli_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path):
    path, _ = write(default_spec(), tmp_path)
    env = {**os.environ, "DP_VAR_DIR": str(tmp_path / "var"), "DP_MAX_UPLOAD_MB": "0.005"}
    env.pop("DP_DB", None)
    result = subprocess.run([sys.executable, "-m", "etl", "load", str(path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 1
    size = round(path.stat().st_size / 1024)
    assert f"bao-cao.xlsx: tệp nặng {size} KB, vượt giới hạn 5 KB cho mỗi tệp" in result.stdout
