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
  // "Xem thêm": a box that filters the list as one types; for long facets it asks the server,
  // which looks through every value (/api/facets/<name>?prefix=…).
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  document.querySelectorAll(".facet-filter").forEach((input) => {
    const list = document.getElementById(input.dataset.list);
    const name = input.dataset.list.replace(/^more-/, "");
    let timer = null;
    const local = () => {
      const key = fold(input.value.trim());
      list.querySelectorAll("li").forEach((li) => { li.hidden = key !== "" && !fold(li.textContent).includes(key); });
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
    };
    input.addEventListener("input", () => {
      if (!input.dataset.source) { local(); return; }
      clearTimeout(timer);
      timer = setTimeout(remote, 250);
    });
  });
});
