// kg report: the index, search and filters, and the articles, cards, actors, chains and positions of what
// matches, drawn from the page's JSON data (kg/report/page_data.py). Static code: it builds elements and text
// nodes only, never HTML from the data, so every text from the graph stays text. Only the articles of the
// page the reader is on are drawn, so a corpus of thousands of articles opens at once.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var ARTICLES = data.articles, ACTORS = data.actors;
  var POSITIONS = data.positions, HOPS = data.hops;
  var PAGE = 20;        // articles a page (index rows and articles drawn)
  var MORE_ACTORS = 12; // actors drawn at a time in the actors view
  var MORE_SPEAKERS = 40; // speakers drawn at a time in the positions table
  var MORE_SAID = 5;    // statements listed under a position before "more"
  var MORE_GROUPS = 8;  // positions listed for an actor before "more"
  var CHIPS = 12;       // actors and outlets listed in the index
  var ROLES = ["speaker", "cue", "content"];
  var SVG = "http://www.w3.org/2000/svg";

  // A statement is a row of values in the order of data.statementFields (kg/report/page_data.py); a missing value
  // is unknown, and the fields of data.termFields hold numbers of data.terms.
  var TERM = {};
  data.termFields.forEach(function (name) { TERM[name] = true; });
  function unpack(row) {
    var s = {};
    for (var k = 0; k < row.length; k++) {
      var name = data.statementFields[k];
      if (row[k] !== null) { s[name] = TERM[name] ? data.terms[row[k]] : row[k]; }
    }
    return s;
  }
  var STATEMENTS = data.statements.map(unpack);

  ARTICLES.forEach(function (a, i) {
    a.index = i;
    for (var k = a.first; k < a.first + a.count; k++) {
      var s = STATEMENTS[k];
      s.article = i;
      if (s.span) {
        s.begin = s.span[0];
        s.end = s.span[0] + s.span[1];
        for (var m = 0; s.content === 0 && m < s.marks.length; m += 3) {  // 0: the text of its content mark
          if (s.marks[m + 2] === 4) { s.content = a.body.slice(s.begin + s.marks[m], s.begin + s.marks[m + 1]); }
        }
      }
    }
    a.id = "a" + (i + 1);
    a.day = /^\d{4}-\d{2}-\d{2}/.test(a.date || "") ? a.date.slice(0, 10) : null;
  });
  STATEMENTS.forEach(function (s, i) {
    s.index = i;
    s.id = "s" + (i + 1);
    s.inner = [];
    if (s.iri.charAt(0) === "/") { s.iri = ARTICLES[s.article].iri + "/statement" + s.iri; }  // kg's, shortened
  });
  STATEMENTS.forEach(function (s) { if (s.outer !== undefined) { STATEMENTS[s.outer].inner.push(s); } });

  // --- small helpers ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === null || attrs[key] === undefined || attrs[key] === false) { return; }
      if (key === "class") { node.className = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") { return; }
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function plural(count, word) { return count + " " + word + (String(count) === "1" ? "" : "s"); }
  function number(count) { return count.toLocaleString("en"); }
  function titleOf(a) { return a.headline || a.name; }
  function speakerOf(s) { return ACTORS[s.speaker]; }
  function positionOf(s) { return s.position === undefined ? null : POSITIONS[s.position]; }
  function hopsOf(s) { return (s.hops || []).map(function (h) { return HOPS[h]; }); }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }
  function label(s) { return s.id.toUpperCase(); }
  function statementOf(id) { return STATEMENTS[Number(id.slice(1)) - 1]; }
  function byName(a, b) { var x = a.toLowerCase(), y = b.toLowerCase(); return x < y ? -1 : x > y ? 1 : 0; }

  function rolesOf(s) {
    var actor = speakerOf(s);
    return [actor.kind].concat(actor.roles || []).filter(Boolean).join("; ");
  }

  function clearNode(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // --- search and filters ----------------------------------------------------------------------

  var form = document.getElementById("filters");
  var field = {
    q: document.getElementById("f-search"), actor: document.getElementById("f-actor"),
    position: document.getElementById("f-position"), outlet: document.getElementById("f-outlet"),
    hedged: document.getElementById("f-hedged"), from: document.getElementById("f-from"),
    to: document.getElementById("f-to"), order: document.getElementById("f-order")
  };
  var state = {page: 0, actorsShown: MORE_ACTORS, speakersShown: MORE_SPEAKERS};
  var view = {articles: [], selected: new Uint8Array(STATEMENTS.length), filtering: false};

  // Actors are found by name: a corpus holds thousands (an unnamed source is someone else in every article).
  function fillOptions() {
    var said = {};
    STATEMENTS.forEach(function (s) { var name = speakerOf(s).name; said[name] = (said[name] || 0) + 1; });
    Object.keys(said).sort(function (x, y) { return said[y] - said[x] || byName(x, y); }).forEach(function (name) {
      document.getElementById("actor-names").appendChild(el("option", {value: name}, [plural(said[name], "statement")]));
    });
    POSITIONS.map(function (p, i) { return i; }).sort(function (x, y) { return byName(POSITIONS[x][0], POSITIONS[y][0]); })
      .forEach(function (i) { field.position.appendChild(el("option", {value: String(i)}, [POSITIONS[i][0]])); });
    var outlets = {};
    ARTICLES.forEach(function (a) { if (a.outlet) { outlets[a.outlet] = (outlets[a.outlet] || 0) + 1; } });
    Object.keys(outlets).sort(byName).forEach(function (name) {
      field.outlet.appendChild(el("option", {value: name}, [name + " (" + outlets[name] + ")"]));
    });
  }

  // The actors whose name or an alias holds the text (as written, any case), or null for any actor.
  function actorsNamed(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    return ACTORS.map(function (a) {
      if (a.low === undefined) { a.low = [a.name].concat(a.aliases || []).join("\n").toLowerCase(); }
      return a.low.indexOf(wanted) >= 0;
    });
  }

  function words() {
    return field.q.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function hasAll(text, wanted) {
    for (var i = 0; i < wanted.length; i++) { if (text.indexOf(wanted[i]) < 0) { return false; } }
    return true;
  }

  function articleText(a) {
    if (a.low === undefined) { a.low = [a.headline, a.name, a.outlet, a.body].join("\n").toLowerCase(); }
    return a.low;
  }

  function statementText(s) {
    if (s.low === undefined) {
      s.low = [speakerOf(s).name, s.mention, s.cue, s.content, s.evidence].join("\n").toLowerCase();
    }
    return s.low;
  }

  // The filters' values, read once per update (a select's value is looked up among its options at every read).
  function filters() {
    return {outlet: field.outlet.value, from: field.from.value, to: field.to.value, hedged: field.hedged.value,
            actor: actorsNamed(field.actor.value),
            position: field.position.value === "" ? null : Number(field.position.value), words: words()};
  }

  function articlePasses(a, f) {
    if (f.outlet && a.outlet !== f.outlet) { return false; }
    if ((f.from || f.to) && !a.day) { return false; }
    if (f.from && a.day < f.from) { return false; }
    return !(f.to && a.day > f.to);
  }

  function statementPasses(s, f) {
    if (f.actor !== null && !f.actor[s.speaker]) { return false; }
    if (f.position !== null && s.position !== f.position) { return false; }
    if (f.hedged === "yes" && s.hedged !== true) { return false; }
    return !(f.hedged === "no" && s.hedged !== false);
  }

  // Which articles and statements match: an article by its outlet and date, and by a statement that passes
  // the statement filters and holds every searched word (or, without statement filters, by its own text).
  function compute() {
    var f = filters(), wanted = f.words;
    var byStatement = f.actor !== null || f.position !== null || f.hedged !== "";
    var selected = new Uint8Array(STATEMENTS.length), list = [];
    ARTICLES.forEach(function (a) {
      a.hits = 0;
      if (!articlePasses(a, f)) { return; }
      for (var i = a.first; i < a.first + a.count; i++) {
        var s = STATEMENTS[i];
        if (statementPasses(s, f) && (!wanted.length || hasAll(statementText(s), wanted))) {
          selected[i] = 1;
          a.hits += 1;
        }
      }
      if (a.hits > 0 || (!byStatement && (!wanted.length || hasAll(articleText(a), wanted)))) { list.push(a); }
    });
    var order = field.order.value;
    if (order) {
      list.sort(function (x, y) {
        var key = order === "most" ? y.hits - x.hits
          : (x.day || "") === (y.day || "") ? 0 : !x.day ? 1 : !y.day ? -1
          : (x.day < y.day ? -1 : 1) * (order === "new" ? -1 : 1);
        return key || x.index - y.index;
      });
    }
    view.articles = list;
    view.selected = selected;
    view.filtering = byStatement || wanted.length > 0;
  }

  function pageArticles() {
    return view.articles.slice(state.page * PAGE, state.page * PAGE + PAGE);
  }

  // --- the index -------------------------------------------------------------------------------

  function drawMatches() {
    var total = view.articles.length, count = 0;
    for (var i = 0; i < view.selected.length; i++) { count += view.selected[i]; }
    var first = state.page * PAGE;
    var text = total === 0 ? "No article matches."
      : (total === ARTICLES.length ? plural(number(total), "article") : number(total) + " of " + plural(number(ARTICLES.length), "article")) +
        (total > PAGE ? ", showing " + (first + 1) + "–" + Math.min(first + PAGE, total) : "") + " · " +
        (count === STATEMENTS.length ? plural(number(count), "statement") : number(count) + " of " + plural(number(STATEMENTS.length), "statement")) +
        (view.filtering ? " match" : "");
    document.getElementById("matches").textContent = text;
  }

  function urlLink(a, text) {
    var url = safeUrl(a.url);
    return url ? el("a", {class: "source", href: url, rel: "noopener noreferrer", title: url}, [text || url]) : null;
  }

  function host(url) {
    var found = /^https?:\/\/([^/?#]+)/i.exec(url || "");
    return found ? found[1] : url;
  }

  function drawIndex() {
    var body = document.querySelector("#article-index tbody");
    clearNode(body);
    var rows = view.articles.slice(state.page * PAGE, state.page * PAGE + PAGE);
    rows.forEach(function (a) {
      body.appendChild(el("tr", {"data-article": a.id}, [
        el("td", {class: "date"}, [a.date || ""]),
        el("td", {}, [a.outlet || ""]),
        el("td", {}, [el("a", {class: "open", href: "#" + a.id, "data-open": a.id}, [titleOf(a)])]),
        el("td", {class: "num"}, [view.filtering ? a.hits + " of " + a.count : String(a.count)]),
        el("td", {}, [urlLink(a, host(a.url))])
      ]));
    });
    if (!rows.length) { body.appendChild(el("tr", {}, [el("td", {colspan: "5", class: "muted"}, ["No article matches."])])); }
    drawPager();
  }

  function drawPager() {
    var pager = document.getElementById("pager"), pages = Math.ceil(view.articles.length / PAGE);
    clearNode(pager);
    if (pages <= 1) { return; }
    pager.appendChild(el("button", {type: "button", "data-page": String(state.page - 1), disabled: state.page === 0}, ["‹ Previous"]));
    pager.appendChild(el("span", {class: "where"}, ["Page " + (state.page + 1) + " of " + pages]));
    pager.appendChild(el("button", {type: "button", "data-page": String(state.page + 1), disabled: state.page >= pages - 1}, ["Next ›"]));
  }

  // The speakers (by name) and outlets of what matches, the most frequent first: a click filters by one.
  function drawChips() {
    var said = {}, outlets = {};
    for (var i = 0; i < STATEMENTS.length; i++) {
      if (view.selected[i]) { var name = speakerOf(STATEMENTS[i]).name; said[name] = (said[name] || 0) + 1; }
    }
    view.articles.forEach(function (a) { if (a.outlet) { outlets[a.outlet] = (outlets[a.outlet] || 0) + 1; } });
    [["index-actors", said, "data-actor", "actors"], ["index-outlets", outlets, "data-outlet", "outlets"]].forEach(function (list) {
      var counts = list[1];
      var names = Object.keys(counts).sort(function (x, y) { return counts[y] - counts[x] || byName(x, y); });
      chips(document.getElementById(list[0]), names.slice(0, CHIPS).map(function (name) {
        var attrs = {type: "button", class: "chip"};
        attrs[list[2]] = name;
        return el("button", attrs, [name + " ", el("span", {class: "count"}, [String(counts[name])])]);
      }), names.length - CHIPS, list[3]);
    });
  }

  function chips(list, buttons, rest, what) {
    clearNode(list);
    buttons.forEach(function (button) { list.appendChild(el("li", {}, [button])); });
    if (rest > 0) { list.appendChild(el("li", {class: "muted"}, ["and " + number(rest) + " more " + what + " (choose above)"])); }
    if (!buttons.length) { list.appendChild(el("li", {class: "muted"}, ["none"])); }
  }

  // --- the articles ----------------------------------------------------------------------------

  function drawArticles() {
    var list = document.getElementById("article-list");
    clearNode(list);
    list.classList.toggle("filtering", view.filtering);
    var shown = pageArticles();
    shown.forEach(function (a) { list.appendChild(articleView(a)); });
    if (!shown.length) { list.appendChild(el("p", {class: "intro"}, ["No article matches."])); }
  }

  function articleView(a) {
    var meta = [];
    if (a.headline) { meta.push(a.name); }
    if (a.outlet) { meta.push(a.outlet); }
    if (a.date) { meta.push(a.date); }
    var line = el("p", {class: "meta"});
    meta.forEach(function (part) { line.appendChild(document.createTextNode(part + " · ")); });
    var link = urlLink(a);
    if (link) { line.appendChild(link); line.appendChild(document.createTextNode(" · ")); }
    line.appendChild(document.createTextNode(plural(a.count, "statement")));
    var items = el("ol", {class: "statements"});
    for (var i = a.first; i < a.first + a.count; i++) { items.appendChild(statementItem(STATEMENTS[i])); }
    return el("article", {class: "article", id: a.id}, [
      el("h3", {}, [titleOf(a)]), line,
      el("div", {class: "layout"}, [bodyView(a), items])
    ]);
  }

  // The body cut wherever a statement's span or one of its marks starts or ends: each stretch knows the
  // statements that cover it, the one whose mark covers it most tightly first, and the roles it plays.
  function segmentsOf(a) {
    var placed = [], cuts = [0, a.body.length];
    for (var i = a.first; i < a.first + a.count; i++) {
      var s = STATEMENTS[i];
      if (s.span === undefined) { continue; }
      placed.push(s);
      cuts.push(s.begin, s.end);
      for (var m = 0; m < (s.marks || []).length; m += 3) { cuts.push(s.begin + s.marks[m], s.begin + s.marks[m + 1]); }
    }
    cuts = cuts.sort(function (x, y) { return x - y; }).filter(function (x, n, all) { return n === 0 || x !== all[n - 1]; });
    var segments = [];
    for (var c = 0; c + 1 < cuts.length; c++) {
      var start = cuts[c], stop = cuts[c + 1], roles = {speaker: [], cue: [], content: []}, best = {};
      var covering = placed.filter(function (s) { return s.begin <= start && stop <= s.end; });
      covering.forEach(function (s) {
        best[s.index] = [1, s.end - s.begin];
        for (var m = 0; m < (s.marks || []).length; m += 3) {
          var from = s.begin + s.marks[m], to = s.begin + s.marks[m + 1];
          if (from <= start && stop <= to) {
            roles[ROLES[Math.log2(s.marks[m + 2])]].push(s.id);
            if (best[s.index][0] === 1 || to - from < best[s.index][1]) { best[s.index] = [0, to - from]; }
          }
        }
      });
      covering.sort(function (x, y) {
        var p = best[x.index], q = best[y.index];
        return p[0] - q[0] || p[1] - q[1] || (x.end - x.begin) - (y.end - y.begin) || x.begin - y.begin;
      });
      segments.push({text: a.body.slice(start, stop), statements: covering, roles: roles});
    }
    return segments;
  }

  function bodyView(a) {
    if (a.body === undefined) { return el("div", {class: "body missing"}, ["The graph has no text (nif:isString) for this article."]); }
    var body = el("div", {class: "body", "data-article": a.id});
    segmentsOf(a).forEach(function (seg) {
      if (!seg.statements.length) { body.appendChild(document.createTextNode(seg.text)); return; }
      var attrs = {"data-st": seg.statements.map(function (s) { return s.id; }).join(" ")};
      var classes = "ev d" + Math.min(seg.statements.length, 3);
      ROLES.forEach(function (role) {
        if (seg.roles[role].length) { classes += " m-" + role; attrs["data-" + role] = seg.roles[role].join(" "); }
      });
      var hit = view.filtering && seg.statements.some(function (s) { return view.selected[s.index] === 1; });
      attrs["class"] = classes + (hit ? " hit" : "");
      body.appendChild(el("span", attrs, [seg.text]));
    });
    return body;
  }

  function statementItem(s) {
    var position = positionOf(s);
    return el("li", {class: "st-item" + (view.selected[s.index] && view.filtering ? " hit" : ""), id: "item-" + s.id,
                     "data-st": s.id, "data-iri": s.iri, tabindex: "0"}, [
      el("span", {class: "sid"}, [label(s)]), " ", el("b", {}, [speakerOf(s).name]),
      s.cue ? " " : null, s.cue ? el("i", {}, [s.cue]) : null,
      position ? " · " : null, position ? el("span", {class: "pos"}, [position[0]]) : null,
      s.hedged ? " " : null, s.hedged ? el("span", {class: "badge"}, ["hedged"]) : null,
      s.outer !== undefined ? " " : null, s.outer !== undefined ? el("span", {class: "nested"}, ["in " + label(STATEMENTS[s.outer])]) : null,
      s.span === undefined ? " " : null, s.span === undefined ? el("span", {class: "warn"}, ["evidence not found in the text"]) : null
    ]);
  }

  // --- cards, made when first shown ----------------------------------------------------------------

  function goLink(s) { return el("a", {class: "go", href: "#item-" + s.id, "data-go": s.id}, [label(s)]); }

  function entry(term, cls, children) { return [el("dt", {}, [term]), el("dd", {class: cls}, children)]; }

  function cardOf(id) {
    var existing = document.getElementById("card-" + id);
    if (existing) { return existing; }
    var s = statementOf(id);
    if (!s) { return null; }
    var actor = speakerOf(s), position = positionOf(s), roles = rolesOf(s), hops = hopsOf(s);
    var speaker = [el("b", {}, [actor.name])];
    if (roles) { speaker.push(" ", el("span", {class: "muted"}, ["(" + roles + ")"])); }
    if (s.mention) { speaker.push(el("br"), el("span", {class: "muted"}, ["as written:"]), " " + s.mention); }
    var positionParts = ["none"];
    if (position) {
      positionParts = [position[0]];
      if (position[1] && position[1] !== position[0]) { positionParts.push(" ", el("code", {}, [position[1]])); }
      if (s.confidence) { positionParts.push(" ", el("span", {class: "muted"}, ["score " + s.confidence])); }
    }
    var channel = ["none named"];
    if (hops.length) {
      channel = [actor.name];
      hops.forEach(function (hop) {
        channel.push(" → " + hop[0]);
        if (hop[2] && hop[2] !== hop[0]) { channel.push(" ", el("span", {class: "muted"}, ["(" + hop[2] + ")"])); }
      });
    }
    var rows = [].concat(
      entry("Speaker", "f-speaker", speaker),
      entry("Cue", "f-cue", [s.cue || "—"]),
      entry("Content", "f-content", [s.content || "—"]),
      entry("Position", "f-position", positionParts),
      entry("Hedged", "f-hedged", [s.hedged === undefined ? "unknown" : s.hedged ? "yes" : "no"]),
      entry("Channel", "f-channel", channel));
    if (s.addressee) { rows = rows.concat(entry("Told", "f-addressee", [s.addressee])); }
    if (s.time) { rows = rows.concat(entry("When", "f-time", [s.time])); }
    if (s.outer !== undefined) {
      var outer = STATEMENTS[s.outer], said = outer.content || "";
      rows = rows.concat(entry("Reported by", "f-outer", [goLink(outer), " " + speakerOf(outer).name,
        outer.cue ? " " : null, outer.cue ? el("i", {}, [outer.cue]) : null,
        ": “" + (said.length > 140 ? said.slice(0, 137) + "..." : said) + "”"]));
    }
    if (s.inner.length) {
      var inner = [];
      s.inner.forEach(function (i, n) { inner.push(goLink(i), " " + speakerOf(i).name + (n < s.inner.length - 1 ? ", " : "")); });
      rows = rows.concat(entry("Reports", "f-inner", inner));
    }
    rows = rows.concat(entry("Article", "f-article", [titleOf(ARTICLES[s.article])]));
    var kind = s.kind || "statement";
    var card = el("div", {class: "card", id: "card-" + id, "data-st": id, "data-iri": s.iri, role: "dialog",
                          "aria-label": "Statement " + label(s), hidden: "hidden"}, [
      el("div", {class: "card-head"}, [el("span", {class: "sid"}, [label(s)]),
        " " + kind.charAt(0).toUpperCase() + kind.slice(1) + (s.quote ? " · " + s.quote + " quote" : ""),
        el("button", {class: "close", type: "button", "aria-label": "Close"}, ["×"])]),
      el("dl", {}, rows)
    ]);
    document.getElementById("cards").appendChild(card);
    return card;
  }

  // --- actors: what each said, by position -----------------------------------------------------

  function selectedStatements(articles) {
    var found = [];
    (articles || ARTICLES).forEach(function (a) {
      for (var i = a.first; i < a.first + a.count; i++) { if (view.selected[i]) { found.push(STATEMENTS[i]); } }
    });
    return found;
  }

  function bySpeaker(statements) {
    var groups = {};
    statements.forEach(function (s) { (groups[s.speaker] = groups[s.speaker] || []).push(s); });
    return groups;
  }

  function drawActors() {
    var list = document.getElementById("actor-list");
    clearNode(list);
    var groups = bySpeaker(selectedStatements());
    var order = Object.keys(groups).sort(function (x, y) {
      return groups[y].length - groups[x].length || byName(ACTORS[x].name, ACTORS[y].name) || x - y;
    });
    order.slice(0, state.actorsShown).forEach(function (i) { list.appendChild(actorView(Number(i), groups[i])); });
    if (!order.length) { list.appendChild(el("p", {class: "intro"}, ["No statement matches."])); }
    if (order.length > state.actorsShown) {
      list.appendChild(el("p", {class: "more"}, [el("button", {type: "button", "data-more": "actors"},
        ["Show " + Math.min(MORE_ACTORS, order.length - state.actorsShown) + " more of " + number(order.length - state.actorsShown) + " actors"])]));
    }
  }

  function actorView(index, said) {
    var actor = ACTORS[index], groups = {}, keys = [];
    said.forEach(function (s) {
      var position = positionOf(s), key = position ? position[0] : "";
      if (!groups[key]) { groups[key] = {label: key, notation: position ? position[1] : null, statements: []}; keys.push(key); }
      groups[key].statements.push(s);
    });
    keys.sort(function (x, y) {
      return (x === "") - (y === "") || groups[y].statements.length - groups[x].statements.length || (x < y ? -1 : x > y ? 1 : 0);
    });
    var about = [actor.kind].concat(actor.roles || []).filter(Boolean).join("; ");
    if (actor.aliases) { about += " · also " + actor.aliases.join(", "); }
    var box = el("div", {class: "actor", id: "actor" + (index + 1)}, [
      el("h3", {}, [actor.name + " ", el("span", {class: "count"}, [String(said.length)])]),
      el("p", {class: "muted"}, [about])
    ]);
    function add(from, to) {
      keys.slice(from, to).forEach(function (key) {
        var group = groups[key], hedged = group.statements.filter(function (s) { return s.hedged; }).length;
        box.insertBefore(el("h4", {}, [group.label || "no position",
          group.notation && group.notation !== group.label ? " " : null,
          group.notation && group.notation !== group.label ? el("code", {}, [group.notation]) : null, " ",
          el("span", {class: "muted"}, [group.statements.length + "×" + (hedged ? ", " + hedged + " hedged" : "")])]), more);
        box.insertBefore(saidList(group.statements), more);
      });
    }
    var more = null;
    if (keys.length > MORE_GROUPS) {
      var button = el("button", {type: "button", class: "link"}, ["and " + (keys.length - MORE_GROUPS) + " more positions"]);
      more = el("p", {class: "more"}, [button]);
      button.addEventListener("click", function () { box.removeChild(more); more = null; add(MORE_GROUPS, keys.length); });
      box.appendChild(more);
    }
    add(0, MORE_GROUPS);
    return box;
  }

  function saidList(statements) {
    var list = el("ul");
    function add(from, to) {
      statements.slice(from, to).forEach(function (s) {
        list.appendChild(el("li", {}, [goLink(s), s.cue ? " " : null, s.cue ? el("i", {}, [s.cue]) : null,
          " “" + (s.content || "") + "”", s.hedged ? " " : null, s.hedged ? el("span", {class: "badge"}, ["hedged"]) : null,
          " ", el("span", {class: "muted"}, ["— " + titleOf(ARTICLES[s.article])])]));
      });
    }
    add(0, MORE_SAID);
    if (statements.length > MORE_SAID) {
      var more = el("button", {type: "button", class: "link"}, ["and " + (statements.length - MORE_SAID) + " more"]);
      var item = el("li", {class: "more"}, [more]);
      more.addEventListener("click", function () { list.removeChild(item); add(MORE_SAID, statements.length); });
      list.appendChild(item);
    }
    return list;
  }

  // --- positions by actor ------------------------------------------------------------------------

  function drawPositions() {
    var body = document.getElementById("position-rows");
    if (!body) { return; }
    clearNode(body);
    var groups = bySpeaker(selectedStatements().filter(function (s) { return s.position !== undefined && s.hedged !== undefined; }));
    var speakers = Object.keys(groups).sort(function (x, y) { return byName(ACTORS[x].name, ACTORS[y].name) || x - y; });
    speakers.slice(0, state.speakersShown).forEach(function (i) {
      var rows = {}, keys = [];
      groups[i].forEach(function (s) {
        if (!rows[s.position]) { rows[s.position] = {position: POSITIONS[s.position], count: 0, hedged: 0}; keys.push(s.position); }
        rows[s.position].count += 1;
        rows[s.position].hedged += s.hedged ? 1 : 0;
      });
      keys.sort(function (x, y) { return rows[y].count - rows[x].count || byName(rows[x].position[1] || "", rows[y].position[1] || ""); });
      keys.forEach(function (key, n) {
        var row = rows[key], bar = el("span", {class: "bar"});
        bar.style.width = Math.min(row.count, 20) * 10 + "px";
        body.appendChild(el("tr", {class: n === 0 ? "first" : null}, [
          n === 0 ? el("th", {scope: "rowgroup", rowspan: String(keys.length)}, [ACTORS[i].name]) : null,
          el("td", {}, [row.position[0] + " ", row.position[1] ? el("code", {}, [row.position[1]]) : null]),
          el("td", {class: "num"}, [bar, String(row.count)]),
          el("td", {class: "num"}, [row.hedged ? el("span", {class: "badge"}, [row.hedged + " of " + row.count]) : "0"])
        ]));
      });
    });
    var more = document.getElementById("position-more");
    clearNode(more);
    if (speakers.length > state.speakersShown) {
      more.appendChild(el("p", {class: "more"}, [el("button", {type: "button", "data-more": "speakers"},
        ["Show " + Math.min(MORE_SPEAKERS, speakers.length - state.speakersShown) + " more of " + number(speakers.length - state.speakersShown) + " actors"])]));
    }
    if (!speakers.length) { body.appendChild(el("tr", {}, [el("td", {colspan: "4", class: "muted"}, ["No statement that matches has a position."])])); }
  }

  // --- the chain diagram: origins, then each hop index in its own column ---------------------------

  var LABEL_CHARS = 32, CHAR_WIDTH = 6.8, ROW = 46, GAP = 70, MARGIN = 16, HEADER = 22;
  var OUTLET_KINDS = {publication: true, broadcast: true};

  function chainLayout(statements) {
    var nodes = {}, list = [], edges = {}, edgeList = [], chains = 0;
    function node(column, text, kind) {
      var key = column + "\u0000" + text;
      if (!nodes[key]) { nodes[key] = {column: column, label: text, kind: kind, count: 0, into: [], out: []}; list.push(nodes[key]); }
      if (kind === "outlet") { nodes[key].kind = "outlet"; }
      return nodes[key];
    }
    statements.forEach(function (s) {
      var hops = hopsOf(s);
      if (!hops.length) { return; }
      chains += 1;
      var path = [node(0, speakerOf(s).name, "origin")];
      hops.forEach(function (hop, i) {
        path.push(node(i + 1, hop[0], hop[3] || OUTLET_KINDS[hop[1]] ? "outlet" : "intermediary"));
      });
      path.forEach(function (n) { n.count += 1; });
      for (var i = 0; i + 1 < path.length; i++) {
        var key = path[i].column + "\u0000" + path[i].label + "\u0000" + path[i + 1].label;
        if (!edges[key]) {
          edges[key] = {source: path[i], target: path[i + 1], statements: []};
          edgeList.push(edges[key]);
          path[i].out.push(edges[key]);
          path[i + 1].into.push(edges[key]);
        }
        edges[key].statements.push(s.id);
      }
    });
    var columns = [];
    list.forEach(function (n) {
      n.width = Math.min(n.label.length, LABEL_CHARS) * CHAR_WIDTH + 20;
      (columns[n.column] = columns[n.column] || []).push(n);
    });
    orderColumns(columns);
    var tallest = Math.max.apply(null, [0].concat(columns.map(function (c) { return c.length; })));
    var x = MARGIN, headers = [];
    columns.forEach(function (column, index) {
      var top = MARGIN + HEADER + (tallest - column.length) * ROW / 2;
      column.forEach(function (n, row) { n.x = x; n.y = top + row * ROW + ROW / 2; });
      headers.push([x, index === 0 ? "origin" : "hop " + index]);
      x += Math.max.apply(null, column.map(function (n) { return n.width; })) + GAP;
    });
    return {nodes: list, edges: edgeList, chains: chains, headers: headers,
            width: columns.length ? x - GAP + MARGIN : 0, height: tallest * ROW + 2 * MARGIN + HEADER};
  }

  // Fewer crossings: sort each column by the mean row of its neighbours (barycentre), a few sweeps.
  function orderColumns(columns) {
    columns.forEach(function (column) {
      column.sort(function (a, b) { return b.count - a.count || byName(a.label, b.label); });
      column.forEach(function (n, i) { n.rank = i; });
    });
    for (var sweep = 0; sweep < 4; sweep++) {
      var forward = sweep % 2 === 0;
      var indexes = columns.map(function (c, i) { return i; });
      indexes = forward ? indexes.slice(1) : indexes.slice(0, -1).reverse();
      indexes.forEach(function (index) {
        var centre = {};
        columns[index].forEach(function (n, i) {
          var near = forward ? n.into.map(function (e) { return e.source.rank; }) : n.out.map(function (e) { return e.target.rank; });
          centre[i] = near.length ? near.reduce(function (a, b) { return a + b; }, 0) / near.length : n.rank;
          n.centre = centre[i];
        });
        columns[index].sort(function (a, b) { return a.centre - b.centre || byName(a.label, b.label); });
        columns[index].forEach(function (n, i) { n.rank = i; });
      });
    }
  }

  function short(text) { return text.length <= LABEL_CHARS ? text : text.slice(0, LABEL_CHARS - 1) + "…"; }

  function drawDiagram() {
    var box = document.getElementById("diagram");
    if (!box) { return; }
    clearNode(box);
    var d = chainLayout(selectedStatements(pageArticles()));
    if (!d.nodes.length) { box.appendChild(el("p", {class: "muted"}, ["No statement that matches in the articles shown has a channel."])); return; }
    var width = String(Math.round(d.width)), height = String(Math.round(d.height));
    var picture = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Reporting chains"}, [
      svg("defs", {}, [svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto"},
        [svg("path", {d: "M0,0 L10,5 L0,10 z", fill: "#8a919c"})])])]);
    d.headers.forEach(function (h) { picture.appendChild(svg("text", {class: "colhead", x: h[0].toFixed(1), y: "16"}, [h[1]])); });
    d.edges.forEach(function (e) {
      var x1 = e.source.x + e.source.width, y1 = e.source.y, x2 = e.target.x - 6, y2 = e.target.y, m = (x1 + x2) / 2;
      var n = e.statements.length;
      picture.appendChild(svg("g", {class: "edge"}, [
        svg("title", {}, [e.source.label + " → " + e.target.label + ": " + plural(n, "statement") + " (" + e.statements.join(", ").toUpperCase() + ")"]),
        svg("path", {d: "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " C" + m.toFixed(1) + "," + y1.toFixed(1) + " " + m.toFixed(1) + "," + y2.toFixed(1) + " " + x2.toFixed(1) + "," + y2.toFixed(1),
                     "stroke-width": String(1 + n), "marker-end": "url(#arrow)"})]));
    });
    d.nodes.forEach(function (n) {
      picture.appendChild(svg("g", {class: "node " + n.kind, transform: "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"}, [
        svg("title", {}, [n.label + " (" + n.kind + ", " + plural(n.count, "statement") + ")"]),
        svg("rect", {x: "0", y: "-14", width: n.width.toFixed(1), height: "28", rx: "6"}),
        svg("text", {x: "10", y: "4"}, [short(n.label)])]));
    });
    box.appendChild(picture);
  }

  // --- drawing and navigation ----------------------------------------------------------------------

  function drawPage() {
    release();
    drawMatches();
    drawIndex();
    drawArticles();
    drawDiagram();
  }

  function update() {
    state.page = 0;
    state.actorsShown = MORE_ACTORS;
    state.speakersShown = MORE_SPEAKERS;
    compute();
    drawPage();
    drawChips();
    drawActors();
    drawPositions();
  }

  // Make sure an article is drawn: turn to the page that holds it (clearing the filters if they leave it out).
  function reveal(a) {
    if (document.getElementById(a.id)) { return; }
    if (view.articles.indexOf(a) < 0) {
      Object.keys(field).forEach(function (name) { field[name].value = ""; });
      update();
    }
    state.page = Math.floor(view.articles.indexOf(a) / PAGE);
    drawPage();
  }

  function articleById(id) { return /^a\d+$/.test(id || "") ? ARTICLES[Number(id.slice(1)) - 1] : undefined; }

  // --- cards: hover or select a statement --------------------------------------------------------

  var shown = null;   // the card on screen
  var pinned = null;  // the id of a statement selected by a click, or null while hovering

  function ids(node, name) {
    var value = node.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  function clear() {
    document.querySelectorAll(".on, .on-speaker, .on-cue, .on-content, .focus").forEach(function (node) {
      node.classList.remove("on", "on-speaker", "on-cue", "on-content", "focus");
    });
  }

  function activate(id) {
    clear();
    document.querySelectorAll('.ev[data-st~="' + id + '"]').forEach(function (node) {
      node.classList.add("on");
      ROLES.forEach(function (role) {
        if (ids(node, "data-" + role).indexOf(id) >= 0) { node.classList.add("on-" + role); }
      });
      node.parentNode.classList.add("focus");
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
    var card = cardOf(id);
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

  function near(node) {
    var box = node.getBoundingClientRect();
    return [box.left, box.bottom - 14];
  }

  function closest(event, selector) { return event.target.closest ? event.target.closest(selector) : null; }

  function goTo(id) {
    var s = statementOf(id);
    if (!s) { return; }
    reveal(ARTICLES[s.article]);
    var first = document.querySelector('.ev[data-st~="' + id + '"]') || document.getElementById("item-" + id);
    if (first) {
      first.scrollIntoView({block: "center"});
      var at = near(first);
      select(id, at[0], at[1]);
    }
  }

  document.addEventListener("mouseover", function (event) {
    if (pinned) { return; }
    var seg = closest(event, ".body .ev"), item = closest(event, ".st-item");
    if (seg) {
      var id = ids(seg, "data-st")[0];
      activate(id);
      show(id, event.clientX, event.clientY);
    } else if (item) {
      var at = near(item);
      activate(item.getAttribute("data-st"));
      show(item.getAttribute("data-st"), at[0], at[1]);
    } else if (!closest(event, ".card")) {
      hide();
      clear();
    }
  });

  document.addEventListener("mousemove", function (event) {
    if (!pinned && shown && closest(event, ".body .ev")) { place(shown, event.clientX, event.clientY); }
  });

  document.addEventListener("click", function (event) {
    var target;
    if ((target = closest(event, "[data-go]"))) { event.preventDefault(); goTo(target.getAttribute("data-go")); return; }
    if ((target = closest(event, "[data-open]"))) {
      event.preventDefault();
      var article = articleById(target.getAttribute("data-open"));
      reveal(article);
      document.getElementById(article.id).scrollIntoView({block: "start"});
      return;
    }
    if ((target = closest(event, "[data-page]"))) {
      state.page = Number(target.getAttribute("data-page"));
      drawPage();
      document.getElementById("index").scrollIntoView({block: "start"});
      return;
    }
    if ((target = closest(event, "[data-more]"))) {
      if (target.getAttribute("data-more") === "actors") { state.actorsShown += MORE_ACTORS; drawActors(); }
      else { state.speakersShown += MORE_SPEAKERS; drawPositions(); }
      return;
    }
    if ((target = closest(event, "[data-actor]"))) { field.actor.value = target.getAttribute("data-actor"); update(); return; }
    if ((target = closest(event, "[data-outlet]"))) { field.outlet.value = target.getAttribute("data-outlet"); update(); return; }
    if (closest(event, ".card .close")) { release(); return; }
    var seg = closest(event, ".body .ev");
    if (seg) {
      // Click again on the same words for the next statement that shares them.
      var all = ids(seg, "data-st");
      select(all[(all.indexOf(pinned) + 1) % all.length], event.clientX, event.clientY);
      return;
    }
    var item = closest(event, ".st-item");
    if (item) {
      var spot = near(item);
      select(item.getAttribute("data-st"), spot[0], spot[1]);
      return;
    }
    if (!closest(event, ".card")) { release(); }
  });

  document.addEventListener("focusin", function (event) {
    var item = closest(event, ".st-item");
    if (item && !pinned) {
      var at = near(item);
      activate(item.getAttribute("data-st"));
      show(item.getAttribute("data-st"), at[0], at[1]);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { release(); }
    var item = closest(event, ".st-item");
    if (item && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      var at = near(item);
      select(item.getAttribute("data-st"), at[0], at[1]);
    }
  });

  // --- the form --------------------------------------------------------------------------------------

  var typing = null;
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("change", function () { clearTimeout(typing); update(); });
  [field.q, field.actor].forEach(function (input) {
    input.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(update, 150); });
  });
  form.addEventListener("reset", function () { setTimeout(update, 0); });  // after the fields are reset

  // First the index and the articles of the first page; once they are on screen, the actors and positions.
  fillOptions();
  compute();
  drawPage();
  drawChips();
  // A link to an article (#a12) opens it, on load and later.
  function openLinked() {
    var linked = articleById((location.hash || "").slice(1));
    if (linked) { reveal(linked); document.getElementById(linked.id).scrollIntoView({block: "start"}); }
  }
  window.addEventListener("hashchange", openLinked);
  openLinked();
  requestAnimationFrame(function () {
    setTimeout(function () {
      performance.mark("kg-usable");  // the frame with the index and the first articles has been drawn
      drawActors();
      drawPositions();
      document.body.setAttribute("data-ready", "");
      performance.mark("kg-ready");
    }, 0);
  });
})();
