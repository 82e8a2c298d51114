"""Worker processes (and their pandoc) end when the build process dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def _session(sid: int) -> list[int]:
    """Live processes of session *sid* (zombies aside)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def test_workers_exit_when_the_build_is_killed(sample: Path) -> None:
    exe = Path(sys.executable).with_name("tarjama")
    build = subprocess.Popen(
        [str(exe), "build", "-j", "2"],
        cwd=sample,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_session(build.pid)) < 4 and time.monotonic() < deadline:  # build + pool
            time.sleep(0.05)
        assert len(_session(build.pid)) >= 4, "the pool never started"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 15
        while _session(build.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session(build.pid) == [], "processes outlived the build"
    finally:
        for pid in _session(build.pid):
            os.kill(pid, signal.SIGKILL)
