// econ-archive pages work without this file; it adds two conveniences.
"use strict";

// A quote's speaker shown beside it on hover and on keyboard focus.
(function () {
  let pop = null;
  function show(ev) {
    const mark = ev.currentTarget;
    hide();
    pop = document.createElement("div");
    pop.className = "popover";
    pop.setAttribute("role", "tooltip");
    pop.textContent = mark.getAttribute("title") || "unattributed";
    document.body.appendChild(pop);
    const r = mark.getBoundingClientRect();
    pop.style.left = window.scrollX + r.left + "px";
    pop.style.top = window.scrollY + r.top - pop.offsetHeight - 4 + "px";
  }
  function hide() {
    if (pop) { pop.remove(); pop = null; }
  }
  document.querySelectorAll("mark.quote").forEach(function (m) {
    m.addEventListener("mouseenter", show);
    m.addEventListener("focus", show);
    m.addEventListener("mouseleave", hide);
    m.addEventListener("blur", hide);
  });
})();

// The trends form: a button that adds one more query field.
(function () {
  const box = document.querySelector("fieldset.series-inputs");
  if (!box) return;
  const add = document.createElement("button");
  add.type = "button";
  add.textContent = "Add a series";
  add.addEventListener("click", function () {
    const n = box.querySelectorAll("input[name=q]").length + 1;
    const label = document.createElement("label");
    label.htmlFor = "q" + n;
    label.textContent = "Series " + n;
    const input = document.createElement("input");
    input.id = "q" + n;
    input.name = "q";
    input.size = 30;
    const field = document.createElement("span");
    field.className = "field";
    field.append(label, input);
    box.insertBefore(field, add);
    input.focus();
  });
  box.appendChild(add);
})();
