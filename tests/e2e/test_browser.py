"""A person's session in a real browser: search without marks, narrow by
agency, open a document, follow a citation, come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def total(page) -> int:
    return int(page.get_by_test_id("total").inner_text())


def shown_dates(page) -> list[str]:
    """The results' dates as ISO days, in the order shown (undated results left out)."""
    metas = page.locator(".hit .meta").all_inner_texts()
    return [f"{y}-{m}-{d}" for meta in metas for d, m, y in re.findall(r"(\d{2})/(\d{2})/(\d{4})\s*$", meta)]


def test_search_filter_open_follow_citation_and_come_back(page, live_url: str, output_dir: Path) -> None:
    page.goto(live_url + "/")
    page.get_by_label("Từ khóa, số ký hiệu hoặc trích yếu").fill("cach ly")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"q=cach\+ly"))
    assert total(page) == 4
    marks = page.locator(".snippet mark").all_inner_texts()
    assert any(m.lower() in ("cách", "ly") for m in marks)
    page.screenshot(path=str(output_dir / "results.png"), full_page=True)

    page.locator('.facet a[data-facet="issuer"]', has_text="Ủy ban nhân dân tỉnh Đắk Nông").click()
    page.wait_for_url(re.compile(r"issuer="))
    assert total(page) == 1
    assert page.get_by_test_id("keep-filters").inner_text().count("Cơ quan ban hành: Ủy ban nhân dân tỉnh Đắk Nông") == 1
    filtered_url = page.url

    page.locator(".hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/003_c722c5a340bb8371\?"))
    assert page.locator("mark", has_text="cách").count() > 0
    page.screenshot(path=str(output_dir / "document.png"), full_page=True)

    page.locator("a.cite", has_text="285/TB-VPCP").first.click()
    page.wait_for_url(re.compile(r"/doc/003_c722c5a340bb8371-2$"))
    # the title reads "<Loại> <số> <trích yếu>" (issue 21): "Thông báo 285/TB-VPCP kết luận của Thủ tướng …"
    assert "Thông báo 285/TB-VPCP kết luận của Thủ tướng" in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name="Được dẫn chiếu bởi").is_visible()

    page.go_back()
    page.wait_for_url(re.compile(r"/doc/003_c722c5a340bb8371\?"))
    page.go_back()
    assert page.url == filtered_url and total(page) == 1
    assert page.errors == []


def test_sort_is_chosen_from_the_keyboard_and_kept_in_the_url(page, live_url: str) -> None:
    page.goto(live_url + "/?q=phong+chong+dich")
    page.focus("#sort")
    page.keyboard.press("ArrowDown")  # moving through the options does not leave the page
    page.wait_for_timeout(300)
    assert "sort=" not in page.url
    page.select_option("#sort", "oldest")
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url(re.compile(r"sort=oldest"))
    assert "q=phong+chong+dich" in page.url
    oldest = shown_dates(page)
    assert len(set(oldest)) >= 2 and oldest == sorted(oldest)  # the oldest first, as chosen
    page.select_option("#sort", "newest")
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    newest = shown_dates(page)
    assert newest == sorted(newest, reverse=True) and newest[0] == max(oldest)
    assert page.errors == []


def test_the_page_works_on_a_phone_width_screen(browser, live_url: str, output_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_url + "/?q=vac+xin")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=str(output_dir / "results-phone.png"), full_page=True)
    context.close()


def test_the_search_works_without_javascript(browser, live_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url + "/")
    page.fill("#q", "dak nong")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"q=dak\+nong"))
    assert total(page) == 1
    page.select_option("#sort", "newest")
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    context.close()


def test_every_box_of_the_facet_column_stays_inside_it_on_a_wide_screen(page, live_url: str) -> None:
    # the date boxes (20 characters wide by default) ran past the column's right edge
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/?q=cach+ly")
    column = page.locator("form.date-range").bounding_box()
    for box in ("#date_from", "#date_to"):
        inner = page.locator(box).bounding_box()
        assert inner["x"] + inner["width"] <= column["x"] + column["width"] + 0.5, box
