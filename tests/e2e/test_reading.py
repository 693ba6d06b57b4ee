"""The document as staff use it, in a real browser: on paper, long texts, the phone, long names,
the timeline, the facet boxes and following a search. Screenshots and PDFs go to test-output/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from indexer import pipeline
from search_app import create_app
from tests.conftest import CORPUS
from tests.e2e.conftest import serve_in_thread

pytestmark = pytest.mark.e2e
LONG = Path(__file__).resolve().parent.parent / "fixtures" / "long" / "Nghị_định_36_2015_NĐ-CP.txt"
LETTER = "/doc/000_0f98641f82c5dfd6"  # the Bắc Kạn letter 2973/UBND-VXNV, 17 entries under "Nơi nhận"
LONG_NAME = "Cong_van_so_1234-UBND-VXNV_ve_viec_trien_khai_" + "cac_bien_phap_phong_chong_dich_" * 5 + "ban_cuoi.txt"
NAMED_LETTER = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 1234/UBND-VXNV
Bắc Kạn, ngày 02 tháng 3 năm 2022
V/v triển khai biện pháp phòng chống dịch trong trường học
Kính gửi: Sở Giáo dục và Đào tạo.
Đề nghị triển khai ngay các biện pháp phòng chống dịch trong trường học.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled corpus, a long decree (12 articles in 4 chapters) and a letter with a very long file name."""
    root = tmp_path_factory.mktemp("reading")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(LONG, corpus / LONG.name)
    (corpus / LONG_NAME).write_text(NAMED_LETTER, encoding="utf-8")
    pipeline.build(corpus, root / "index")
    return serve_in_thread(create_app({"INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus), "TESTING": True}))


def api(site: str, path: str) -> dict:
    with urllib.request.urlopen(site + path, timeout=30) as answer:
        return json.load(answer)


def decree_url(site: str) -> str:
    return api(site, "/api/search?q=36/2015/N%C4%90-CP")["hits"][0]["url"]


@pytest.fixture()
def open_page(browser):
    contexts = []

    def make(viewport: dict, **options):
        context = browser.new_context(viewport=viewport, locale="vi-VN", **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda err: page.errors.append(str(err)))
        return page

    yield make
    for context in contexts:
        context.close()


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not laid out"
    return found


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _print(page, output_dir: Path, name: str) -> int:
    pdf = output_dir / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(output_dir / f"{name}-page")],
                   check=True)
    return _pdf_pages(pdf)


# -- 1. print -----------------------------------------------------------------------------------

def test_print_lays_out_the_letter_as_issued(open_page, site: str, output_dir: Path) -> None:
    page = open_page(WIDE)
    page.goto(site + LETTER)
    page.emulate_media(media="print")
    left, right = box(page, ".nd30-left"), box(page, ".nd30-right")
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) <= 4
    assert "2973/UBND-VXNV" in page.locator(".nd30-left").inner_text()
    assert "Bắc Kạn, ngày 21 tháng 5 năm 2021" in page.locator(".nd30-right").inner_text()  # place, date right
    title, text = box(page, ".nd30-recipients"), box(page, ".doc-text")
    assert abs((title["x"] + title["width"] / 2) - (text["x"] + text["width"] / 2)) < 8  # centred
    dist, sign = box(page, ".nd30-distribution"), box(page, ".nd30-signature")
    assert sign["x"] >= dist["x"] + dist["width"] - 1 and abs(sign["y"] - dist["y"]) <= 4  # beside, to the right
    shown = [line for line in page.locator(".nd30-distribution p").all_inner_texts() if line.startswith("-")]
    text = api(site, "/api/documents/000_0f98641f82c5dfd6")["text"]
    listed = [line.strip() for line in text[re.search("N[ơo]i nhận", text).start():].split("\n") if line.strip().startswith("-")]
    assert len(listed) == 12 and shown == listed  # complete, not cut to five
    for hidden in (".site-header", ".doc-side", ".provenance", ".crumbs", ".document h1", ".match-bar"):
        assert not page.locator(hidden).first.is_visible(), hidden
    source = box(page, ".print-source")
    assert source["height"] < 26 and "000_0f98641f82c5dfd6" in page.locator(".print-source").inner_text()
    size = page.locator(".nd30-body p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert 13 * 4 / 3 - 0.1 <= size <= 14 * 4 / 3 + 0.1  # 13–14 pt
    assert _print(page, output_dir, "print-letter") <= 3  # was 5, the last a page of metadata


def test_print_of_a_long_decree_keeps_the_layout(open_page, site: str, output_dir: Path) -> None:
    page = open_page(WIDE)
    page.goto(site + decree_url(site))
    page.emulate_media(media="print")
    left, right = box(page, ".nd30-left"), box(page, ".nd30-right")
    assert abs(left["y"] - right["y"]) <= 4 and left["x"] < right["x"]
    assert not page.get_by_test_id("toc").is_visible()
    assert _print(page, output_dir, "print-decree") <= 6


# -- 2. long documents --------------------------------------------------------------------------

def test_a_long_document_has_contents_with_stable_anchors(open_page, site: str, output_dir: Path) -> None:
    page = open_page(WIDE)
    url = decree_url(site)
    page.goto(site + url)
    toc = page.get_by_test_id("toc")
    assert toc.locator("a", has_text=re.compile(r"^Chương II TIÊU CHÍ")).count() == 1
    assert toc.locator('a[href="#dieu-12"]').inner_text().startswith("Điều 12. Trách nhiệm thi hành")
    toc.locator('a[href="#dieu-9"]').click()
    page.wait_for_url(lambda u: u.endswith("#dieu-9"))
    target = box(page, "#dieu-9")
    assert 0 <= target["y"] < 200 and page.locator("#dieu-9").inner_text().startswith("Điều 9.")
    assert page.locator("#dieu-7-khoan-1").inner_text().startswith("1.")
    page.goto(site + url + "#dieu-10")  # a link from elsewhere lands on the article
    assert 0 <= box(page, "#dieu-10")["y"] < 200
    page.screenshot(path=str(output_dir / "long-document.png"))


def test_a_hit_names_its_article_and_opens_at_the_first_match(open_page, site: str, output_dir: Path) -> None:
    page = open_page(WIDE)
    page.goto(site + "/?q=bu%C3%B4n+l%E1%BA%ADu")
    named = page.get_by_test_id("hit-article").first
    assert named.inner_text().startswith("Điều 8. Nhiệm vụ và hoạt động của Tổng cục Hải quan")
    assert named.locator("a").get_attribute("href").endswith("#dieu-8")
    page.screenshot(path=str(output_dir / "hit-article.png"))
    named.locator("a").click()
    page.wait_for_url(lambda u: "#dieu-8" in u)
    count = page.get_by_test_id("match-count")
    assert count.inner_text().startswith("Chỗ khớp 1/")
    current = page.locator("mark.current")
    first = current.bounding_box()
    assert first and 0 < first["y"] < 900 and page.evaluate("window.scrollY") > 300
    assert current.evaluate("m => !!m.closest('#dieu-8') || "
                            "!!(document.getElementById('dieu-8').compareDocumentPosition(m) & 4)")
    page.keyboard.press("n")
    assert count.inner_text().startswith("Chỗ khớp 2/")
    moved = page.locator("mark.current").bounding_box()
    assert moved and 0 < moved["y"] < 900
    page.keyboard.press("p")
    assert count.inner_text().startswith("Chỗ khớp 1/")
    page.get_by_role("button", name="Chỗ khớp sau").click()
    assert count.inner_text().startswith("Chỗ khớp 2/")
    page.screenshot(path=str(output_dir / "match-navigation.png"))
    assert page.errors == []


def test_back_to_the_results_restores_query_filters_sort_and_page(open_page, site: str) -> None:
    page = open_page(WIDE)
    search = "/?q=dich&doc_type=C%C3%B4ng+v%C4%83n&sort=oldest&per_page=1&page=2&hide_superseded=1"
    page.goto(site + search)
    page.locator(".hit h2 a").first.click()
    page.wait_for_url(lambda u: "/doc/" in u)
    page.get_by_test_id("back").click()
    page.wait_for_url(lambda u: "/doc/" not in u)
    assert sorted(parse_qsl(urlsplit(page.url).query)) == sorted(parse_qsl(urlsplit(search).query))
    assert page.locator("#sort").input_value() == "oldest" and page.locator("#per_page").input_value() == "1"
    assert page.locator('.keep-filters input[name="doc_type"]').is_checked()
    assert "Trang 2 /" in page.locator(".pagination").inner_text()


# -- 3. the phone, long names ---------------------------------------------------------------------

def test_on_a_phone_the_text_comes_first_and_the_rest_folds(open_page, site: str, output_dir: Path) -> None:
    page = open_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site + LETTER)
    first_line = box(page, ".doc-text p")
    assert first_line["y"] < PHONE["height"] - 40  # the text begins within the first screen
    assert box(page, "[data-testid=doc-meta]")["y"] > box(page, ".doc-text")["y"]
    folds = page.locator(".doc-side details.fold")
    assert folds.count() >= 5 and all(not folds.nth(i).evaluate("d => d.open") for i in range(folds.count()))
    page.locator(".doc-side details.fold > summary").first.click()
    assert page.locator(".meta-table").is_visible()
    page.screenshot(path=str(output_dir / "document-phone-first-screen.png"))
    wide = open_page(WIDE)
    wide.goto(site + LETTER)
    text, meta = box(wide, ".doc-text"), box(wide, "[data-testid=doc-meta]")
    assert meta["x"] >= text["x"] + text["width"] and wide.locator(".meta-table").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_nothing_is_wider_than_the_screen_whatever_the_file_name(open_page, site: str, output_dir: Path,
                                                                   viewport: dict) -> None:
    page = open_page(viewport)
    doc = api(site, "/api/search?q=1234/UBND-VXNV")["hits"][0]["url"]
    for url in (doc, "/?q=1234/UBND-VXNV", "/?q=dich&doc_type=C%C3%B4ng+v%C4%83n&issuer="
                "%E1%BB%A6y+ban+nh%C3%A2n+d%C3%A2n+t%E1%BB%89nh+B%E1%BA%AFc+K%E1%BA%A1n"):
        page.goto(site + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
    page.goto(site + doc)
    if viewport is PHONE:
        page.locator(".doc-side details.fold > summary").first.click()
    cell = page.locator(".meta-table a", has_text="ban_cuoi.txt")
    assert cell.inner_text() == LONG_NAME  # wrapped, not cut
    cell_box = cell.bounding_box()
    assert cell_box and cell_box["x"] + cell_box["width"] <= viewport["width"]
    label = box(page, ".meta-table th")
    assert label["height"] < 60  # labels are not broken letter by letter
    page.screenshot(path=str(output_dir / f"long-name-{viewport['width']}.png"), full_page=True)


def test_results_on_a_phone_show_active_filters_once(open_page, site: str, output_dir: Path) -> None:
    page = open_page(PHONE, is_mobile=True)
    page.goto(site + "/?q=dich&doc_type=C%C3%B4ng+v%C4%83n&topic=c%C3%A1ch+ly")
    assert page.get_by_text("Loại văn bản: Công văn").count() == 1
    assert page.get_by_text("Chủ đề: cách ly").count() == 1
    page.screenshot(path=str(output_dir / "results-phone-filters.png"))
    assert box(page, ".hit")["y"] < 700


# -- 4. timeline ----------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_timeline_is_readable_and_a_year_shows_its_months(open_page, site: str, output_dir: Path,
                                                              viewport: dict) -> None:
    page = open_page(viewport)
    page.goto(site + "/?date_from=2021-01-01&date_to=2021-12-31")
    svg = box(page, "svg.timeline")
    labels = page.locator("svg.timeline text:not(.scale):visible")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    months = [t for t in (labels.nth(i).text_content() or "" for i in range(labels.count()))
              if t.isdigit() and len(t) <= 2]
    assert months[:1] == ["1"] and months[-1:] == ["12"] and len(months) in (6, 12)  # Jan to Dec 2021
    assert all(b["height"] >= 10 for b in boxes)  # not squashed
    for b in boxes:
        assert svg["x"] - 0.5 <= b["x"] and b["x"] + b["width"] <= svg["x"] + svg["width"] + 0.5  # none clipped
    rows: dict[int, list[dict]] = {}
    for b in boxes:
        rows.setdefault(round(b["y"]), []).append(b)
    for row in rows.values():
        row.sort(key=lambda b: b["x"])
        assert all(a["x"] + a["width"] <= c["x"] for a, c in zip(row, row[1:], strict=False))  # none touch
    assert page.locator("svg.timeline text.scale").count() >= 1  # a count scale
    page.screenshot(path=str(output_dir / f"timeline-{viewport['width']}.png"))


# -- 6. facet boxes -------------------------------------------------------------------------------

def test_facet_boxes_read_abbreviations_and_say_when_nothing_matches(open_page, site: str) -> None:
    page = open_page(WIDE)
    page.goto(site + "/")
    for form in page.locator(".facet-form > ul").all():
        items = form.locator("li")
        if items.count() >= 8:
            eighth, list_box = items.nth(7).bounding_box(), form.bounding_box()
            assert eighth and list_box and eighth["y"] + eighth["height"] <= list_box["y"] + list_box["height"] + 1
            assert form.evaluate("u => u.scrollHeight <= u.clientHeight + 1")
    facet = page.locator("section.facet", has=page.locator("#facet-recipient"))
    facet.locator("summary").click()
    box_ = facet.get_by_label("Lọc danh sách Nơi nhận")
    box_.fill("ubnd")
    page.wait_for_function("() => { const items = [...document.querySelectorAll('#more-recipient li')]; "
                           "const fold = (s) => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); "
                           "return items.length > 0 && items.every(li => /uy ban nhan dan|ubnd/.test(fold(li.textContent))) }")
    assert not facet.get_by_test_id("no-match").is_visible()
    box_.fill("zzqq")
    page.wait_for_function("() => !document.querySelector('#more-recipient ~ .no-match').hidden")
    assert "Không có giá trị nào khớp" in facet.get_by_test_id("no-match").inner_text()
    assert page.errors == []


# -- 5. follow ------------------------------------------------------------------------------------

def test_follow_opens_a_page_with_the_address_to_copy(open_page, site: str, output_dir: Path) -> None:
    page = open_page(WIDE)
    page.goto(site + "/?q=cach+ly")
    page.get_by_test_id("follow").click()
    page.wait_for_url(lambda u: "/follow?" in u)
    assert page.get_by_role("heading", name="Theo dõi tìm kiếm này").is_visible()
    assert page.get_by_test_id("feed-url").input_value() == site + "/feed?q=cach+ly"
    page.get_by_role("button", name="Sao chép").click()
    page.screenshot(path=str(output_dir / "follow.png"))
