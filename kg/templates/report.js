// kg report: hover or select a statement to see its card. Static code: it reads only the page's
// data-* attributes and shows cards that the server rendered (and escaped); it builds no HTML.
(function () {
  "use strict";
  var ROLES = ["speaker", "cue", "content"];
  var shown = null;   // the card on screen
  var pinned = null;  // the id of a statement selected by a click, or null while hovering

  function ids(el, name) {
    var value = el.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  function clear() {
    document.querySelectorAll(".on, .on-speaker, .on-cue, .on-content, .focus").forEach(function (el) {
      el.classList.remove("on", "on-speaker", "on-cue", "on-content", "focus");
    });
  }

  function activate(id) {
    clear();
    document.querySelectorAll('.ev[data-st~="' + id + '"]').forEach(function (el) {
      el.classList.add("on");
      ROLES.forEach(function (role) {
        if (ids(el, "data-" + role).indexOf(id) >= 0) { el.classList.add("on-" + role); }
      });
      el.parentNode.classList.add("focus");
    });
    var item = document.getElementById("item-" + id);
    if (item) { item.classList.add("on"); }
  }

  function place(card, x, y) {
    var width = card.offsetWidth, height = card.offsetHeight;
    var left = Math.max(8, Math.min(x + 14, window.innerWidth - width - 8));
    var top = y + 18;
    if (top + height > window.innerHeight - 8) { top = Math.max(8, y - height - 12); }
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function show(id, x, y) {
    hide();
    var card = document.getElementById("card-" + id);
    if (!card) { return; }
    card.hidden = false;
    shown = card;
    place(card, x, y);
  }

  function hide() {
    if (shown) { shown.hidden = true; shown.classList.remove("pinned"); }
    shown = null;
  }

  function release() {
    pinned = null;
    hide();
    clear();
  }

  function select(id, x, y) {
    activate(id);
    show(id, x, y);
    pinned = id;
    if (shown) { shown.classList.add("pinned"); }
  }

  function near(el) {
    var box = el.getBoundingClientRect();
    return [box.left, box.bottom - 14];
  }

  document.addEventListener("mouseover", function (event) {
    if (pinned) { return; }
    var seg = event.target.closest ? event.target.closest(".body .ev") : null;
    var item = event.target.closest ? event.target.closest(".st-item") : null;
    if (seg) {
      var id = ids(seg, "data-st")[0];
      activate(id);
      show(id, event.clientX, event.clientY);
    } else if (item) {
      var at = near(item);
      activate(item.getAttribute("data-st"));
      show(item.getAttribute("data-st"), at[0], at[1]);
    } else if (!(event.target.closest && event.target.closest(".card"))) {
      hide();
      clear();
    }
  });

  document.addEventListener("mousemove", function (event) {
    if (!pinned && shown && event.target.closest && event.target.closest(".body .ev")) {
      place(shown, event.clientX, event.clientY);
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    var go = target.closest ? target.closest("[data-go]") : null;
    if (go) {
      event.preventDefault();
      var id = go.getAttribute("data-go");
      var first = document.querySelector('.ev[data-st~="' + id + '"]') || document.getElementById("item-" + id);
      if (first) {
        first.scrollIntoView({block: "center"});
        var at = near(first);
        select(id, at[0], at[1]);
      }
      return;
    }
    if (target.closest && target.closest(".card .close")) { release(); return; }
    var seg = target.closest ? target.closest(".body .ev") : null;
    if (seg) {
      // Click again on the same words for the next statement that shares them.
      var all = ids(seg, "data-st");
      var next = all[(all.indexOf(pinned) + 1) % all.length];
      select(next, event.clientX, event.clientY);
      return;
    }
    var item = target.closest ? target.closest(".st-item") : null;
    if (item) {
      var spot = near(item);
      select(item.getAttribute("data-st"), spot[0], spot[1]);
      return;
    }
    if (!(target.closest && target.closest(".card"))) { release(); }
  });

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest ? event.target.closest(".st-item") : null;
    if (item && !pinned) {
      var at = near(item);
      activate(item.getAttribute("data-st"));
      show(item.getAttribute("data-st"), at[0], at[1]);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { release(); }
    var item = event.target.closest ? event.target.closest(".st-item") : null;
    if (item && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      var at = near(item);
      select(item.getAttribute("data-st"), at[0], at[1]);
    }
  });
})();
