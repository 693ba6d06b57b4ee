// Optional improvements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const apply = (box) => {
    if (box.dataset.url) window.location.assign(box.dataset.url);
    else box.form.submit();
  };
  // Facet checkboxes: a change applies the filter at once (the "Lọc" button does it without script).
  document.querySelectorAll(".facet-form").forEach((form) => {
    form.querySelectorAll(".js-hide").forEach((el) => { el.hidden = true; });
    form.addEventListener("change", (event) => {
      if (event.target.matches("input[type=checkbox]")) apply(event.target);
    });
  });
  // "Theo dõi": copy the feed's address.
  document.querySelectorAll(".js-copy").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    button.hidden = false;
    button.addEventListener("click", () => {
      field.select();
      const said = document.querySelector("[data-testid=copied]");
      const done = () => { if (said) said.textContent = "Đã sao chép địa chỉ."; };
      if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
      else if (document.execCommand("copy")) done();
    });
  });
  // The active filters above the results: unticking one searches again without it.
  document.querySelectorAll(".keep-filters input[type=checkbox]").forEach((box) => {
    box.addEventListener("change", () => box.form.submit());
  });
  // "Xem thêm": a box that filters the list as one types; for long facets it asks the server,
  // which looks through every value (/api/facets/<name>?prefix=…).
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  document.querySelectorAll(".facet-filter").forEach((input) => {
    const list = document.getElementById(input.dataset.list);
    const name = input.dataset.list.replace(/^more-/, "");
    let timer = null;
    const none = input.parentElement.querySelector(".no-match");
    const say = () => {
      const empty = input.value.trim() !== "" && !list.querySelector("li:not([hidden])");
      none.hidden = !empty;
      none.textContent = empty ? `Không có giá trị nào khớp «${input.value.trim()}».` : "";
    };
    const local = (final = true) => {  // without the server: folded text only (the server also reads abbreviations)
      const key = fold(input.value.trim());
      list.querySelectorAll("li").forEach((li) => { li.hidden = key !== "" && !fold(li.textContent).includes(key); });
      if (final) say();
    };
    const remote = async () => {
      const key = input.value.trim();
      if (!key) { local(); return; }
      const url = new URL(input.dataset.source, window.location.origin);
      url.searchParams.set("prefix", key);
      url.searchParams.set("facet_size", "100");
      const answer = await fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      if (!answer) { local(); return; }
      list.replaceChildren(...answer.values.map((v, i) => {
        const li = document.createElement("li");
        const box = document.createElement("input");
        box.type = "checkbox"; box.name = name; box.value = v.value; box.id = `f-${name}-q${i}`;
        box.checked = v.selected; box.dataset.url = v.toggle_url;
        const label = document.createElement("label");
        label.htmlFor = box.id;
        const text = document.createElement("span"); text.className = "label"; text.textContent = v.label;
        const count = document.createElement("span"); count.className = "count"; count.textContent = ` ${v.count}`;
        label.append(text, count);
        li.append(box, label);
        return li;
      }));
      say();
    };
    input.addEventListener("input", () => {
      local(!input.dataset.source);  // at once on the values at hand; then the server looks through all of them
      if (!input.dataset.source) return;
      clearTimeout(timer);
      timer = setTimeout(remote, 250);
    });
  });
  // Suggestions as one types (numbers, agencies): the ARIA combobox pattern on the search box.
  // Without this script the box is a plain search box; with it, ↓/↑ move, Enter picks, Esc closes.
  const box = document.getElementById("q");
  if (box && window.fetch) {
    const list = document.createElement("ul");
    list.id = "q-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý");
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.form.style.position = "relative";
    box.form.append(list, status);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);
    let items = [], active = -1, timer = null, asked = "";
    const close = () => {
      list.hidden = true; active = -1; box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
    };
    const mark = () => {
      list.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", i === active ? "true" : "false"));
      if (active >= 0) box.setAttribute("aria-activedescendant", `q-option-${active}`);
      else box.removeAttribute("aria-activedescendant");
    };
    const pick = (item) => {
      if (item.kind === "issuer") {
        const url = new URL("/", window.location.origin);
        url.searchParams.set("issuer", item.value);
        window.location.assign(url);
        return;
      }
      box.value = item.value;
      close();
      box.form.submit();
    };
    const show = (found) => {
      items = found; active = -1; list.textContent = "";
      found.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = `q-option-${i}`;
        li.setAttribute("role", "option");
        li.dataset.kind = item.kind;
        li.textContent = item.label;
        li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(item); });
        list.append(li);
      });
      list.hidden = found.length === 0;
      box.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = found.length ? `${found.length} gợi ý` : "";
      mark();
    };
    const ask = async () => {
      const typed = box.value.trim();
      if (typed.length < 2) { show([]); return; }
      asked = typed;
      try {
        const response = await fetch(`/api/suggest?q=${encodeURIComponent(typed)}`);
        const data = await response.json();
        if (asked === typed && box.value.trim() === typed) show(data.suggestions || []);
      } catch (error) { show([]); }
    };
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, 150); });
    box.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { active = (active + 1) % items.length; mark(); event.preventDefault(); }
      else if (event.key === "ArrowUp") { active = (active - 1 + items.length) % items.length; mark(); event.preventDefault(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(items[active]); }
      else if (event.key === "Escape") { close(); event.preventDefault(); }
    });
    box.addEventListener("blur", () => setTimeout(close, 100));
  }
  // Phone: metadata, relations and the table of contents fold into their summaries.
  if (window.matchMedia("screen and (max-width: 52rem)").matches) {
    document.querySelectorAll("details.fold").forEach((d) => { d.open = false; });
  }
  // Opened from a search: go to the first match (in the article the hit named, when the link has one),
  // with previous/next controls and keys n / p (Shift+n) to move between matches.
  const marks = Array.from(document.querySelectorAll(".doc-text mark"));
  if (marks.length) {
    const bar = document.createElement("div");
    bar.className = "match-bar";
    bar.setAttribute("role", "navigation");
    bar.setAttribute("aria-label", "Các chỗ khớp");
    const where = document.createElement("span");
    where.setAttribute("aria-live", "polite");
    where.dataset.testid = "match-count";
    const button = (text, label, step) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = "secondary"; b.textContent = text; b.setAttribute("aria-label", label);
      b.addEventListener("click", () => go(current + step));
      return b;
    };
    const keys = document.createElement("span");
    keys.className = "keys"; keys.textContent = "phím n: chỗ sau, p: chỗ trước";
    bar.append(where, button("↑ Trước", "Chỗ khớp trước", -1), button("↓ Sau", "Chỗ khớp sau", 1), keys);
    document.querySelector(".doc-text").after(bar);
    let current = 0;
    const go = (i) => {
      marks[current].classList.remove("current");
      current = (i + marks.length) % marks.length;
      marks[current].classList.add("current");
      marks[current].scrollIntoView({ block: "center" });
      where.textContent = `Chỗ khớp ${current + 1}/${marks.length}`;
    };
    const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    const first = target ? marks.findIndex((m) => target.compareDocumentPosition(m) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) : 0;
    go(Math.max(0, first));
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return;
      if (event.key === "n") { go(current + 1); event.preventDefault(); }
      else if (event.key === "p" || event.key === "N") { go(current - 1); event.preventDefault(); }
    });
  }
});
