// Citable views and playback on a report page (no network, no libraries but the page's plotly.js).
//
// * The page's address names its view: "#as_of=2024-10-20&kinds=denies&actors=IRN" (the
//   parameters of analysis/filtering/links.py) opens every as-of slider on that date (the latest
//   step on or before it), and the timeline's menus on those kinds and that actor's lane.
//   Unknown or bad parameters are named in a note at the top of the page, never an error.
// * Moving a control writes the view back into the address (history.replaceState), so the
//   address bar is always a link to what is shown.
// * The as-of sliders of a page move together, and one Play button steps them all through time.
// Text from the address or the figures only ever goes into the page as textContent.
(function () {
  "use strict";
  var configNode = document.getElementById("report-views-config");
  var Plotly = window.Plotly;
  if (!configNode) { return; }
  var config = JSON.parse(configNode.textContent);
  var AS_OF = config.as_of_slider;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function isDate(text) {
    var m = DATE.exec(text);
    if (!m) { return false; }
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 &&
      d.getUTCDate() === +m[3];
  }

  // The parameters of a link, read as analysis.filtering.links.from_query reads them: the
  // first of each known name is kept; unknown, repeated and bad ones become notes.
  function parse(hash) {
    var chosen = {};
    var notes = [];
    var seen = [];
    new URLSearchParams(String(hash || "").replace(/^[#?]/, "")).forEach(function (raw, name) {
      var shown = name + "=" + raw;
      if (config.parameters.indexOf(name) < 0) {
        notes.push(shown + " ignored: not a parameter of this view (" +
          config.parameters.join(", ") + ")");
      } else if (seen.indexOf(name) >= 0) {
        notes.push(shown + " ignored: " + name + " is given more than once");
      } else if (seen.push(name) && name === "as_of" && raw !== "" && !isDate(raw)) {
        notes.push(shown + " ignored: as_of must be a date; got '" + raw + "'");
      } else {
        chosen[name] = config.lists.indexOf(name) >= 0
          ? raw.split(",").map(function (s) { return s.trim(); }).filter(Boolean)
          : raw;
      }
    });
    return { chosen: chosen, notes: notes };
  }

  function plots() {
    return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  }
  function sliderOf(gd) {
    var sliders = (gd.layout && gd.layout.sliders) || [];
    for (var i = 0; i < sliders.length; i++) {
      if (sliders[i].name === AS_OF && (sliders[i].steps || []).length) { return i; }
    }
    return -1;
  }
  function menuOf(gd, name) {
    var menus = (gd.layout && gd.layout.updatemenus) || [];
    for (var i = 0; i < menus.length; i++) { if (menus[i].name === name) { return i; } }
    return -1;
  }
  function stepValue(step) { return String(step.value || ""); }
  function label(gd) { return gd.getAttribute("id") || "a figure"; }

  // The step to show for a date: the latest on or before it (what was known by then), or the
  // first step when the date comes before every step.
  function stepFor(steps, day) {
    var found = -1;
    for (var i = 0; i < steps.length; i++) { if (stepValue(steps[i]) <= day) { found = i; } }
    return found;
  }

  function applyStep(gd, index) {
    var s = sliderOf(gd);
    var step = gd.layout.sliders[s].steps[index];
    var relayout = Object.assign({}, step.args[1] || {});
    relayout["sliders[" + s + "].active"] = index;
    return Plotly.update(gd, step.args[0] || {}, relayout, step.args[2]);
  }

  function applyMenu(gd, m, index) {
    var menu = gd.layout.updatemenus[m];
    var button = menu.buttons[index];
    var change = {};
    change["updatemenus[" + m + "].active"] = index;
    if (button.method === "restyle") {
      return Plotly.restyle(gd, button.args[0]).then(function () {
        return Plotly.relayout(gd, change);
      });
    }
    return Plotly.relayout(gd, Object.assign({}, button.args[0], change));
  }

  // --- the note of what a link could not show -------------------------------------------------
  var noteBox = null;
  function note(lines) {
    if (!lines.length) { return; }
    noteBox = document.createElement("aside");
    noteBox.className = "report-link-notes";
    noteBox.setAttribute("role", "status");
    var head = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "This page's address asked for something it cannot show:";
    head.appendChild(strong);
    noteBox.appendChild(head);
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    noteBox.appendChild(list);
    var main = document.querySelector("main") || document.body;
    var banner = main.querySelector(".report-banner");
    main.insertBefore(noteBox, banner ? banner.nextSibling : main.firstChild);
  }

  // --- the view a link opens on ---------------------------------------------------------------
  function open(figures, menus, link) {
    var notes = link.notes.slice();
    var chosen = link.chosen;
    var work = [];
    Object.keys(chosen).forEach(function (name) {
      var raw = name + "=" + (Array.isArray(chosen[name]) ? chosen[name].join(",") : chosen[name]);
      if (name === "as_of") {
        if (!chosen.as_of) { return; }  // as_of= : the latest, as the slider opens
        if (!figures.length) {
          notes.push(raw + " ignored: no figure on this page has an as-of slider");
          return;
        }
        figures.forEach(function (gd) {
          var steps = gd.layout.sliders[sliderOf(gd)].steps;
          var index = stepFor(steps, chosen.as_of);
          if (index < 0) {
            index = 0;
            notes.push(raw + ": the as-of slider starts later; showing its first step, " +
              steps[0].label);
          } else if (stepValue(steps[index]) !== chosen.as_of) {
            notes.push(raw + ": the as-of slider has no step on that day; showing the " +
              "latest step before it, " + steps[index].label);
          }
          work.push(function () { return applyStep(gd, index); });
        });
        return;
      }
      var control = config.controls[name];
      var matched = control && menus[control].length;
      if (!matched) {
        notes.push(raw + " ignored: no figure on this page has a control for " + name +
          " (the live app has: make app)");
        return;
      }
      menus[control].forEach(function (entry) {
        var buttons = entry.gd.layout.updatemenus[entry.menu].buttons;
        var wanted = (chosen[name] || []).slice().sort().join(",");
        var index = -1;
        buttons.forEach(function (b, i) {
          var named = String(b.name || "").split(",").filter(Boolean).sort().join(",");
          if (index < 0 && named === wanted) { index = i; }
        });
        if (index < 0) {
          notes.push(raw + " ignored: the " + control + " menu of " + label(entry.gd) +
            " has no entry for it");
          return;
        }
        work.push(function () { return applyMenu(entry.gd, entry.menu, index); });
      });
    });
    note(notes.filter(function (line, i) { return notes.indexOf(line) === i; }));
    return work.reduce(function (done, next) { return done.then(next); }, Promise.resolve());
  }

  // --- the address follows the controls -------------------------------------------------------
  function write(figures, menus) {
    var parts = [];
    if (figures.length) {
      var gd = figures[0];
      var slider = gd.layout.sliders[sliderOf(gd)];
      var step = slider.steps[slider.active];
      if (step && stepValue(step)) { parts.push("as_of=" + stepValue(step)); }
    }
    config.parameters.filter(function (name) { return config.controls[name]; })
      .forEach(function (name) {
      var entry = menus[config.controls[name]][0];
      if (!entry) { return; }
      var menu = entry.gd.layout.updatemenus[entry.menu];
      var button = menu.buttons[menu.active || 0];
      if (button && button.name) { parts.push(name + "=" + encodeURIComponent(button.name)); }
    });
    var hash = parts.length ? "#" + parts.join("&").replace(/%2C/g, ",") : "";
    history.replaceState(null, "", location.pathname + location.search + hash);
  }

  // --- one as-of control for every figure, and playback ---------------------------------------
  function moveAll(figures, day, except) {
    return Promise.all(figures.filter(function (gd) { return gd !== except; }).map(function (gd) {
      var index = stepFor(gd.layout.sliders[sliderOf(gd)].steps, day);
      return applyStep(gd, index < 0 ? 0 : index);
    }));
  }

  function player(figures, menus) {
    var first = figures[0];
    var bar = document.createElement("div");
    bar.className = "report-playback";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Play the as-of date");
    var button = document.createElement("button");
    button.type = "button";
    button.id = "report-play";
    var status = document.createElement("span");
    status.className = "report-playback-status";
    status.setAttribute("aria-live", "polite");
    bar.appendChild(button);
    bar.appendChild(status);
    var figure = first.closest("figure") || first;
    figure.parentNode.insertBefore(bar, figure);
    var timer = null;
    function steps() { return first.layout.sliders[sliderOf(first)].steps; }
    function say() {
      var slider = first.layout.sliders[sliderOf(first)];
      var what = figures.length > 1 ? "all " + figures.length + " figures below" : "the figure below";
      status.textContent = "As of " + slider.steps[slider.active].label + ": moves " + what +
        " (the address of this page follows).";
    }
    function idle() {
      timer = null;
      button.textContent = "\u25B6 Play";
      button.setAttribute("aria-pressed", "false");
      bar.setAttribute("data-state", "idle");
    }
    function tick(index) {
      var all = steps();
      var day = stepValue(all[index]);
      moveAll(figures, day, null).then(function () {
        say();
        write(figures, menus);
        if (timer === null) { return; }
        if (index + 1 >= all.length) {
          idle();
          bar.setAttribute("data-state", "done");
          return;
        }
        timer = window.setTimeout(function () { tick(index + 1); }, config.play_ms);
      });
    }
    button.addEventListener("click", function () {
      if (timer !== null) {
        window.clearTimeout(timer);
        idle();
        return;
      }
      var slider = first.layout.sliders[sliderOf(first)];
      var start = slider.active >= slider.steps.length - 1 ? 0 : slider.active + 1;
      timer = 0;
      button.textContent = "\u23F8 Pause";
      button.setAttribute("aria-pressed", "true");
      bar.setAttribute("data-state", "playing");
      tick(start);
    });
    idle();
    say();
    return say;
  }

  function start() {
    var all = plots();
    var figures = all.filter(function (gd) { return sliderOf(gd) >= 0; });
    var menus = {};
    Object.keys(config.controls).forEach(function (name) {
      var control = config.controls[name];
      menus[control] = [];
      all.forEach(function (gd) {
        var m = menuOf(gd, control);
        if (m >= 0) { menus[control].push({ gd: gd, menu: m }); }
      });
    });
    var link = parse(location.hash);
    var say = figures.length ? player(figures, menus) : function () {};
    open(figures, menus, link).then(say);
    figures.forEach(function (gd) {
      gd.on("plotly_sliderchange", function (event) {
        if (!event.interaction || event.slider.name !== AS_OF) { return; }
        moveAll(figures, stepValue(event.step), gd).then(function () {
          say();
          write(figures, menus);
        });
      });
    });
    all.forEach(function (gd) {
      gd.on("plotly_buttonclicked", function (event) {
        var named = Object.keys(menus).some(function (c) { return event.menu.name === c; });
        if (named) { window.setTimeout(function () { write(figures, menus); }, 0); }
      });
    });
  }

  window.reportViews = { parse: parse, stepFor: stepFor, isDate: isDate };
  if (!Plotly) {
    if (location.hash.length > 1) {
      note(["the address's view was not applied: this page has no figures"]);
    }
    return;
  }
  if (document.readyState === "complete") { start(); } else {
    window.addEventListener("load", start);
  }
}());
