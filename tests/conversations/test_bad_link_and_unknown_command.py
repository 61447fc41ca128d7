"""A broken /start link tells a team's member where they are and their way on, not « ask your coop for a
new one »; the federation's staff in no coop, who meant to join the link's coop (a live one puts them on
its team), to ask for a new one, then where their commands are; a command the bot does not know,
typed at a question, did nothing: the question stays open and says so, the answer typed next is taken."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry, Indicator
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join, start_own_indicator

ASK_YOUR_COOP = "demandez-en un nouveau à votre coopérative"


async def failed_joins(harness, user_id: int) -> int:
    async with harness.database.transaction() as session:
        found = select(AuditEntry).where(AuditEntry.actor_id == user_id, AuditEntry.action == "failed_join")
        return len((await session.exec(found)).all())


async def test_a_bad_link_tells_a_member_they_are_in_their_coop_already(harness):
    member = await join(harness, 8870031, "fr", "Coop Lien", role="member")
    await member.send("/start foo")
    said = member.reply_text()
    assert "pas reconnu" in said and "Coop Lien" in said and "/dossier" in said, said
    assert ASK_YOUR_COOP not in said
    assert await failed_joins(harness, member.id) == 1  # still counted: the answer tells a token exists


async def test_a_bad_link_asks_federation_staff_for_a_new_one_then_points_to_their_commands(harness):
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/start")
    await admin.send("/start foo")
    said = admin.reply_text()
    assert "pas reconnu" in said and ASK_YOUR_COOP in said, said
    assert said.endswith("/aide liste vos commandes de la fédération."), said


async def test_a_bad_link_still_asks_a_newcomer_to_get_a_new_one(harness):
    newcomer = harness.user(8870032, "Néo", "fr")
    await newcomer.send("/start foo")
    assert ASK_YOUR_COOP in newcomer.reply_text()


async def test_an_unknown_command_at_a_question_keeps_it_open_and_says_so(harness):
    sam = await join(harness, 8870041, "fr", "Coop Typo")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    for typo in ("/dosier", "/retour"):
        await sam.send(typo)
        said = sam.reply_text()
        assert "Je ne connais pas la commande" in said and "toujours ouverte" in said, said
    await sam.send("Part de BRS")
    async with harness.database.transaction() as session:
        titles = [i.title for i in (await session.exec(select(Indicator))).all()]
    assert titles == ["Part de BRS"], (titles, sam.reply_text())


async def test_an_unknown_command_where_a_file_is_asked_says_to_send_it(harness):
    """On the documents' upload question nothing is typed: « envoyez le fichier », not « tapez »."""
    sam = await join(harness, 8870043, "fr", "Coop Fichier")
    await sam.send("/dossier")
    await sam.press("Documents")
    await sam.press("📎 ")
    await sam.send("/dosier")
    said = sam.reply_text()
    assert "toujours ouverte" in said and "envoyez le fichier" in said, said
    assert "tapez votre réponse" not in said, said


async def test_a_known_command_at_a_question_still_leaves_it(harness):
    sam = await join(harness, 8870042, "fr", "Coop Connue")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("/recap")
    await sam.send("Part de BRS")
    assert "fermée par /recap" in sam.reply_text()
