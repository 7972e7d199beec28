"""The report through a pager, streamed: `less` shows its first screen while the rest is drawn.

Colour goes to the pager only when it will show it: `less` with -R (LESS unset is given
"FRX", as git does); any other pager, or LESS without R, gets plain text, never raw escapes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterable
from contextlib import suppress

from rich.console import Console, RenderableType

from reports.console import THEME


def pager_command(env: dict[str, str] | None = None) -> tuple[list[str], bool, dict[str, str]]:
    """The pager to run ($PAGER, else less), whether it shows colour, and its environment."""
    env = dict(os.environ if env is None else env)
    argv = shlex.split(env.get("PAGER") or "") or ["less"]
    if os.path.basename(argv[0]) != "less":
        return argv, False, env
    if "LESS" not in env:
        env["LESS"] = "FRX"  # quit on one screen, pass colour, leave the screen as it was
    flags = env["LESS"] + " ".join(argv[1:])
    return argv, "R" in flags or "r" in flags, env


def page(parts: Iterable[RenderableType], width: int, env: dict[str, str] | None = None) -> bool:
    """Print the parts into the pager as they are drawn; False when there is no pager to run."""
    argv, colour, child_env = pager_command(env)
    if shutil.which(argv[0]) is None:
        return False
    colour = colour and not child_env.get("NO_COLOR")
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=child_env, text=True,
                            encoding="utf-8", errors="replace")
    assert proc.stdin is not None
    console = Console(file=proc.stdin, theme=THEME, width=width, highlight=False,
                      force_terminal=colour, color_system="standard" if colour else None,
                      soft_wrap=False)
    try:
        for part in parts:
            console.print(part)
    except BrokenPipeError:  # the reader left the pager before the end: nothing more to do
        pass
    finally:
        with suppress(BrokenPipeError):
            proc.stdin.close()
        proc.wait()
    return True
