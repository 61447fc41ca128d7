"""The committee's list on a phone: a coop's name, then « · cycle 1, soumis le … », the « · » never alone
at a line's start or end.

Before, the name was a link in a box of its own (for a finger's tap): beside a name that filled its
line, or wrapped, the list read « · cycle 1, soumis le 23 novembre 2026 » at the start of the next line,
or left the « · » at the end of the name's line, at 320 and 390 px. Now the name flows with the cycle,
the « · » held to the name's last word and the cycle's first; each name is still a 44 px tap, apart
from its neighbours'."""

from __future__ import annotations

import pytest

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.browser import test_miniapp_phone as phone
from tests.browser.test_miniapp_browser import THEME, bot, pytestmark, shot  # noqa: F401
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, submit

NAMES = (
    "Coop Habitat Solidaire du Grand Ouest",
    "Coop Habitat Solidaire et Participatif du Grand Ouest Atlantique",
)
# each item's drawn lines, as [first character, last character]
LINES = """() => [...document.querySelectorAll('.dossiers li')].map((li) => {
  const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  const lines = [];
  let top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (!node.data[i].trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const at = Math.round(range.getBoundingClientRect().top);
      if (top === null || at > top + 4) lines.push([node.data[i], node.data[i]]);
      lines[lines.length - 1][1] = node.data[i];
      top = at;
    }
  }
  return lines;
})"""
TAPS = """() => [...document.querySelectorAll('.dossiers a[data-open]')].map((a) => {
  const box = a.getBoundingClientRect();
  return [Math.round(box.top), Math.round(box.bottom)];
})"""


@pytest.mark.parametrize("width", [320, 390])
async def test_the_separator_stays_between_a_coops_name_and_its_cycle(browser, bot, width):  # noqa: F811
    for offset, name in enumerate(NAMES):
        coop = await join(bot, 9630 + offset, "fr", name)
        await complete_dossier(coop)
        await submit(coop)
    async with bot.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    bot.user(COMMITTEE_ID, "Claude", "fr")
    page = await phone.open_phone(browser, bot, COMMITTEE_ID, THEME, "light", {"width": width, "height": 640})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossiers")
    await shot(page, f"comfort-list-{width}")
    items = await page.evaluate(LINES)
    assert len(items) == 2 and all(len(lines) > 1 for lines in items), items  # each name wraps with its cycle
    assert all("·" not in line for lines in items for line in lines), items
    taps = sorted(await page.evaluate(TAPS))
    assert len(taps) == 2 and all(bottom - top >= 44 for top, bottom in taps), taps
    assert taps[0][1] <= taps[1][0], taps  # a tap between two names opens one of them, never a doubt
    await page.context.close()
