"""What a member does with the bot, scripted, and the player that does it against a running bot.

One round of the script is what a coop member does to add an indicator: /dossier, an axis, choose an
engagement, the indicators, add a suggested indicator and answer its seven questions, look at it, then
drop the engagement again (with its confirmation), so that a round leaves the dossier as it found it
and rounds can be repeated at will. Buttons are found by their callback data's prefix and trailing
arguments (``tg:<dossier>:<engagement>:1``), not by label or id, so the script survives wording
changes and works on any database. The same presses work on the echo bot, which replays the screens.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from benchmark.fake import BenchTelegram
from benchmark.seed_rows import ACTIVE_CHOSEN

# engagements not chosen in the seeded dossiers, whose first suggested indicator takes a number
ENGAGEMENTS = tuple(code for code in (3, 4, 7, 8, 11, 12) if code not in ACTIVE_CHOSEN)
ANSWERS = (
    "Nos logements restent abordables pour les ménages modestes du territoire.",  # why
    "12",  # current value: a whole number (some suggested indicators count homes or people)
    "25",  # target value
    "mai 2030",  # target date
    "Former l’équipe commerciale au bail réel solidaire",  # action
    "La responsable de l’accession",  # who
    "mars 2029",  # by when
)


@dataclass(frozen=True)
class Type:
    """The member types a text (or a command); ``check`` names the engagement whose indicator it completes."""

    text: str
    check: int | None = None


@dataclass(frozen=True)
class Press:
    """The member presses the button whose data is ``prefix:…:<tail>`` on the newest screen having one."""

    prefix: str
    tail: tuple[str, ...] = ()

    def matches(self, data: str) -> bool:
        """Whether a button's callback data is the one meant."""
        parts = data.split(":")
        if parts[0] != self.prefix or len(parts) - 1 < len(self.tail):
            return False
        return not self.tail or parts[len(parts) - len(self.tail) :] == list(self.tail)


Action = Type | Press


def round_script(engagement: int) -> list[Action]:
    """Add an indicator with its action to ``engagement``, look at it, then drop the engagement."""
    axis, code = str((engagement - 1) // 4 + 1), str(engagement)
    answers = [Type(text) for text in ANSWERS]
    answers[-1] = Type(ANSWERS[-1], check=engagement)
    return [
        Type("/dossier"),
        Press("ax", (axis,)),
        Press("tg", (code, "1")),
        Press("home"),
        Press("ov"),
        Press("en", (code,)),
        Press("ia", (code,)),
        Press("is", (code, "0")),
        *answers,
        Type("/dossier"),
        Press("ov"),
        Press("en", (code,)),
        Press("in"),
        Press("home"),
        Press("ax", (axis,)),
        Press("tg", (code, "0")),
        Press("tgy", (code,)),
    ]


def engagements_of(member: int, rounds: int) -> tuple[int, ...]:
    """The engagement of each of a member's rounds: in turn, members starting at different ones."""
    return tuple(ENGAGEMENTS[(member + number) % len(ENGAGEMENTS)] for number in range(rounds))


# a member's first screen (key OPENING of the calibrated plans): each round's /dossier then retires
# the buttons of the screen before it, as it does for a member who already used the bot
OPENING = 0


def script(member: int, rounds: int) -> list[Action]:
    """Member ``member``'s actions over ``rounds`` rounds, after opening the dossier once."""
    rounds_played = (
        action for engagement in engagements_of(member, rounds) for action in round_script(engagement)
    )
    return [Type("/dossier"), *rounds_played]


def plan_of(round_plans: dict[int, list[list[dict]]], member: int, rounds: int) -> list[list[dict]]:
    """The calls expected at each step of a member's script: the opening, then the rounds in its order."""
    steps = [step for engagement in engagements_of(member, rounds) for step in round_plans[engagement]]
    return [*round_plans[OPENING], *steps]


def telegram_user(user_id: int) -> dict:
    """The member as Telegram describes them in updates."""
    return {"id": user_id, "is_bot": False, "first_name": "Camille", "language_code": "fr"}


class ButtonNotFound(LookupError):
    """The screen has no button the script expects: the product changed, or a step failed."""


def find_button(messages: list[dict], press: Press) -> tuple[dict, str]:
    """The newest message with a matching button, and that button's data."""
    for message in reversed(messages):
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if press.matches(button.get("callback_data", "")):
                    return message, button["callback_data"]
    texts = [m.get("text", "")[:60] for m in messages[-2:]]
    raise ButtonNotFound(f"no button {press.prefix}:…{':'.join(press.tail)} on the last screens {texts}")


def act(fake, user: dict, action: Action) -> dict:
    """Queue the update of one action in a fake Telegram; return the update."""
    if isinstance(action, Type):
        return fake.user_text(user, action.text)
    message, data = find_button(fake.messages.get(user["id"], []), action)
    return fake.user_callback(user, message, data)


@dataclass
class Played:
    """What one member's actions gave: per update, its latency, and steps that left the plan."""

    updates: int = 0
    latencies: list[float] | None = None
    divergences: int = 0  # steps whose calls were not the planned ones (count or kind)
    failed_calls: int = 0  # calls the fake answered with an error

    def __post_init__(self) -> None:
        self.latencies = self.latencies or []


async def play(
    fake: BenchTelegram, user_id: int, actions: list[Action], plan: list[list[dict]], timeout: float = 30.0
) -> Played:
    """Do each action once the bot answered the previous one with the calls its plan step holds.

    A step is over when as many calls as planned reached this chat; its latency runs from when the
    update was handed to the bot (getUpdates) to the last of those calls.
    """
    user = telegram_user(user_id)
    played = Played()
    done = len(fake.chat_calls[user_id])
    for action, step in zip(actions, plan, strict=True):
        update = act(fake, user, action)
        calls = await fake.wait_calls(user_id, done + len(step), timeout)
        mine = calls[done : done + len(step)]
        done += len(step)
        played.updates += 1
        delivered = fake.delivered_at.get(update["update_id"], time.monotonic())
        if mine:
            played.latencies.append(mine[-1].at - delivered)
        # in any order: a press's screen and its answer go out together (``answer_while``), either first
        if sorted(call.method for call in mine) != sorted(call["method"] for call in step):
            played.divergences += 1
        played.failed_calls += sum(1 for call in mine if not call.ok)
    return played
