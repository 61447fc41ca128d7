"""Someone taken off their coop's team, in no coop now, is told so wherever they land (a text, a file, /start,
/annuler, a command the bot does not know), in their language, never welcomed as a stranger; a new link
pasted, even at the question they were at, lets them in again. A member who pastes a direction link at
their home is taken as having opened it, as /start with it does."""

from __future__ import annotations

from models.tables import MemberRole
from tests.conversations.test_team import open_team, shown_token
from tests.conversations.test_team_rejoin import coop_with_old_links, member_of
from tests.dossier_steps import choose, join, open_home, start_own_indicator

TOLD = (
    "Vous ne faites plus partie de l’équipe de Coop Gamma depuis le 23 novembre 2026, sur décision de sa "
    "direction. S’il s’agit d’une erreur, demandez-lui un nouveau lien d’invitation."
)
GIVEN_BACK = "\nVoici ce que vous aviez écrit, pour ne pas le perdre\u00a0:"


async def team_with(harness, direction_id: int, member_id: int, language: str = "fr"):
    """Camille (the direction) and a colleague, who joined through links older than the bot's now."""
    links = await coop_with_old_links(harness)
    camille = harness.user(direction_id, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    colleague = harness.user(member_id, "Bob", language)
    await colleague.send(f"/start {links.member_token}")
    return links, camille, colleague


async def take_off(camille) -> None:
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")


async def test_a_colleague_taken_off_at_home_is_told_so_for_a_text_a_file_and_a_command(harness):
    _links, camille, bob = await team_with(harness, 4300001, 4300002)
    await open_home(bob)
    await take_off(camille)
    typed = "Bonjour, je ne vois plus le dossier\u00a0?"
    await bob.send(typed)
    assert [m["text"] for m in bob.replies] == [f"⚠️ {TOLD}{GIVEN_BACK}", typed]  # the text given back whole
    await bob.send_document("lettre.pdf", b"%PDF-1.4 fake", "application/pdf")
    assert bob.reply_text() == f"⚠️ {TOLD}"
    for command in ("/start", "/annuler", "/inconnue"):
        await bob.send(command)
        assert bob.reply_text() == TOLD, command
        assert bob.last.get("reply_markup") is None, command  # no welcome's languages
    stranger = harness.user(4300003, "Léa", "fr")  # never in a coop: welcomed as before
    await stranger.send("Bonjour")
    assert stranger.reply_text().startswith(
        "Je n’ai pas compris. Pour commencer, ouvrez le lien d’invitation"
    )
    await stranger.send("/start")
    assert "Bienvenue" in stranger.reply_text()


async def test_a_colleague_taken_off_is_told_so_in_english(harness):
    _links, camille, bob = await team_with(harness, 4300004, 4300005, "en")
    await open_home(bob)
    await take_off(camille)
    await bob.send("Hello?")
    assert bob.replies[0]["text"] == (
        "⚠️ You are no longer part of the team of Coop Gamma: its direction took you off it on 23 November "
        "2026. If this is a mistake, ask them for a new invitation link.\nHere is what you wrote, so that "
        "it is not lost:"
    )


async def test_a_colleague_taken_off_at_a_question_joins_again_by_pasting_the_new_link(harness):
    links, camille, bob = await team_with(harness, 4300006, 4300007)
    await choose(camille, [1])
    await start_own_indicator(bob, 1)  # « Quel est le nom de l’indicateur ? »: a question is open
    await take_off(camille)
    await bob.send(f"https://t.me/qualicoop_test_bot?start={links.member_token}")  # the old link
    assert bob.reply_text().startswith("Votre retrait de l’équipe de Coop Gamma date du 23 novembre 2026")
    assert await member_of(harness, bob.id) is None
    await camille.press("🔄 Remplacer le lien")
    new_link = f"https://t.me/qualicoop_test_bot?start={shown_token(camille.last_text)}"
    await bob.send(new_link)
    assert "Vous avez rejoint Coop Gamma en tant que membre." in bob.reply_text(), bob.reply_text()
    assert (await member_of(harness, bob.id))[0].role == MemberRole.MEMBER
    typed = "Part des logements BRS"  # at his home now: no more the question's answer
    await bob.send(typed)
    assert "Je n’ai pas compris" in bob.reply_text()


async def test_a_colleague_taken_off_at_a_question_joins_again_by_pasting_the_bare_code(harness):
    _links, camille, bob = await team_with(harness, 4300008, 4300009)
    await choose(camille, [1])
    await start_own_indicator(bob, 1)
    await take_off(camille)
    await camille.press("🔄 Remplacer le lien")
    await bob.send(shown_token(camille.last_text))
    assert (await member_of(harness, bob.id))[0].role == MemberRole.MEMBER, bob.reply_text()


async def test_a_member_pasting_a_direction_link_at_home_is_made_direction_as_by_opening_it(harness):
    zoe = await join(harness, 4300010, "fr", role="member")
    await open_home(zoe)
    await zoe.send(f"https://t.me/qualicoop_test_bot?start={zoe.invitations.direction_token}")
    assert (
        "Vous faites désormais partie de Coop Habitat en tant que membre de la direction." in zoe.reply_text()
    )
    assert (await member_of(harness, zoe.id))[0].role == MemberRole.DIRECTION
    await zoe.send(zoe.invitations.direction_token)  # its code alone, again: as /start with it
    assert "Vous faites déjà partie de Coop Habitat en tant que membre de la direction." in zoe.reply_text()


async def test_a_member_pasting_a_link_at_a_question_answers_it(harness):
    camille = await join(harness, 4300011, "fr")
    await choose(camille, [1])
    zoe = harness.user(4300012, "Zoé", "fr")
    await zoe.send(f"/start {camille.invitations.member_token}")
    await start_own_indicator(zoe, 1)  # « Quel est le nom de l’indicateur ? »
    await zoe.send(camille.invitations.direction_token)
    assert (await member_of(harness, zoe.id))[0].role == MemberRole.MEMBER
    assert "Je n’ai pas compris" not in zoe.reply_text()
