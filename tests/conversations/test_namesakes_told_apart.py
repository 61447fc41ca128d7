"""Two colleagues of one coop with the same first name, Camille: who did what is said so that each can
tell, as the team's screen already does (« Camille (@cdupont) », ``models.team.known_as``).

Before, the other Camille opened the letter and read « Ajouté par Camille le … », her own first name;
a field's « Camille a modifié … entre-temps », a file's removal « Camille, qui l’a ajouté, recevra un
message » and the admins' notice of a request « 👤 Camille » named either of them alike. Now each says
« Camille (@cdupont) » while someone else on the coop's team has that first name, and the first name
alone otherwise (no @username where nobody is to be told apart).
"""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.dossier_steps import LETTER_PDF, open_home, upload_letter


async def two_camilles(harness, first_id: int, coop: str):
    """Camille Dupont of the direction and Camille Martin, a member, each with their @username."""
    links = await harness.add_coop(coop)
    dupont = harness.user(first_id, "Camille", "fr")
    dupont.tg["username"] = "cdupont"
    await dupont.send(f"/start {links.direction_token}")
    martin = harness.user(first_id + 1, "Camille", "fr")
    martin.tg["username"] = "cmartin"
    await martin.send(f"/start {links.member_token}")
    return dupont, martin


async def open_first_file(user) -> str:
    """The first file's own screen, from the dossier's home."""
    await open_home(user)
    await user.press("📎 Documents")
    await user.press("📄 1")
    return user.last_text


async def test_the_other_camille_reads_which_camille_added_the_letter(harness):
    dupont, martin = await two_camilles(harness, 8510001, "Coop Deux Camille")
    await upload_letter(dupont)
    assert "Ajouté par Camille (@cdupont) le " in await open_first_file(martin)
    assert "Ajouté par Camille (@cdupont) le " in await open_first_file(dupont)  # herself, told apart too


async def test_a_first_name_nobody_else_has_is_said_alone(harness):
    links = await harness.add_coop("Coop Une Camille")
    camille = harness.user(8510011, "Camille", "fr")
    camille.tg["username"] = "cdupont"
    await camille.send(f"/start {links.direction_token}")
    bob = harness.user(8510012, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await upload_letter(camille)
    said = await open_first_file(bob)
    assert "Ajouté par Camille le " in said and "@cdupont" not in said, said


async def test_removing_a_namesakes_file_says_which_camille_will_be_told(harness):
    dupont, martin = await two_camilles(harness, 8510021, "Coop Deux Camille Retrait")
    await open_home(martin)
    await martin.press("📎 Documents")  # a file sent here is a supporting document, its caption its label
    sent = harness.fake.user_document(
        martin.tg, "budget.pdf", LETTER_PDF, "application/pdf", caption="Budget"
    )
    martin.replies = await harness.deliver(martin.id, sent)
    await open_first_file(dupont)
    await dupont.press("🗑 Retirer")
    said = dupont.last_text
    assert "Camille (@cmartin), qui l’a ajouté, recevra un message" in said, said


async def at_the_approach(user) -> None:
    """The dossier's approach asked, from the home."""
    await open_home(user)
    await user.press("👥 Démarche")
    await user.press("✍️ Répondre")


async def test_a_change_made_meanwhile_says_which_camille_made_it(harness):
    dupont, martin = await two_camilles(harness, 8510031, "Coop Deux Camille Démarche")
    await at_the_approach(martin)
    await at_the_approach(dupont)
    await dupont.send("Texte de Camille Dupont")
    await martin.send("Texte de Camille Martin")  # the box: which one to keep
    box = martin.last
    await dupont.press("⬅️")  # back to the approach, to change it again
    await dupont.send("Texte revu par Camille Dupont")
    await martin.press("Garder la sienne", box)  # a value she has not seen: who changed it is said
    said = martin.reply_text().replace("\xa0", " ")
    assert said.startswith(
        "ℹ️ Camille (@cdupont) a modifié « Démarche et objectifs » entre-temps : c’est désormais « Texte revu"
    ), said


async def test_the_admins_read_which_camille_wrote_the_request(harness):
    _dupont, martin = await two_camilles(harness, 8510041, "Coop Deux Camille Demande")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await martin.send("/federation")
    await martin.press("✍️ Nouvelle demande")
    await martin.press("📊 Indicateurs")
    await martin.send("Comment compter les salariés associés ?")
    await martin.press("📤 Envoyer à la fédération")
    seen = len(admin.messages)
    await harness.run_background()
    notices = [m.get("text") or "" for m in admin.messages[seen:]]
    assert any("👤 Camille (@cmartin)" in text for text in notices), notices
