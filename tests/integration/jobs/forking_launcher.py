"""Starts `python -m teams_app serve` processes quickly: imports Tandem once, then forks.

A fresh interpreter spends seconds importing Tandem (botbuilder, SQLAlchemy, the card models)
before it serves; twenty restarts would spend most of a test doing that. This launcher imports
`teams_app.__main__` once and forks a child per start, and the child runs the same entry point
`python -m teams_app serve` runs (`teams_app.__main__.main(["serve"])`) in its own process,
with its own environment, working directory and log file. Killing the child is killing Tandem.

Protocol on standard input, one JSON object a line; answers on standard output:
  {"start": {"env": {...}, "cwd": "...", "log": "..."}}  ->  {"started": PID}
  {"reap": PID}                                          ->  {"reaped": PID, "status": N}
End of input ends the launcher, and kills whatever it started that was not reaped.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from typing import Any

import teams_app.bootstrap  # noqa: F401 - imported once here, inherited by every fork
from teams_app.__main__ import main


def _start(env: dict[str, str], cwd: str, log: str) -> int:
    sys.stdout.flush()
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: becomes Tandem and never returns to the protocol loop
        output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        code = main(["serve"])
    except BaseException:  # whatever happens, the child must not go back to the loop
        traceback.print_exc()
        code = 70
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _answer(message: dict[str, Any]) -> None:
    print(json.dumps(message), flush=True)


def run() -> None:
    """Serve start and reap requests until standard input ends."""
    _answer({"ready": os.getpid()})
    running: set[int] = set()
    for line in sys.stdin:
        request = json.loads(line)
        if "start" in request:
            start = request["start"]
            pid = _start(start["env"], start["cwd"], start["log"])
            running.add(pid)
            _answer({"started": pid})
        elif "reap" in request:
            pid = int(request["reap"])
            _, status = os.waitpid(pid, 0)
            running.discard(pid)
            _answer({"reaped": pid, "status": status})
    for pid in running:  # the test ended without reaping (it crashed): leave nothing behind
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    run()
