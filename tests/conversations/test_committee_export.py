"""/export for the federation: the dossiers the committee follows only (the Mini App's rule), a staff
member's own coop under its direction's rule, and every answer sent once the transaction is closed."""

from __future__ import annotations

from contextlib import asynccontextmanager

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import submitted_coop

NBSP = "\u00a0"


async def test_the_federation_exports_only_the_dossiers_the_committee_follows(world):
    """A draft is not the federation's to read, with its letter and files: not listed, and said so
    when asked for by its number (it was bundled whatever its status)."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)  # Coop Horizon, submitted
    draft = await harness.add_coop("Coop Brouillon")
    await committee.send("/export")
    listed = committee.last_text
    assert "Quelle coopérative" in listed and "Coop Horizon" in listed
    assert "Coop Brouillon" not in listed
    assert f"1 coopérative n’a pas encore soumis son dossier{NBSP}: elle n’est pas dans la liste" in listed
    await committee.send(f"/export {draft.coop.id}")
    assert "document" not in committee.last
    assert (
        f"Coop Brouillon n’a pas encore soumis son dossier au comité{NBSP}: son dossier complet pourra "
        "être exporté une fois soumis." in committee.last_text
    )
    await committee.send("/export Coop Horizon")
    assert committee.last["document"]["file_name"].endswith(".zip")


async def test_with_nothing_submitted_the_list_says_so(harness):
    await harness.add_coop("Coop Brouillon")
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await admin.send("/export")
    assert admin.last_text.startswith("No dossier is with the committee yet.")
    assert "1 coop has not submitted its dossier yet: it is not listed" in admin.last_text


async def test_a_committee_member_on_a_coops_team_exports_it_only_as_its_direction(world):
    """On the team of a coop the committee follows, a plain member gets what a member gets: not its
    bundle (it was theirs as the committee's), and not in the committee's list."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    other = await harness.add_coop("Coop Voisine")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8000002, FederationRoleName.COMMITTEE)
    colleague = harness.user(8000002, "Alex", "fr")  # on the committee, and a member of Coop Horizon
    await colleague.send(f"/start {director.invitations.member_token}")
    await colleague.send(f"/export {director.invitations.coop.id}")
    assert "document" not in colleague.last
    assert "réservé à la direction" in colleague.last_text and "/pdf" in colleague.last_text
    await colleague.send("/export")
    assert "Quelle coopérative" not in colleague.last_text
    # their coop is said left out for them (not counted among those that have not submitted)
    assert (
        f"Coop Horizon, votre coopérative, n’est pas dans la liste{NBSP}: son dossier complet est réservé "
        f"à la direction de votre coopérative. Pour recevoir son dossier en PDF, envoyez /pdf."
        in colleague.last_text
    )
    assert f"1 coopérative n’a pas encore soumis son dossier{NBSP}:" in colleague.last_text
    await committee.send(f"/export {other.coop.id}")  # not submitted: refused to the committee too
    assert "document" not in committee.last


@asynccontextmanager
async def sends_watched(harness, monkeypatch):
    """The Bot API calls made while one of the bot's transactions was open (method names)."""
    database, fake = harness.database, harness.fake
    transaction, respond = database.transaction, fake.respond
    open_now: list[int] = []
    during: list[str] = []

    @asynccontextmanager
    async def counted():
        async with transaction() as session:
            open_now.append(1)
            try:
                yield session
            finally:
                open_now.pop()

    async def watched(method, *args, **kwargs):
        if open_now:
            during.append(method)
        return await respond(method, *args, **kwargs)

    monkeypatch.setattr(database, "transaction", counted)
    monkeypatch.setattr(fake, "respond", watched)
    yield during


async def test_export_answers_once_its_transaction_is_closed(world, monkeypatch):
    """On PostgreSQL a connection kept in a transaction while Telegram answers (or the rate limiter
    waits) is held idle in transaction: /export decides, then sends."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    draft = await harness.add_coop("Coop Brouillon")
    member, stranger = harness.user(8000005, "Sam", "fr"), harness.user(8000006, "Noa", "fr")
    await member.send(f"/start {draft.member_token}")
    async with sends_watched(harness, monkeypatch) as during:
        for user, command in [
            (committee, "/export"),  # the list
            (committee, "/export Coop Inconnue"),  # no such coop
            (committee, f"/export {draft.coop.id}"),  # not submitted yet
            (committee, f"/export {director.invitations.coop.id}"),  # the bundle
            (director, "/export"),  # its own bundle
            (member, "/export"),  # a member: the PDF instead
            (stranger, "/export"),  # in no coop: how to join
        ]:
            await user.send(command)
            assert user.replies, command
    assert during == []
