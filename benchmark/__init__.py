"""The performance figures, each against a baseline measured in the same run: ``python -m benchmark``.

Absolute times depend on the machine and on what else it does, so every timed figure is a ratio to a
baseline run on the same machine, in the same run, alternated with the product where it matters:

1. CPU per update, 50 members editing at once, and 2. the p99 latency of one member alone: the real
   bot process (``python -m bot run``) against a bare python-telegram-bot echo bot (``echo_bot``)
   that answers every update with the very calls the product made for it (same methods, texts and
   keyboards, learnt in-process by ``calibrate``), over the same fake Bot API server on 127.0.0.1.
3. SQL statements and commits of one update, counted on the engine in-process: no baseline, targets.
4. The reminder sweep at 1×, 10× and 100× the data against one join selecting the same due reminders
   (and one batched claim), checked to select exactly what the product sends.
5. Start to first getUpdates and 6. memory after start: both processes, alternated.
7. A broadcast to 1,000 members through the real process, timed by the fake server, which answers
   429 beyond 30 sends a second as Telegram does; and the pacer alone against a leaky bucket.
8. The PDF of a full dossier, in a fresh interpreter.
9. Growth: the update cost at 10× and 100× the data against 1× blocks run just before and after it,
   and the sweep against the 1× of the same run.

The data (``seed``) is built by bulk inserts into the product's own schema; the members' actions
(``workload``) are scripted by callback-data prefix, so that wording changes do not break them.
"""
