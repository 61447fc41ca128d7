"""Ctrl-C on a command just started: before, an operator stopping ``qualicoop coop list`` in its first
second or two (the imports, the parser) read a 30-line Python traceback; now the command ends with 130
(or the signal itself, before Python has started), never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.databases import database_url
from tests.e2e.test_cli import SCRIPT, run_cli


@pytest.mark.parametrize("delay", [0.3, 0.8])
def test_ctrl_c_while_a_command_starts_ends_it_without_a_traceback(tmp_path, delay):
    env = {"DATABASE_URL": database_url(tmp_path, "interrupted")}
    assert run_cli("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    started = subprocess.Popen(
        [str(SCRIPT), "coop", "list"],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"} | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    _out, err = started.communicate(timeout=60)
    if started.returncode == 0:
        pytest.skip("the command ended before the signal")
    assert "Traceback" not in err, err[-800:]
    assert started.returncode in (130, -signal.SIGINT)
