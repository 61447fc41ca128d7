"""A list shown a page at a time (ui.common.Page): which page holds an item, so that back from it
returns where it was listed."""

from __future__ import annotations

from conversations.ui.common import Page, page_in


def test_the_page_holding_an_item_is_the_one_it_is_listed_on():
    assert Page.holding(0, 121, 40) == page_in(121, 0, 40)
    assert Page.holding(39, 121, 40).number == 0
    assert Page.holding(40, 121, 40).number == 1
    assert Page.holding(120, 121, 40) == Page(3, 4, 40)
    assert [n for n, _item in Page.holding(120, 121, 40).numbered(range(121))] == [121]


def test_an_item_no_longer_listed_leads_back_to_the_first_page():
    assert Page.holding(None, 121, 40).number == 0
    assert Page.holding(None, 0, 40) == Page(0, 1, 40)
