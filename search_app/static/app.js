// Optional improvements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Facet checkboxes: a change applies the filter at once (the "Lọc" button does it without script).
  document.querySelectorAll(".facet-form").forEach((form) => {
    form.querySelectorAll(".js-hide").forEach((el) => { el.hidden = true; });
    form.querySelectorAll("input[type=checkbox][data-url]").forEach((box) => {
      box.addEventListener("change", () => { window.location.assign(box.dataset.url); });
    });
  });
  // "Xem thêm": a box that filters a long list of values as one types.
  document.querySelectorAll(".facet-filter").forEach((input) => {
    const list = document.getElementById(input.dataset.list);
    const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
    input.addEventListener("input", () => {
      const key = fold(input.value.trim());
      list.querySelectorAll("li").forEach((li) => { li.hidden = key !== "" && !fold(li.textContent).includes(key); });
    });
  });
});
