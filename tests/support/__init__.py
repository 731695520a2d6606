"""What the tests share: real workbooks, the app under AppTest and in Chromium, accounts, the CLI."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
FIXTURES = ROOT / "tests" / "fixtures"
