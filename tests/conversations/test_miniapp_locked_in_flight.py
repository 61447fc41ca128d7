"""A field saved from the Mini App while a colleague submits the dossier in the same instant: the
submission committed after the page's visit was opened, the save is refused whole (rolled back: the
stored value unchanged) and the page comes back drawn as it is now, read-only, with the submission's
reason.

Before, the refusal was caught inside the save's transaction, which then committed the field written
just before the dossier was found submitted, and drew the page from the visit read before: editable,
with « declared admissible » as the reason."""

from __future__ import annotations

import bot.web.miniapp.api as api
from models.tables import Dossier, DossierStatus
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_miniapp_locked_answer import SUBMITTED, set_status
from tests.databases import needs_postgres


@needs_postgres
async def test_a_save_racing_a_submission_is_rolled_back_and_the_page_drawn_read_only(
    web_harness, monkeypatch
):
    director, dossier = await coop_with_indicator(web_harness, 9550101, "Coop Course")
    dossier_id = dossier["dossier"]["id"]
    opened = api.open_visit

    async def submitted_meanwhile(session, *args):
        """The visit opened, a colleague's submission commits (another transaction, as another instance)."""
        visit = await opened(session, *args)
        await set_status(web_harness, dossier_id, DossierStatus.SUBMITTED)
        return visit

    monkeypatch.setattr(api, "open_visit", submitted_meanwhile)
    change = {"entity": "dossier", "id": dossier_id, "field": "approach", "value": "Tard", "expected": None}
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(director), json=change)
    assert answer.status_code == 403, answer.text
    data = answer.json()
    assert data["error"].replace("\u00a0", " ") == SUBMITTED
    assert "<textarea" not in data["html"] and "Lecture seule" in data["html"]
    async with web_harness.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).approach is None  # nothing written
