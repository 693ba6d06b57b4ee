"""The document as issued: on screen, on a phone and on paper (NĐ 30/2020 layout)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
DOC = "/doc/000_0f98641f82c5dfd6"  # the Bắc Kạn letter 2973/UBND-VXNV


def test_screen_shows_header_in_two_columns_and_signature_right(page, live_url: str, output_dir: Path) -> None:
    page.goto(live_url + DOC)
    left = page.locator(".nd30-left").bounding_box()
    right = page.locator(".nd30-right").bounding_box()
    assert left and right and left["x"] < right["x"] and abs(left["y"] - right["y"]) < 5
    assert "2973/UBND-VXNV" in page.locator(".nd30-left").inner_text()
    sign = page.locator(".nd30-signature").bounding_box()
    dist = page.locator(".nd30-distribution").bounding_box()
    assert sign and dist and sign["x"] > dist["x"]
    page.screenshot(path=str(output_dir / "document-screen.png"), full_page=True)


def test_print_hides_the_site_and_shows_the_document(page, live_url: str, output_dir: Path) -> None:
    page.goto(live_url + DOC)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("#q").is_visible()
    assert page.get_by_test_id("doc-text").is_visible()
    assert not page.locator(".meta-table").is_visible() and page.locator(".print-source").is_visible()
    page.screenshot(path=str(output_dir / "document-print.png"), full_page=True)
    page.goto(live_url + "/?q=cach+ly")
    page.emulate_media(media="print")
    assert not page.locator(".facets").is_visible()


def test_phone_puts_the_text_first_and_folds_the_metadata_below_it(browser, live_url: str, output_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_url + DOC)
    meta = page.get_by_test_id("doc-meta").bounding_box()
    text = page.get_by_test_id("doc-text").bounding_box()
    assert meta and text and text["y"] < 844 and text["y"] < meta["y"]
    assert page.get_by_test_id("meta-fold").evaluate("d => !d.open")
    page.screenshot(path=str(output_dir / "document-phone.png"), full_page=False)
    context.close()


def test_results_show_a_timeline_whose_bars_filter_by_month(page, live_url: str, output_dir: Path) -> None:
    page.goto(live_url + "/")
    bars = page.locator("svg.timeline a")
    assert bars.count() >= 2
    page.screenshot(path=str(output_dir / "results-timeline.png"), full_page=True)
    # "Tháng 3/2021: 1 văn bản": the bar's month and count are what the filtered page shows
    month, year, count = re.match(r"Tháng (\d+)/(\d{4}): (\d+) văn bản", bars.first.get_attribute("aria-label")).groups()
    bars.first.click()
    page.wait_for_url(lambda url: "date_from=" in url and "date_to=" in url)
    assert page.get_by_test_id("total").inner_text() == count
    dates = [meta.strip()[-10:] for meta in page.locator(".hit .meta").all_inner_texts()]
    assert dates and all(d.endswith(f"/{int(month):02d}/{year}") for d in dates)


def test_a_long_facet_opens_with_a_box_that_filters_its_values(page, live_url: str) -> None:
    page.goto(live_url + "/")
    facet = page.locator("section.facet", has=page.locator("#facet-recipient"))
    facet.locator("summary").click()
    box = facet.get_by_label("Lọc danh sách Nơi nhận")
    box.fill("huyen")
    visible = [t for t in facet.locator("details li:visible").all_inner_texts()]
    assert visible and all("huyện" in t.lower() for t in visible)
    chosen = facet.locator("details li:visible").first
    label, count = chosen.locator(".label").inner_text(), chosen.locator(".count").inner_text()
    chosen.locator("input").click()
    page.wait_for_url(lambda url: "recipient=" in url)
    # the page is that value's documents: its count, and that filter among the ones applied
    assert page.get_by_test_id("total").inner_text() == count
    assert page.get_by_test_id("keep-filters").locator("label", has_text=f"Nơi nhận: {label}").count() == 1
    assert page.errors == []
