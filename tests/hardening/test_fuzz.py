"""The conversation fuzzer: random updates from several users of several coops, against the real Application.

After every update:
- no exception escaped a handler (the error handler was not reached);
- every message the bot sent or edited is within Telegram's limits (4,096 characters, 64-byte
  callback data) and parses as Telegram's HTML — the fake Telegram refuses it otherwise, which
  reaches the error handler — and every keyboard fits a phone (tests/keyboards.py);
- the database invariants hold (INVARIANTS below, each a count of violating rows that must be 0):
  1. a dossier's engagements, indicators, actions and files belong to an existing dossier of an
     existing coop; 2. an indicator belongs to an engagement its dossier chose; 3. an action belongs to
  an existing indicator; 4. chosen engagements are among the referential's 12; 5. at most one dossier
  per coop and cycle, and at most one open (not refused, not renewed) dossier per coop; 6. a
  membership points to an existing user and coop, one per user; 7. an invitation counts at least the
  members who joined with it; 8. dossier versions are not negative; 9. every chat is on a known screen.

CI runs CI_UPDATES with a fixed seed; ``QUALICOOP_FUZZ_UPDATES=100000`` runs more and
``QUALICOOP_FUZZ_SEED=n`` replays a failure (the seed is printed with it).
"""

from __future__ import annotations

import os
import random

from conversations.ui import router, states
from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.dossier_steps import join
from tests.hardening.fuzz_updates import COMMANDS, DOCUMENTS, ODD_ARGS, buttons_of, mutated, random_text

CI_UPDATES = 1000
INVARIANTS = {
    "rows of a missing dossier": """
        (SELECT count(*) FROM engagementchoice c WHERE c.dossier_id NOT IN (SELECT id FROM dossier))
        + (SELECT count(*) FROM indicator i WHERE i.dossier_id NOT IN (SELECT id FROM dossier))
        + (SELECT count(*) FROM attachment f WHERE f.dossier_id NOT IN (SELECT id FROM dossier))
        + (SELECT count(*) FROM dossier d WHERE d.coop_id NOT IN (SELECT id FROM coop))""",
    "indicators of an engagement not chosen": """(SELECT count(*) FROM indicator i WHERE NOT EXISTS (
        SELECT 1 FROM engagementchoice c
        WHERE c.dossier_id = i.dossier_id AND c.engagement_code = i.engagement_code))""",
    "actions of a missing indicator": (
        "(SELECT count(*) FROM action a WHERE a.indicator_id NOT IN (SELECT id FROM indicator))"
    ),
    "engagements outside the referential": (
        "(SELECT count(*) FROM engagementchoice WHERE engagement_code NOT BETWEEN 1 AND 12)"
    ),
    "coops with two open dossiers": """(SELECT count(*) FROM (SELECT coop_id FROM dossier
        WHERE status NOT IN ('REFUSED', 'RENEWED') GROUP BY coop_id HAVING count(*) > 1) AS twice)""",  # enum names
    "memberships of a missing user or coop": """(SELECT count(*) FROM member m
        WHERE m.user_id NOT IN (SELECT id FROM "user") OR m.coop_id NOT IN (SELECT id FROM coop))""",
    "invitations counting fewer joins than members": """(SELECT count(*) FROM invitation v
        WHERE v.uses < (SELECT count(*) FROM member m WHERE m.invitation_id = v.id))""",
    "negative versions": "(SELECT count(*) FROM dossier WHERE version < 0)",
    # handled, their reply owed until the instance's next beat: body emptied (models.operations.inbox)
    "updates received through the webhook still kept once handled": (
        "(SELECT count(*) FROM unhandledupdate WHERE body <> '')"
    ),
}


def known_screens() -> set[str]:
    """The screens the states module names, and those a journey declares for itself (registered with
    the router when the application's handlers are built): a chat on any other is on no screen."""
    named = {value for name, value in vars(states).items() if name.isupper() and isinstance(value, str)}
    return named | set(router._SCREENS)


async def violations(harness) -> list[str]:
    """The invariants that do not hold (one statement), and chats on an unknown screen."""
    statement = "SELECT " + ", ".join(f"{sql} AS v{n}" for n, sql in enumerate(INVARIANTS.values()))
    async with harness.database.transaction() as session:
        connection = await session.connection()
        counts = (await connection.exec_driver_sql(statement)).one()
        screens = {row[0] for row in (await connection.exec_driver_sql("SELECT screen FROM chatstate")).all()}
    broken = [f"{name}: {count}" for name, count in zip(INVARIANTS, counts, strict=True) if count]
    return broken + [f"chat on an unknown screen {s!r}" for s in screens - known_screens()]


async def fuzz_world(harness) -> list:
    """Two coops (a direction and a member each), the committee, an admin and a stranger."""
    from tests.conftest import ADMIN_ID

    direction_a = await join(harness, 9200001, "fr", "Coop A")
    direction_b = await join(harness, 9200002, "en", "Coop B")
    member_a, member_b = harness.user(9200003, language_code="en"), harness.user(9200004, language_code="fr")
    await member_a.send(f"/start {direction_a.invitations.member_token}")
    await member_b.send(f"/start {direction_b.invitations.member_token}")
    committee, admin = harness.user(9200005, language_code="en"), harness.user(ADMIN_ID, language_code="fr")
    stranger = harness.user(9200006, language_code=None)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, committee.id, FederationRoleName.COMMITTEE)
    tokens = [direction_a.invitations.member_token, direction_b.invitations.direction_token]
    return [direction_a, direction_b, member_a, member_b, committee, admin, stranger], tokens


async def one_update(harness, rng: random.Random, user, tokens: list[str]) -> str:
    """Send one random update as ``user``; what was sent, for the failure message."""
    kind = rng.choices(
        ["press", "forge", "text", "command", "document", "edited", "group", "deeplink", "settle"],
        weights=[40, 8, 25, 12, 4, 3, 3, 2, 3],
    )[0]
    pressable = buttons_of(user)
    if kind in ("press", "forge") and pressable and user.messages:
        message, data = rng.choice(pressable)
        if kind == "forge":
            message, data = rng.choice(user.messages[-6:]), mutated(rng, data)
        await user.press_data(message, data, expect_error=True)
        return f"{kind} {data!r}"
    if kind == "command":
        text = rng.choice(COMMANDS) + rng.choice(ODD_ARGS)
    elif kind == "deeplink":
        text = "/start " + rng.choice([*tokens, "A" * 22, "c_" + "x" * 20, "-rf", "ab" * 40])
    elif kind == "document":
        name, content, mime = rng.choice(DOCUMENTS)
        await user.send_document(name, content, mime, expect_error=True)
        return f"document {name!r}"
    elif kind == "settle":
        await harness.settle(user.id)
        return "settle"
    else:
        text = random_text(rng)
    update = harness.fake.user_text(user.tg, text)
    if kind == "edited":
        update["edited_message"] = update.pop("message")
    elif kind == "group":
        update["message"]["chat"] = {"id": -100777, "type": "group", "title": "Coop staff"}
    await harness.deliver(user.id, update, expect_error=True)
    return f"{kind} {text[:60]!r}… ({len(text)} chars)"


async def test_random_updates_break_nothing(harness):
    seed = int(os.environ.get("QUALICOOP_FUZZ_SEED", "20261202"))
    count = int(os.environ.get("QUALICOOP_FUZZ_UPDATES", CI_UPDATES))
    rng = random.Random(seed)
    users, tokens = await fuzz_world(harness)
    ways = Ways(random.Random(seed + 1))
    harness.through_webhook, harness.through_polling = ways.webhook, ways.polled
    for step in range(count):
        user = rng.choice(users)
        errors_before = len(harness.errors)
        try:
            what = await one_update(harness, rng, user, tokens)
        except Exception as error:  # the fake Telegram refused a message (limits, HTML), a keyboard…
            raise AssertionError(replay(seed, step, user, "?", repr(error))) from error
        if len(harness.errors) > errors_before:
            raise AssertionError(replay(seed, step, user, what, repr(harness.errors[-1])))
        broken = await violations(harness)
        assert not broken, replay(seed, step, user, what, "; ".join(broken))


class Ways:
    """How each update comes: a third as through the webhook (kept until handled), a third as polled
    (its number recorded with its work), the rest handed over as is."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.drawn = rng, 0.0

    def webhook(self) -> bool:
        self.drawn = self.rng.random()  # asked first, for each update (harness.deliver)
        return self.drawn < 1 / 3

    def polled(self) -> bool:
        return self.drawn >= 2 / 3


def replay(seed: int, step: int, user, what: str, failure: str) -> str:
    """The failure, with how to replay it."""
    return (
        f"fuzz seed {seed}, update {step} from {user.id}: {what} → {failure}\n"
        f"replay: QUALICOOP_FUZZ_SEED={seed} QUALICOOP_FUZZ_UPDATES={step + 1} "
        "pytest tests/hardening/test_fuzz.py"
    )
