"""Marie on the conflict box (Paul saved « Démarche » while she typed hers), when Paul then submits the
dossier. Before, either of the box's buttons answered only a pop-up « Le dossier a été soumis : il ne peut
plus être modifié ici. », the box staying with buttons that all refused (« Garder la sienne » too, which
writes nothing), her text not given back. Now the box leads on as a typed answer in the same case does:
« soumis », the dossier's home (read-only), and with « Garder ma réponse » her text given back whole, in
a message of its own to copy.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

NBSP = "\u00a0"
THEIRS = "Texte de Paul, nouvelle démarche."
MINE = "Texte de Marie, sa version de la démarche."
SUBMITTED = "Le dossier a été soumis : il ne peut plus être modifié. 🔒"
HOME_LOCKED = "Soumis au comité"


async def box_then_submitted(harness, paul_id: int):
    """Marie's conflict box on « Démarche et objectifs », then Paul's submission."""
    paul = await join(harness, paul_id, "fr")
    await complete_dossier(paul)
    marie = harness.user(paul_id + 1, "Marie", "fr")
    await marie.send(f"/start {paul.invitations.member_token}")
    for user in (paul, marie):
        await open_home(user)
        await user.press("👥 Démarche")
        await user.press("✏️ Démarche")
    await paul.send(THEIRS)
    await marie.send(MINE)
    assert "Laquelle garder" in marie.last_text.replace(NBSP, " "), marie.last_text
    await submit(paul)
    return marie


def plain_replies(user) -> list[str]:
    """The texts the last press produced, no-break spaces as plain ones."""
    return [m.get("text", "").replace(NBSP, " ") for m in user.replies]


async def approach_stored(harness) -> str:
    """The dossier's « Démarche et objectifs » as stored now."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().approach


async def test_keep_mine_once_submitted_gives_the_answer_back_below_the_home(harness):
    marie = await box_then_submitted(harness, 4791201)
    await marie.press("Garder ma réponse")
    assert not any(marie.alerts), marie.alerts  # no pop-up
    said = plain_replies(marie)
    assert any(SUBMITTED in text and HOME_LOCKED in text for text in said), said
    assert MINE in said, said  # whole, on its own, to copy
    assert await approach_stored(harness) == THEIRS


async def test_keep_theirs_once_submitted_leads_to_the_home(harness):
    marie = await box_then_submitted(harness, 4791211)
    await marie.press("Garder la sienne")
    assert not any(marie.alerts), marie.alerts  # no pop-up
    said = plain_replies(marie)
    assert any(SUBMITTED in text and HOME_LOCKED in text for text in said), said
    assert "Laquelle garder" not in marie.last_text.replace(NBSP, " "), marie.last_text
    assert await approach_stored(harness) == THEIRS
