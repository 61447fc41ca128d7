"""``python -m bot`` and the ``qualicoop`` script: the command line, imported without the cyclic GC.

Importing the bot allocates about a million objects (classes, functions, SQLAlchemy's and pydantic's
tables) and frees next to none: the collector ran ~275 times during the imports for a few hundred
objects, 10 to 15 % of the start. It is off while they load; what they built is then frozen (left
out of the collector's generations: the first full collection walked it for 0.1 s) and it is on
again before any work.
"""

import gc
import sys


def main() -> int:
    """Import the command line (and, to run the bot, the bot) with the collector off, then run it; Ctrl-C
    at any moment ends it with 130 and no traceback (the imports take a second or two: an operator
    stopping a command just started saw 30 lines of Python)."""
    try:
        return _imported_and_run()
    except KeyboardInterrupt:
        return 130


def _imported_and_run() -> int:
    """The imports, the collector off meanwhile, then the command."""
    gc.disable()
    try:
        from bot.cli import main as command_line

        if sys.argv[1:2] == ["run"]:  # what ``qualicoop run`` imports next: every journey
            import bot.application
            import bot.runner  # noqa: F401
    finally:
        gc.freeze()  # what was imported lives as long as the process: no full collection walks it again
        gc.enable()
    return command_line()


if __name__ == "__main__":
    sys.exit(main())
