"""The Mini App shows the dossier's consultations, read-only, where the chat and the PDF do: in the
involvement part, under the review's heading, in the chat's words (one view), French and English. The
question, when it was opened and closes, who was asked, the participation; the votes and the comments
once it is closed with 3 answers at least (an open one, or fewer answers: the reason instead). The
committee reading a submitted dossier sees them too."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from models.consultations.answers import send_answer, set_comment, toggle_choice
from models.consultations.reach import invite
from models.consultations.store import close_consultation, new_consultation, open_consultation, update_draft
from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import join

COMMITTEE_ID = 8100061
COMMENT = "Le mardi, les familles <enfin> & les accédants\npeuvent venir."


async def a_coop_consulted(harness, base: int, name: str = "Coop Bureau", language: str = "fr"):
    """A direction member and three members; a closed consultation they all answered (two comments),
    and one still open that one of them answered: (director, dossier id)."""
    director = await join(harness, base, language, name)
    members = []
    for n in range(1, 4):
        member = harness.user(base + n, f"Membre {n}", "fr")
        await member.send(f"/start {director.invitations.member_token}")
        members.append(member)
    opened, closed = NOW - timedelta(days=10), NOW - timedelta(days=2)
    async with harness.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        past = await new_consultation(session, dossier.coop_id, dossier.id, director.id, opened)
        await update_draft(
            session, past, director.id, opened, question="Quel soir pour l’assemblée générale ?",
            choices=["Mardi soir", "Jeudi soir"],
        )  # fmt: skip
        await open_consultation(session, past, director.id, opened)
        await invite(session, past, {m.id for m in members}, opened)
        for member, choice, comment in zip(
            members, (0, 0, 1), (COMMENT, None, "Jeudi, plutôt."), strict=True
        ):
            await toggle_choice(session, past, member.id, choice, True, opened)
            await set_comment(session, past, member.id, comment, opened)
            await send_answer(session, past, member.id, opened)
        await close_consultation(session, past, director.id, closed)
        running = await new_consultation(session, dossier.coop_id, dossier.id, director.id, closed)
        await open_consultation(session, running, director.id, closed)
        await invite(session, running, {m.id for m in members}, closed)
        await toggle_choice(session, running, members[0].id, 4, True, closed)
        await send_answer(session, running, members[0].id, closed)
        return director, dossier.id


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


async def test_the_dossiers_json_and_page_carry_its_consultations_in_the_chats_words(web_harness):
    director, _dossier_id = await a_coop_consulted(web_harness, 8601)
    async with client(web_harness) as http:
        dossier = (await http.get("/app/api/dossier", headers=auth(director))).json()
        page = (await http.get("/app/api/page", headers=auth(director))).json()
    shown = dossier["consultations"]
    assert shown["heading"] == "Consultations des salariés et des coopérateurs" and shown["none"] is None
    past, running = shown["list"]  # the review's order: opened first, first
    assert plain(past["title"]) == "« Quel soir pour l’assemblée générale ? »"
    assert plain(past["when"]) == "Ouverte le 13 novembre 2026, clôturée le 21 novembre 2026"
    assert past["audience"] == "tous les membres de la coopérative dans l’assistant"
    assert plain(past["participation"]) == "3 réponses sur 4 personnes consultées (75 %)"
    assert [(c["label"], c["votes"], plain(c["share"])) for c in past["choices"]] == [
        ("Mardi soir", 2, "67 %"),
        ("Jeudi soir", 1, "33 %"),
    ]
    assert past["comments_heading"] == "Commentaires" and past["comments"] == ["Jeudi, plutôt.", COMMENT]
    assert plain(running["question"]) == "Quels engagements comptent le plus pour vous ?"
    assert (
        plain(running["participation"])
        == "1 réponse sur 4 personnes consultées (25 %) · résultats à la clôture"
    )
    assert running["choices"] == [] and running["comments"] == [] and running["comments_heading"] is None
    assert "chiffres au 23 novembre 2026" in plain(running["when"])

    # the page, in its involvement part, everything escaped
    html = page["html"]
    involvement = html[html.index('<section id="involvement">') : html.index('<section id="documents">')]
    assert (
        'id="consultations"' in involvement
        and "🗳 Consultations des salariés et des coopérateurs" in involvement
    )
    assert "Mardi soir — <b>2</b> (67" in involvement
    assert "Le mardi, les familles &lt;enfin&gt; &amp; les accédants" in involvement


async def test_in_english_and_with_none_yet(web_harness):
    director, _dossier_id = await a_coop_consulted(web_harness, 8611)
    english = auth(director, language="en")
    async with client(web_harness) as http:
        await director.send("/language")
        await director.press("🇬🇧 English")
        shown = (await http.get("/app/api/dossier", headers=english)).json()["consultations"]
        assert shown["heading"] == "Consultations of the staff and the coopérateurs"
        past = shown["list"][0]
        assert past["title"] == "“Quel soir pour l’assemblée générale ?”"
        assert past["when"] == "Opened on 13 November 2026, closed on 21 November 2026"
        assert past["participation"] == "3 answers out of 4 people reached (75%)"
        assert [c["share"] for c in past["choices"]] == ["67%", "33%"] and past[
            "comments_heading"
        ] == "Comments"
        newcomer = await join(web_harness, 8615, "en", "Coop Neuve")
        none = (await http.get("/app/api/dossier", headers=auth(newcomer))).json()["consultations"]
    assert none == {
        "heading": "Consultations of the staff and the coopérateurs",
        "none": "None yet: the direction can consult the staff and the coopérateurs.",  # a sentence
        "list": [],
    }


async def test_the_committee_reading_a_submitted_dossier_sees_them(web_harness):
    _director, dossier_id = await a_coop_consulted(web_harness, 8621, "Coop Lue")
    async with web_harness.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status, row.submitted_at = DossierStatus.SUBMITTED, NOW - timedelta(days=5)
        session.add(row)
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await web_harness.user(COMMITTEE_ID).send("/start")
    async with client(web_harness) as http:
        read = await http.get(f"/app/api/dossier?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
        page = await http.get(f"/app/api/page?dossier={dossier_id}", headers=auth(COMMITTEE_ID))
    past, running = read.json()["consultations"]["list"]
    assert past["comments"] == ["Jeudi, plutôt.", COMMENT] and len(past["choices"]) == 2
    assert "ouverte après la soumission du dossier" in running["when"]  # opened after it
    assert "Quel soir pour l’assemblée générale" in page.json()["html"]
