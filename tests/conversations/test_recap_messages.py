"""/recap: the whole dossier stays in the chat when one of its ✏️ is pressed, in as few messages as
Telegram holds (counted as Telegram counts: once the HTML is parsed), and what the committee asked
for first when it asked for more."""

from __future__ import annotations

from sqlmodel import select

from models.audit import record_change
from models.tables import Dossier, DossierStatus
from tests.dossier_steps import join

# 6,000 characters as a coop may paste them: « & » and « < » are five and four once escaped
LONG = ("Tom & Jerry ‹ <b> " * 400)[:5990] + "FIN"


async def write_dossier(harness, **values: object) -> Dossier:
    """Set the coop's dossier's fields directly (its status, a long answer)."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for name, value in values.items():
            setattr(dossier, name, value)
        session.add(dossier)
        return dossier


async def test_an_edit_button_leaves_the_whole_recap_in_the_chat(harness):
    director = await join(harness, 8931, "fr", "Coop Entière")
    await write_dossier(harness, approach=LONG)
    await director.send("/recap")
    recap = [m["text"] for m in director.replies]
    assert len(recap) >= 3  # the recap over two messages, then its buttons on a message of their own
    assert all("reply_markup" not in m for m in director.replies[:-1])
    assert director.last_text == "✏️ Modifier une partie du dossier, ou le recevoir en PDF\u00a0:"
    await director.press("✏️ Axe 2", director.last)
    assert "Gouvernance coopérative" in director.last_text  # the screen, in place of the buttons' message
    kept = [m["text"] for m in director.messages[-len(recap) : -1]]
    assert kept == recap[:-1]  # every message of the recap, as it was
    assert "📎 Documents joints" in kept[-1] and "Ce qui manque" in kept[-1]


async def test_a_short_recap_stays_too(harness):
    director = await join(harness, 8932, "fr", "Coop Courte")
    await director.send("/recap")
    await director.press("✏️ Axe 1", director.last)
    assert any("📄 Dossier de candidature Quali’Coop — Coop Courte" in text for text in director.texts())


async def test_a_long_answer_fills_messages_as_telegram_counts_them(harness):
    director = await join(harness, 8933, "fr", "Coop Longue")
    await write_dossier(harness, approach=LONG)
    await director.send("/recap")
    texts = [m["text"] for m in director.replies[:-1]]
    lengths = [len(text.encode("utf-16-le")) // 2 for text in texts]
    # the axes; the answer from its heading, as much as a message holds; its end and the rest
    assert len(texts) == 3 and lengths[1] > 4000 and max(lengths) <= 4096, lengths
    assert texts[1].startswith("👥 Démarche et implication\nDémarche et objectifs\nTom & Jerry ‹ <b>")
    whole = " ".join(texts)
    assert whole.count("Tom & Jerry") == LONG.count("Tom & Jerry") and "FIN" in whole  # nothing lost


async def test_what_the_committee_asked_comes_first(harness):
    director = await join(harness, 8935, "fr", "Coop Complète")
    dossier = await write_dossier(harness, status=DossierStatus.INFO_REQUESTED)
    async with harness.database.transaction() as session:
        await record_change(
            session, actor_id=None, coop_id=dossier.coop_id, entity="dossier", entity_id=dossier.id,
            action="request_info", field="status", new="info_requested: Précisez l’indicateur 2",
        )  # fmt: skip
    await director.send("/recap")
    first = director.replies[0]["text"]
    asked = "📝 Le comité de validation demande des compléments\u00a0:\n«\u00a0Précisez l’indicateur 2\u00a0»"
    assert asked in first and first.index(asked) < first.index("Axe 1")
