"""`make production-check`: check --deploy with the production settings, then the deployed
stack on this machine (nginx → gunicorn → embedded PostgreSQL) smoke-tested by
scripts/prodstack.py. The test runs the same script the Makefile target runs (without
the target's install step, which `make test` has done already)."""

import shutil
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


def test_the_tls_site_configuration_is_valid_nginx(tmp_path):
    """deploy/nginx/koinonia.conf as installed, with a self-signed pair in place of the
    placeholder certificate paths and high ports: `nginx -t` accepts it."""
    nginx = find_nginx()
    if not nginx:
        pytest.skip("nginx is not installed")
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=koinonia.example.gr",  # noqa: S607
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    replacements = {
        "/etc/nginx/koinonia/": f"{tmp_path}/koinonia/",
        "/etc/letsencrypt/live/koinonia.example.gr/fullchain.pem": str(tmp_path / "cert.pem"),
        "/etc/letsencrypt/live/koinonia.example.gr/privkey.pem": str(tmp_path / "key.pem"),
        "/var/log/nginx/": f"{tmp_path}/",
        "/var/cache/nginx/": f"{tmp_path}/cache/",
        "listen 80;": f"listen {free_port()};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen {free_port()} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "127.0.0.1:8081;": f"127.0.0.1:{free_port()};",
        "listen [::1]:8081;": "",
    }
    (tmp_path / "koinonia").mkdir()
    (tmp_path / "cache").mkdir()
    for source in (BASE_DIR / "deploy" / "nginx").glob("*.conf"):
        text = source.read_text()
        for old, new in replacements.items():
            text = text.replace(old, new)
        (tmp_path / "koinonia" / source.name).write_text(text)
    assert "ssl_certificate " in (tmp_path / "koinonia" / "koinonia.conf").read_text()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/koinonia/koinonia.conf; }}\n"
    )
    result = subprocess.run(  # noqa: S603
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
