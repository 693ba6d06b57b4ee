// Optional improvements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".sort-form");
  if (!form) return;
  form.querySelectorAll(".js-hide").forEach((el) => { el.hidden = true; });
  form.querySelectorAll("select").forEach((select) => {
    select.addEventListener("change", () => form.submit());
  });
});
