"""The note under a read-only dossier's screens, in the words of the dossier's state.

Before: every screen of a dossier no longer the coop's to change said « Le dossier a été soumis : il ne peut
plus être modifié ici. 🔒 » — while submitted (« ici », as if it could be changed elsewhere: the Mini App
is read-only too), and still months after the committee declared it admissible, visited it, labelled it.
Now: while submitted, the sentence the submission and the uploads say (« entre les mains du comité »);
from admissibility on, the one a file sent then hears (« clos : le comité l’a déclaré recevable »)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

WITH_COMMITTEE = (
    "Votre dossier est entre les mains du comité de validation\u00a0: il ne peut plus être modifié. 🔒"
)
CLOSED = "Le dossier de votre candidature est clos\u00a0: le comité l’a déclaré recevable, et il ne peut plus"
SUBMITTED = "a été soumis"


async def engagement_and_indicator(user) -> list[str]:
    """The first engagement's screen, then its first indicator's (French)."""
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    engagement = user.last_text
    await user.press("1 · ")
    return [engagement, user.last_text]


async def test_a_submitted_dossier_is_said_with_the_committee_not_unchangeable_here(harness):
    director = await join(harness, 5202, "fr", "Coop Soumise")
    await complete_dossier(director)
    await submit(director)
    for text in await engagement_and_indicator(director):
        assert WITH_COMMITTEE in text and "modifié ici" not in text, text
    await director.press("📌 1 · ")  # an action of the plan
    assert WITH_COMMITTEE in director.last_text, director.last_text
    await open_home(director)
    await director.press("📎 Documents")
    assert WITH_COMMITTEE in director.last_text, director.last_text


async def test_an_admissible_then_labelled_dossier_is_said_closed_not_submitted(world):
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Close")
    for text in await engagement_and_indicator(director):
        assert CLOSED in text and SUBMITTED not in text, text
    clock.now = datetime(2028, 5, 10, 13, tzinfo=UTC)
    await decide(committee, "Coop Close", "🚪 Visite effectuée", "Visite.")
    clock.now = datetime(2028, 6, 1, 13, tzinfo=UTC)
    await decide(committee, "Coop Close", "🏅 Attribuer le label", "Label attribué.")
    for text in await engagement_and_indicator(director):
        assert CLOSED in text and SUBMITTED not in text, text
