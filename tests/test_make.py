"""`make run` / `make test` install the system packages they need (scripts/system-packages.sh), for real `make`
runs on a copy of the Makefile, with a PATH on which LibreOffice and Chromium are missing.

`apt-get` (and `sudo`, where a password-less sudo is the case under test) are small stand-ins on that PATH that
record how they were called and "install" by creating the missing commands: the real ones would install on this
machine. Root is dropped with setpriv (to nobody) where the case is "not root"; a non-root run of the tests gets
root for the root case from a user namespace (unshare -r)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

TOOLS = ("bash", "sh", "env", "id", "sed", "make", "true", "cat", "chmod", "python3")
NOBODY = [shutil.which("setpriv") or "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

FAKE_APT = """#!/bin/sh
echo "$*" >> "{log}"
if [ "$1" = install ]; then
  for c in soffice chromium; do printf '#!/bin/sh\\n' > "{bin}/$c"; chmod +x "{bin}/$c"; done
fi
"""
FAKE_SUDO = """#!/bin/sh
[ "$1" = -n ] && shift
echo "sudo $*" >> "{log}"
exec "$@"
"""


@pytest.fixture
def project():
    """A world-readable copy of what `make` reads before the venv exists, and a bin folder for PATH."""
    root = Path(tempfile.mkdtemp(prefix="ituplans-make-", dir="/tmp"))
    try:
        (root / "scripts").mkdir()
        for rel in ("Makefile", "pyproject.toml", "constraints.txt", "scripts/system-packages.sh"):
            shutil.copy2(REPO / rel, root / rel)
        bin_dir = root / "bin"
        bin_dir.mkdir()
        for tool in TOOLS:
            found = shutil.which(tool, path="/usr/bin:/bin")
            assert found, f"{tool} is needed by this test"
            (bin_dir / tool).symlink_to(found)
        for p in [root, *root.rglob("*")]:
            if not p.is_symlink():
                p.chmod(0o777 if p.is_dir() else 0o755)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _write(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


def _make(project: Path, target: str, prefix: list[str]) -> subprocess.CompletedProcess:
    env = {"PATH": str(project / "bin"), "HOME": str(project), "LANG": "C.UTF-8"}
    return subprocess.run([*prefix, str(project / "bin" / "make"), "-C", str(project), target], env=env,
                          capture_output=True, text=True, timeout=60)


def _as_non_root() -> list[str]:
    return NOBODY if os.geteuid() == 0 else []


def _as_root() -> list[str]:
    return [] if os.geteuid() == 0 else [shutil.which("unshare") or "unshare", "-r"]


def test_without_root_make_test_stops_at_once_with_the_command_to_run(project):
    log = project / "apt.log"
    _write(project / "bin" / "apt-get", FAKE_APT.format(log=log, bin=project / "bin"))
    started = time.monotonic()
    result = _make(project, "test", _as_non_root())
    seconds = time.monotonic() - started
    assert result.returncode != 0, result.stdout + result.stderr
    assert "LibreOffice (soffice), Chromium (chromium)" in result.stderr
    assert "sudo apt-get update && sudo apt-get install -y libreoffice-writer-nogui chromium" in result.stderr
    assert not log.exists()  # nothing was attempted
    assert not (project / ".venv").exists()  # stopped before the venv, the install and any test
    assert "pytest" not in result.stdout
    assert seconds < 10


def test_make_run_does_not_ask_for_chromium(project):
    log = project / "apt.log"
    _write(project / "bin" / "apt-get", FAKE_APT.format(log=log, bin=project / "bin"))
    result = _make(project, "system", _as_non_root())
    assert result.returncode != 0
    assert "sudo apt-get install -y libreoffice-writer-nogui\n" in result.stderr
    assert "chromium" not in result.stderr.lower()


@pytest.mark.parametrize("how", ["root", "password-less sudo"])
def test_missing_packages_are_installed_once_then_only_checked(project, how):
    log = project / "apt.log"
    _write(project / "bin" / "apt-get", FAKE_APT.format(log=log, bin=project / "bin"))
    if how == "root":
        prefix = _as_root()
    else:
        _write(project / "bin" / "sudo", FAKE_SUDO.format(log=log))
        prefix = _as_non_root()
    log.touch()
    log.chmod(0o666)

    first = _make(project, "system-test", prefix)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "installing libreoffice-writer-nogui chromium with apt-get" in first.stdout
    calls = [c for c in log.read_text().splitlines() if not c.startswith("sudo true")]
    expected = ["update -q", "install -y -q libreoffice-writer-nogui chromium"]
    if how == "root":
        assert calls == expected
    else:
        assert calls == ["sudo apt-get update -q", expected[0], "sudo apt-get install -y -q libreoffice-writer-nogui "
                         "chromium", expected[1]]

    # Everything present now: checked, not installed again, and quick.
    before = log.read_text()
    started = time.monotonic()
    again = _make(project, "system-test", prefix)
    assert again.returncode == 0, again.stderr
    assert time.monotonic() - started < 2
    assert log.read_text() == before
    assert "installing" not in again.stdout


def test_ci_run_is_make_test():
    """CI's entry point installs nothing itself (except make, which make cannot install) and runs `make test`."""
    lines = [ln.strip() for ln in (REPO / ".ci" / "run").read_text().splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    assert lines[-1] == "exec make test"
    body = "\n".join(lines).lower()
    for package in ("libreoffice", "chromium", "python3-venv"):
        assert package not in body
