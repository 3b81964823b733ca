"""`make production-check`: check --deploy with the production settings, then the deployed
stack on this machine (nginx → gunicorn → embedded PostgreSQL) smoke-tested by
scripts/prodstack.py. The test runs the same script the Makefile target runs (without
the target's install step, which `make test` has done already)."""

import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "scripts"))

from prodstack import find_nginx, free_port  # noqa: E402


def test_make_production_check_passes():
    if not find_nginx(install=True):
        pytest.skip("nginx is not installed and apt-get could not install it (not root, or no package source)")
    result = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, "scripts/prodstack.py", "check", "--port", str(free_port())],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "System check identified no issues" in output
    assert "production-check: all good" in output
    assert "FAIL" not in output
    # What the smoke test looked at, so that a silently skipped step cannot pass.
    for step in [
        "GET /el/ answers 200",
        "service page shows the service",
        "stylesheet is served gzipped",
        "/healthz answers 200 ok",
        "home page: Content-Security-Policy",
    ]:
        assert step in output, step


def test_the_makefile_target_runs_the_script():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "production-check:" in makefile and "scripts/prodstack.py check" in makefile
