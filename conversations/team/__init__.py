"""The coop's team (from the home): who has joined; for the direction, the link for colleagues and
taking off the team a colleague who has left.

The federation gives each coop its first links; from then on the direction brings its colleagues in
itself, from the chat: the link is shown ready to forward, and replaced in one press if it went
further than it should (``models.team``). The screens are in ``screens``, the news the outbox sends
in ``notices``; why a link let nobody in is said where links are opened (``onboarding.joining``).
"""

from __future__ import annotations

from conversations.team.notices import NOTICES
from conversations.team.screens import ask_removal, open_team, remove, replace_link
from conversations.ui import callbacks as cb
from conversations.ui.router import button

__all__ = ["NOTICES", "handlers"]


def handlers() -> list:
    """The team's buttons (members only; the link and the removals, the direction only)."""
    return [
        button(cb.TEAM, open_team),
        button(cb.TEAM_NEW_LINK, replace_link),
        button(cb.TEAM_REMOVE, ask_removal),
        button(cb.TEAM_REMOVE_CONFIRM, remove),
    ]
