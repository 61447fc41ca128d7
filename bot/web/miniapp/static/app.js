// The Mini App's page: asks the server for the dossier with Telegram's signed init data, then saves
// each field on its own (when the user leaves it, pauses typing, or the page is hidden or closed).
// Every rule and every message is the server's (the chat's own); this script only sends what was
// typed and shows the answers. What is typed and not stored is never dropped: it stays in its field
// when the page is drawn again, and Telegram asks before closing while there is some.
"use strict";
(function () {
  const PAUSE_MS = 2500; // a pause in typing long enough to save without saving every word
  const LIVE_MS = 150; // how long a status line just drawn stays empty, for screen readers to know it
  const OWN = "+own"; // the unit menu's « Other unit… »: opens the field to type the coop's own
  const VALUES = ["unit", "current_value", "target_value"]; // what a kind or unit change may clear
  const BROWSING = /^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down))$/; // keys that move a closed menu's choice
  const tg = (window.Telegram && window.Telegram.WebApp) || null;
  const app = document.getElementById("app");
  // ``gone``: texts typed in a field removed meanwhile, by field id, shown to copy until closed;
  // ``stored``: values saved, by field id, with the dossier's version their save answered with, and
  // ``newest``: the summary and status line of the newest save, for a page drawn at an older version;
  // ``flying``: the saves on their way, until their answers are read; ``saying``: status lines to fill (``say``);
  // ``dossier``: the dossier on display, whose drafts the phone keeps; ``own``: the person's own, opened from the chat
  const state = { dossier: "", own: false, session: null, texts: {}, dirty: false, guarded: false, scrolled: 0, gone: {}, stored: {}, newest: null, orders: {}, width: window.innerWidth, flying: new Set(), saying: new Set() };

  function applyTheme() {
    // the colours Telegram did not send are chosen for its scheme (app.css), the phone's without it
    const dark = tg && tg.colorScheme ? tg.colorScheme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.dataset.scheme = dark ? "dark" : "light";
    const params = (tg && tg.themeParams) || {};
    for (const key of Object.keys(params)) {
      document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), params[key]);
    }
  }

  async function call(method, path, body, keepalive) {
    const response = await fetch("app/api/" + path, {
      method: method,
      keepalive: Boolean(keepalive),
      headers: { "Authorization": "tma " + (tg ? tg.initData : ""), "Content-Type": "application/json" },
      // the page's session comes with every change: the chat is told how many fields changed
      body: body === undefined ? undefined : JSON.stringify(Object.assign({ session: state.session }, body)),
    });
    const data = await response.json().catch(() => ({}));
    // the language the server answered in (a refusal, an expired page: the one chosen in the chat)
    return { status: response.status, data: data, language: response.headers.get("Content-Language") || "" };
  }

  function say(element, text, kind, example) {
    // a status line just drawn (the page drawn again, a line made for a note) is filled a moment later:
    // a screen reader reads what changes in a live region, not one that comes already filled
    const status = statusOf(element);
    if (!status) return;
    status.saying = () => {
      status.saying = null;
      state.saying.delete(status);
      status.textContent = text || "";
      status.className = "status " + (kind || "");
      if (example) { // a refused value: what is wrong, then one valid example (the field's own)
        const line = document.createElement("span");
        line.className = "example";
        line.textContent = example;
        status.appendChild(line);
      }
    };
    state.saying.add(status);
    if (state.drawn) setTimeout(() => sayNow(status), LIVE_MS); else sayNow(status);
  }

  function sayNow(status) {
    if (status.saying) status.saying(); // not said over since
  }

  function tellNote(id, note) {
    // what the chat says after a tick (the dossier marked ready a draft again, what a drop left short),
    // under the engagement, as a saved field's note is under its « ✓ Saved »
    const target = note && document.getElementById(id);
    if (!target) return;
    if (!statusOf(target)) { // an engagement's tick has no status line: one is made under it
      const line = document.createElement("p");
      line.id = id + "-status";
      line.setAttribute("aria-live", "polite");
      target.closest("label").after(line);
    }
    say(target, "", "saved", note);
    show(statusOf(target));
  }

  function exampleFor(input, answer) {
    // the server says when to add it: not under a refusal that gives its own (« e.g. 12 or 13 »), nor
    // under a text too long (it is to be shortened, not replaced)
    return answer.status === 422 && answer.data.example ? input.dataset.example : "";
  }

  function grow(element) {
    if (element.tagName === "TEXTAREA") {
      element.style.height = "auto";
      element.style.height = element.scrollHeight + 4 + "px";
    }
    count(element);
  }

  function regrow() {
    // the phone turned (or Telegram's view widened): the texts wrap anew, each text area sized to its text
    // again, else its last lines are cut (its overflow is hidden); a keyboard opening changes the height only
    if (window.innerWidth === state.width) return;
    state.width = window.innerWidth;
    app.querySelectorAll("textarea[data-field], form[data-add] textarea, .conflict textarea").forEach(grow);
  }

  function counted(text) {
    // as the server counts a text: control characters dropped (not line breaks nor tabs), accents
    // composed (NFC), white and zero-width space trimmed at both ends; in code points, not UTF-16 units
    const kept = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "").normalize("NFC");
    return Array.from(kept.replace(/^[\s\u200b\u2060\ufeff]+|[\s\u200b\u2060\ufeff]+$/g, "")).length;
  }

  function count(element) {
    // a long text's length, shown discreetly once it nears its limit (the last sixth), in the page's
    // number format: the limit is known before the text is refused
    const shown = document.getElementById(element.id + "-count");
    const limit = Number(element.dataset.limit);
    if (!shown || !limit || !state.texts.count) return;
    const length = counted(element.value);
    shown.hidden = length < limit - Math.floor(limit / 6);
    if (shown.hidden) return;
    const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    shown.textContent = state.texts.count
      .replace("{count}", () => number.format(length)).replace("{limit}", () => number.format(limit));
    shown.className = length > limit ? "count over" : "count";
  }

  function oneLine(element, done) {
    // a title or a name in a one-line text area: Enter does what it does in a one-line field (saves
    // it, adds the row), a pasted line break becomes a space
    element.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      done();
    });
    element.addEventListener("input", () => {
      if (!/[\r\n]/.test(element.value)) return;
      // a run of line breaks and the spaces around them is one space, none at either end; the caret
      // stays after what it was after (a Windows line ending is two characters, a space one)
      const flat = (text) => text.replace(/[^\S\r\n]*[\r\n]\s*/g, " ");
      const whole = flat(element.value).trim();
      const at = Math.min(flat(element.value.slice(0, element.selectionStart)).trimStart().length, whole.length);
      element.value = whole;
      try { element.setSelectionRange(at, at); } catch (error) { /* no caret */ }
    });
  }

  function launchUser() {
    // the Telegram user of the launch data: from Telegram's script, or (the script blocked) the address
    if (tg && tg.initDataUnsafe && tg.initDataUnsafe.user) return tg.initDataUnsafe.user;
    try {
      const data = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
      return JSON.parse(new URLSearchParams(data || "").get("user") || "null");
    } catch (error) { return null; }
  }

  function shellTexts(spoken) {
    // the frame's words in every language: the server's (``spoken``: the language it answered in, the one
    // chosen in the chat), else the visitor's, from Telegram or the browser (the API did not answer)
    const all = JSON.parse(document.getElementById("shell-texts").textContent);
    const user = launchUser();
    const language = (spoken || (user && user.language_code) || navigator.language || "").slice(0, 2).toLowerCase();
    return all[language] || all[document.documentElement.lang] || Object.values(all)[0];
  }

  function fail(message, expired, spoken) {
    // the server's refusal (not in a coop yet, not their dossier) in its words, or launch data too old
    // (``expired``): the page closed, the way on is in the chat; no answer, or not the page's (a Wi-Fi
    // portal, a proxy's page): the connection, to try again. One frame for all: ⚠️, then its button
    app.textContent = "";
    const paragraph = document.createElement("p");
    paragraph.className = "error";
    paragraph.setAttribute("role", "alert");
    // the frame's words in the language the server spoke, when it answered; else the visitor's
    const texts = shellTexts(spoken);
    if (spoken) document.documentElement.lang = spoken;
    const closing = Boolean(message) || expired;
    paragraph.textContent = "⚠️ " + (message || (expired ? texts.expired : texts.offline));
    app.appendChild(paragraph);
    if (!closing || (tg && tg.close)) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "retry";
      button.textContent = closing ? texts.close : texts.retry;
      // a retry keeps Telegram's launch data (the address's fragment); to close, only the chat's button helps
      button.addEventListener("click", () => (closing ? tg.close() : location.reload()));
      app.appendChild(button);
    }
    app.removeAttribute("aria-busy");
  }

  function reveal(id) {
    // a field comes to the middle of the screen, its label and example above it; a section, an axis or
    // a note to the top, its heading and the rule it says in view
    const target = document.getElementById(id);
    if (!target) return;
    const field = target.matches("input, textarea, select");
    target.scrollIntoView({ block: field ? "center" : "start" });
    if (field) target.focus({ preventScroll: true });
  }

  function partsButton(event) {
    // the way back to the list of the page's parts: offered when the reader scrolls back up with the
    // list out of sight, out of the way while reading on or typing (it would cover the text)
    const button = document.getElementById("to-parts");
    const parts = document.getElementById("parts");
    if (!button || !parts) return;
    const typing = document.activeElement && document.activeElement.matches("input, textarea, select");
    const away = parts.getBoundingClientRect().bottom < 0;
    const moved = window.scrollY - state.scrolled;
    if (typing || !away) state.offered = false;
    else if (event && event.type === "scroll" && Math.abs(moved) > 8) state.offered = moved < 0;
    if (!event || event.type !== "scroll" || Math.abs(moved) > 8) state.scrolled = window.scrollY;
    // on a phone the button is over the page: never over a field, a button or a link, whose tap it would take
    button.hidden = !state.offered || overTarget(button);
  }

  function overTarget(button) {
    // what lies under the button, the button set aside: points 1 px in from its edges and every 10 px or
    // less between them, so that no label's line (some 20 px tall) passes between two rows of them
    const was = button.hidden;
    button.hidden = false;
    const box = button.getBoundingClientRect();
    button.hidden = true;
    const along = (from, to) => {
      const steps = Math.max(1, Math.ceil((to - from - 2) / 10));
      return Array.from({ length: steps + 1 }, (_, i) => from + 1 + (i * (to - from - 2)) / steps);
    };
    const points = along(box.left, box.right).flatMap((x) => along(box.top, box.bottom).map((y) => [x, y]));
    const covered = points.some(([x, y]) => {
      const under = document.elementFromPoint(x, y);
      return Boolean(under && under.closest("input, textarea, select, button, a, label, .conflict"));
    });
    button.hidden = was;
    return covered;
  }

  function show(element) {
    // a failure or a conflict is brought into view, gently, the focus left where it is: with the keyboard
    // open, what is below the field is hidden. « ✓ enregistré » is not: it would pull the page away from
    // the caret at every pause in typing, and the field says nothing is waiting (Telegram asks before closing)
    if (state.drawn) { setTimeout(() => element.isConnected && show(element), LIVE_MS); return; } // once it says it
    const typing = document.activeElement;
    if (typing && typing !== document.body && !element.parentElement.contains(typing)) return; // typing elsewhere
    const view = window.visualViewport || { offsetTop: 0, height: window.innerHeight };
    const box = element.getBoundingClientRect();
    if (box.top < view.offsetTop || box.bottom > view.offsetTop + view.height) {
      element.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function unsaved() {
    // what the user typed and the server has not stored: a refused or failed value, a pause not over
    return Array.from(app.querySelectorAll("[data-field], form[data-add] [name=value]"))
      .filter((input) => input.id && input.value !== (input.dataset.saved || "") && input.value !== OWN);
  }

  function refuse(input, value, invalid) {
    // a value the server did not take: not sent again until changed; ``invalid``, refused as such (the
    // chat's refusal, or typed in a kind or unit changed since), the field is marked so for a screen reader
    // (its status line, saying why, is part of its description) until a value of it is saved
    input.refused = value;
    if (value !== undefined && invalid) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function statusOf(input) {
    return document.getElementById(input.id + "-status") || input.parentElement.querySelector(".status");
  }

  function draw(html, changed, version, said) {
    // the page is drawn again (an engagement, a new row, a kind): what is not saved yet stays, by field id;
    // ``changed``: the input whose own change (a kind, a unit) drew it, whose row's values may be cleared;
    // ``version``: the dossier's version it was drawn at, when the answer says it; ``said``: why every
    // field is gone, when the server says it (the dossier submitted meanwhile), over each text kept
    state.saying.forEach(sayNow); // what a line is about to say is kept with it
    const kept = unsaved().map((input) => {
      const pending = Boolean(input.pause);
      clearTimeout(input.pause);
      return { input: input, pending: pending, status: statusOf(input) };
    });
    const focused = document.activeElement && document.activeElement.id;
    const selection = caret(document.activeElement);
    const before = rowValues(changed);
    const units = ownUnits(changed);
    const resend = [];
    state.drawing = true; // the field in hand, removed, loses the focus: given back below, not left
    app.innerHTML = html;
    state.drawing = false;
    app.removeAttribute("aria-busy");
    state.drawn = true; // its status lines are new: what is said in them now, a moment later (``say``)
    setTimeout(() => { state.drawn = false; });
    bind();
    savedSince(version);
    for (const old of kept) {
      const input = document.getElementById(old.input.id);
      // removed meanwhile, or no longer a text field (read-only); one drawn as another text field (a
      // yes/no's line, a number's growing one: a kind changed) keeps the text
      const text = (element) => element.matches("input, textarea");
      const same = input && (input.tagName === old.input.tagName || (text(input) && text(old.input)));
      if (!same) { keepGone(old.input, said); continue; }
      input.own = (old.input.own || []).slice();
      if (old.input.browsed) Object.assign(input, { browsed: true, before: old.input.before }); // a menu still browsed
      // a menu left on another choice while the one it sent was on its way: sent now, after it
      if (old.input.tagName === "SELECT" && old.input.again) resend.push(input);
      // a field of the row this page's own change (a kind, a unit) cleared: cleared by the page itself
      const row = changed && input.dataset.entity === changed.dataset.entity && input.dataset.row === changed.dataset.row;
      if (row && input.value === "") input.own.push("");
      input.value = old.input.value;
      // the value the user started from: a colleague's change meanwhile is still shown, not overwritten (a
      // menu whose own answer drew the page starts from what it stored, as the page has it)
      if (old.input.dataset.expected !== undefined && old.input !== changed) input.dataset.expected = old.input.dataset.expected;
      // and the kind and unit it was typed in (a colleague's change is said when it is sent), unless the
      // page's own change of them drew the page: the user chose those
      if (!row && old.input.dataset.terms !== undefined) input.dataset.terms = old.input.dataset.terms;
      // a value refused in the row's terms before the page's own change of them (« choose % as the unit
      // first »): no longer refused in the terms the user just chose; sent at once in them, its old words gone
      if (row && old.input.refused !== undefined && old.input.refused === old.input.value) resend.push(input);
      refuse(input, row ? undefined : old.input.refused, old.input.getAttribute("aria-invalid") === "true");
      revealOwn(input);
      grow(input);
      const status = statusOf(input);
      if (status && old.status) { status.className = old.status.className; status.replaceChildren(...old.status.childNodes); }
      // a « Keep mine / Keep theirs » box open: still the person's choice, drawn again with its field
      if (old.input.choosing) conflict(input, old.input.choosing.mine, old.input.choosing.found, true);
      if (old.pending) input.pause = setTimeout(() => save(input), PAUSE_MS);
    }
    const again = focused && document.getElementById(focused);
    if (again && typeof again.focus === "function") again.focus({ preventScroll: true });
    if (again && selection && again.value === selection.value) { // the caret where it was, not at the end
      try { again.setSelectionRange(selection.start, selection.end, selection.direction); } catch (error) { /* no caret */ }
    }
    if (changed) sayCleared(changed, before);
    if (units) offerBack(units);
    drawGone();
    guard();
    resend.forEach((input) => save(input));
  }

  function remember(input, answer) {
    // a value the server answered « saved » for, at the dossier's version its save made (or found)
    const version = answer.field.version;
    const known = state.stored[input.id];
    if (typeof version !== "number" || (known && known.version > version)) return;
    state.stored[input.id] = { version: version, text: input.dataset.saved, expected: input.dataset.expected };
    if (state.newest && state.newest.version > version) return;
    state.newest = { version: version, summary: answer.summary, status: answer.status };
  }

  function savedSince(version) {
    // a page drawn at an older version of the dossier than values saved since (a unit's answer late on a
    // slow network, the value typed and stored meanwhile): those fields show what the server holds, not
    // the page's older state (an empty field, said erased), nor do its summary and status line
    if (typeof version !== "number") return; // an answer that does not say: no order to go by
    for (const [id, known] of Object.entries(state.stored)) {
      if (known.version <= version) { delete state.stored[id]; continue; } // the page is as new
      const input = document.getElementById(id);
      if (!input || input.tagName === "SELECT" || input.dataset.field === undefined) continue;
      input.value = known.text;
      input.dataset.saved = known.text;
      input.dataset.expected = known.expected;
      const wrap = document.getElementById(id + "-wrap");
      if (wrap && known.text) wrap.classList.remove("missing");
      grow(input);
    }
    if (!state.newest || state.newest.version <= version) return;
    drawSummary(state.newest.summary);
    const line = document.getElementById("status-line");
    if (line && state.newest.status) line.textContent = state.newest.status;
  }

  function ownUnits(changed) {
    // the coop's own units its unit menu had before the page's own change of it: offered again after it
    // (a mistaken tap in the menu), with « Other unit… » to type any
    const select = changed && document.getElementById(changed.dataset.ownFor || changed.id);
    if (!select || select.tagName !== "SELECT") return null;
    return { id: select.id, values: Array.from(select.querySelectorAll("option[data-own-unit]"), (o) => o.value) };
  }

  function offerBack(units) {
    const select = document.getElementById(units.id);
    const other = select && select.querySelector("option[data-own-option]");
    if (!other) return;
    for (const unit of units.values) {
      if (Array.from(select.options).some((option) => option.value === unit)) continue;
      const option = new Option(unit, unit);
      option.dataset.ownUnit = "";
      select.insertBefore(option, other);
    }
  }

  function revealOwn(input) {
    // the field of a unit in the coop's words, with text in it: shown, its menu on « Other unit… »
    const wrap = input.dataset.ownFor && input.value && input.closest("[data-own-wrap]");
    if (!wrap) return;
    wrap.hidden = false;
    const select = document.getElementById(input.dataset.ownFor);
    if (select) select.value = OWN;
  }

  function picked(select, left) {
    // « Other unit… » opens the field to type the coop's own (read as the chat reads it); another is saved.
    // ``left``: the menu was left on it (Tab, a tap elsewhere): the focus stays where the person sent it
    const own = document.getElementById(select.id + "-own");
    if (own) own.closest("[data-own-wrap]").hidden = select.value !== OWN;
    if (select.value !== OWN) { save(select); return; }
    say(select, "", "");
    if (!left) own.focus();
  }

  function menu(select) {
    // a pick in the opened list (a tap, a click) is saved at once; a closed menu browsed with the keys
    // (arrows, Home, End, a letter) is not: each option passed is no choice (a unit's clears the row's
    // values), the one it is left on is, once confirmed (Enter) or left. Escape puts back the one it had
    select.addEventListener("keydown", (event) => {
      if (select.browsed && (event.key === "Enter" || event.key === "Escape")) {
        event.preventDefault(); // Enter would open the list
        if (event.key === "Escape") select.value = select.before;
        settled(select, event.key === "Enter");
        return;
      }
      const plain = !event.altKey && !event.ctrlKey && !event.metaKey; // Alt+↓ opens the list
      if (!plain || !(BROWSING.test(event.key) || (event.key.length === 1 && event.key !== " "))) return;
      if (!select.browsed) select.before = select.value;
      select.keyed = true; // the change the key makes comes in this same task (it opens the list on a Mac)
      setTimeout(() => { select.keyed = false; });
    });
    select.addEventListener("change", () => {
      if (select.keyed) select.browsed = true;
      else { select.browsed = false; picked(select); } // picked in the list: nothing browsed left to settle
    });
    // left; not when the page is drawn again around it (its choice carried to the menu drawn, still in hand)
    select.addEventListener("blur", () => { if (select.browsed && select.isConnected && !state.drawing) settled(select, false); });
  }

  function settled(select, confirmed) {
    // the choice the keys left the menu on: saved once, if it is not the one it had
    select.browsed = false;
    if (select.value !== select.before) picked(select, !confirmed);
  }

  function keepGone(input, said) {
    // a text typed in a field that is no longer on the page (its indicator or engagement removed by a
    // colleague, the dossier submitted): kept beside the page, and on the phone with why, until the person
    // closes it
    if (input.tagName === "SELECT" || !input.value.trim()) return;
    const gone = { value: input.value, label: labelOf(input), section: sectionOf(input), gone: true, said: said || input.goneSaid };
    state.gone[input.id] = gone;
    try { localStorage.setItem(draftKey(input.id), JSON.stringify(gone)); } catch (error) { /* shown still */ }
  }

  function labelOf(input) {
    const label = document.querySelector("label[for='" + input.id + "']");
    return input.dataset.label || (label ? label.textContent.trim() : "");
  }

  function sectionOf(input) {
    const section = input.closest("section");
    return section ? section.id : "";
  }

  function drawGone() {
    // after the heading of the part of the page the field was in (the dossier's top otherwise)
    for (const [id, gone] of Object.entries(state.gone)) {
      const part = document.getElementById(gone.section) || document.getElementById("dossier");
      if (!part || document.getElementById(id + "-gone")) continue;
      const box = document.createElement("div");
      box.className = "conflict gone";
      box.id = id + "-gone";
      // the server's sentence when a save to it was refused (« This document was removed… »), else the page's
      const said = gone.said || state.texts.gone.replace("{field}", () => gone.label);
      keptText(box, box.id, said, gone.value, () => {
        delete state.gone[id];
        try { localStorage.removeItem(draftKey(id)); } catch (error) { /* nothing kept */ }
      });
      const heading = part.querySelector("h2");
      if (heading) heading.after(box); else part.prepend(box);
    }
  }

  function caret(element) {
    // where the caret (or the selection) is in the field being typed in
    try {
      if (!element || typeof element.selectionStart !== "number") return null;
      return { value: element.value, start: element.selectionStart, end: element.selectionEnd, direction: element.selectionDirection };
    } catch (error) { return null; }
  }

  function rowValues(changed) {
    // what the row's other fields showed before its kind or unit changed (the server clears the values)
    const found = {};
    if (!changed) return found;
    app.querySelectorAll("[data-field]").forEach((input) => {
      const row = input.dataset.entity === changed.dataset.entity && input.dataset.row === changed.dataset.row;
      const shown = input.tagName === "SELECT" ? (input.value && input.selectedOptions[0].textContent) : input.value.trim();
      if (row && input.id !== changed.id && shown) found[input.id] = shown;
    });
    return found;
  }

  function sayCleared(changed, before) {
    // a value the page's own kind or unit change cleared: said where it was, with what it was, to retype
    // a number's first unit (the server says) clears what does not fit it: said as the chat says it
    const unit = changed.firstUnit ? state.texts.cleared_fit : state.texts.cleared_unit;
    const text = changed.dataset.name === "unit" ? unit : state.texts.cleared_kind;
    for (const id of Object.keys(before)) {
      const input = document.getElementById(id);
      if (!input || input.value !== "" || !text) continue;
      say(input, text.replace("{field}", () => input.dataset.label || "").replace("{value}", () => before[id]), "error cleared");
    }
  }

  function guard() {
    // while something typed is not stored, Telegram asks before closing the app
    const needed = unsaved().length > 0;
    if (!tg || !tg.enableClosingConfirmation || needed === state.guarded) return;
    state.guarded = needed;
    if (needed) tg.enableClosingConfirmation(); else tg.disableClosingConfirmation();
  }

  function drawSummary(html) {
    const summary = document.getElementById("summary");
    if (summary && html) { summary.innerHTML = html; bindLinks(summary); }
  }

  function bindLinks(root) {
    root.querySelectorAll("a[data-anchor]").forEach((link) => link.addEventListener("click", (event) => {
      event.preventDefault();
      reveal(link.dataset.anchor);
    }));
    root.querySelectorAll("a[data-open]").forEach((link) => link.addEventListener("click", (event) => {
      event.preventDefault(); // keep Telegram's launch data (in the address's fragment) on the way
      location.assign(link.getAttribute("href") + location.hash);
    }));
  }

  // What is typed and not stored yet is also kept on the phone, with the value it started from: a
  // text refused (too long) or a save that never arrived comes back when the page is opened again,
  // and is sent again (a colleague's change meanwhile is then a conflict, as always). Kept by person and
  // dossier: a committee member on a coop's team reads other coops' dossiers on the same phone.
  function draftKey(id) {
    return personKey() + state.dossier + ":" + id;
  }

  function personKey() {
    const user = tg && tg.initDataUnsafe && tg.initDataUnsafe.user;
    return "qualicoop:" + (user ? user.id : "") + ":";
  }

  function adoptOlderDrafts() {
    // drafts kept by earlier releases, by person and field only, were typed in the person's own coop's
    // dossier (no other is editable for them): taken as its own on the page opened from the chat, which is
    // that dossier, never on a dossier opened from the committee's list
    if (!state.own) return;
    const older = personKey();
    try {
      const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
      for (const key of keys) {
        const id = key && key.startsWith(older) ? key.slice(older.length) : "";
        if (!id || id.includes(":")) continue; // kept by dossier already (field ids have no colon)
        if (localStorage.getItem(draftKey(id)) === null) localStorage.setItem(draftKey(id), localStorage.getItem(key));
        localStorage.removeItem(key);
      }
    } catch (error) { /* storage refused: nothing kept to bring back */ }
  }

  function keepDraft(input) {
    try {
      // an add form's text (a new indicator's title) is a draft until it is added: its field stores nothing
      if (input.value === (input.dataset.saved || "") || input.tagName === "SELECT") localStorage.removeItem(draftKey(input.id));
      else {
        localStorage.setItem(draftKey(input.id), JSON.stringify({ value: input.value, expected: input.dataset.expected,
          terms: input.dataset.terms, label: labelOf(input), section: sectionOf(input) }));
      }
    } catch (error) { /* storage refused or full: Telegram's closing confirmation still guards */ }
  }

  function draftOf(input) {
    // the field's draft kept on the phone, if it differs from what the page shows (else forgotten)
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(draftKey(input.id)) || "null"); } catch (error) { draft = null; }
    if (draft && typeof draft.value === "string" && draft.value !== input.value) return draft;
    try { if (draft) localStorage.removeItem(draftKey(input.id)); } catch (error) { /* nothing kept */ }
    return null;
  }

  function restoreDrafts() {
    adoptOlderDrafts();
    const fields = new Set();
    app.querySelectorAll("form[data-add] [name=value]").forEach((input) => {
      // a new indicator's or action's title typed and not added (the network down, ➕ not tapped): back in
      // its form, to add; not added by itself (a lost answer may have added it already)
      fields.add(input.id);
      const draft = draftOf(input);
      if (!draft) return;
      input.value = draft.value;
      grow(input);
    });
    app.querySelectorAll("textarea[data-field], input[data-field]").forEach((input) => {
      fields.add(input.id);
      const draft = draftOf(input);
      if (!draft) return;
      input.value = draft.value;
      if (draft.expected !== undefined) input.dataset.expected = draft.expected;
      if (draft.terms !== undefined) input.dataset.terms = draft.terms; // typed in those: compared when sent
      revealOwn(input);
      grow(input);
      save(input);
    });
    goneDrafts(fields);
    guard(); // a title back in its add form is typed and not stored: Telegram asks before closing
  }

  function goneDrafts(fields) {
    // a draft of this dossier whose field is no longer on the page (removed while it was closed, or before
    // its text was copied): shown to copy, on its dossier's page only
    if (!document.getElementById("dossier")) return;
    const prefix = draftKey("");
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        const id = key && key.startsWith(prefix) ? key.slice(prefix.length) : "";
        if (!id || fields.has(id)) continue;
        const draft = JSON.parse(localStorage.getItem(key) || "null");
        if (draft && typeof draft.value === "string" && draft.value.trim() && typeof draft.label === "string") {
          // kept with why; else, on a page no longer to change (submitted while it was closed), that is why
          const said = typeof draft.said === "string" ? draft.said : state.texts.locked;
          state.gone[id] = { value: draft.value, label: draft.label, section: draft.section || "", said: said };
        }
      }
    } catch (error) { /* storage refused: nothing kept to show */ }
    drawGone();
  }


  function bind() {
    app.querySelectorAll("[data-field]").forEach((input) => {
      input.dataset.saved = input.value;
      grow(input);
      if (input.tagName === "SELECT") { menu(input); return; }
      // not when the page is drawn again around it (its text carried to the field drawn, still in hand)
      input.addEventListener("blur", () => { if (state.drawing) return; readBack(input); save(input); });
      // a one-line field (a title, a value, a date): Enter, the keyboard's « done », saves it
      if (input.matches("[data-single], input")) {
        oneLine(input, () => { input.finished = true; readBack(input); save(input); });
      }
      input.addEventListener("input", () => {
        input.finished = false; // typing again: the field is the user's until they leave it or press Enter
        grow(input);
        keepDraft(input);
        guard();
        clearTimeout(input.pause);
        input.pause = setTimeout(() => save(input), PAUSE_MS);
      });
    });
    app.querySelectorAll("[data-picker-for]").forEach((picker) => picker.addEventListener("change", () => {
      const input = document.getElementById(picker.dataset.pickerFor);
      if (input && picker.value) { input.value = picker.value; save(input); }
    }));
    app.querySelectorAll("[data-calendar-for]").forEach(calendar);
    app.querySelectorAll("[data-engagement]").forEach((box) => box.addEventListener("change", () => choose(box)));
    app.querySelectorAll("form[data-add]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        add(form);
      });
      const input = form.querySelector("[name=value]");
      oneLine(input, () => (form.requestSubmit ? form.requestSubmit() : add(form)));
      input.addEventListener("input", () => { grow(input); keepDraft(input); guard(); });
      grow(input);
    });
    bindLinks(app);
    partsButton();
  }

  function calendar(button) {
    // the calendar button, from the keyboard or a screen reader: Enter or Space opens the browser's calendar
    // where it can (not in another site's frame: Telegram Web), else the date's field, to type it; a date
    // typed at the button goes to that field too
    const field = document.getElementById(button.dataset.calendarFor);
    const picker = button.nextElementSibling;
    if (!field || !picker) return;
    button.addEventListener("click", () => {
      try { picker.showPicker(); } catch (error) { field.focus(); }
    });
    button.addEventListener("keydown", (event) => {
      if (event.key.length !== 1 || event.key === " " || event.ctrlKey || event.metaKey || event.altKey) return;
      field.focus(); // the key's character lands there, over the date it held, as after Shift+Tab
      field.select();
    });
  }

  function readBack(input) {
    // how the server read a value saved while the user stayed in its field (a pause in typing, not shown
    // then: the caret would jump), shown once they leave it or press Enter, if they typed nothing since
    if (input.readAs !== undefined && input.value === input.dataset.saved) {
      input.value = input.readAs; // « 06/2028 » → « 30 juin 2028 », « 12,5 » → « 12,5 % »
      input.dataset.saved = input.readAs;
      grow(input); // longer read than typed: on as many lines as it takes
    }
    input.readAs = undefined;
  }

  async function save(input, expected, keepalive) {
    clearTimeout(input.pause);
    input.pause = null; // no pause pending any more: a redraw does not start one again
    // unchanged since it was stored, or since it was refused (a refusal is not sent again for nothing)
    if (expected === undefined && input.choosing) return; // a conflict's choice is the user's: leaving the field is none
    if (expected === undefined && input.value === input.dataset.saved && input.refused !== undefined) {
      refuse(input, undefined); // typed back as stored: the refusal of another value no longer stands
      say(input, "", "");
      keepDraft(input);
      guard();
    }
    if (expected === undefined && (input.value === input.dataset.saved || input.value === input.refused)) return;
    if (emptied(input)) { // a saved answer erased: nothing to send (the chat has no empty answer)
      if (input.busy) input.again = { expected: input.again ? input.again.expected : undefined }; // once answered
      else if (document.activeElement !== input || input.finished) putBack(input);
      return; // still in the field (or the page hidden meanwhile): erased to type another, left alone
    }
    let own = input.own || []; // what this page sent without an answer, or cleared itself: not a change elsewhere
    if (input.busy && !keepalive) { // sent once this save is answered, with the value it expects (a conflict's choice)
      input.again = { expected: expected === undefined && input.again ? input.again.expected : expected };
      return;
    }
    if (input.busy) {
      // the page hidden or closed while a save is on its way: what was typed since goes now, not after an
      // answer the page may not live to see; sent as that save's successor (the value it expects is the
      // one that save expected, and that save's value is the page's own), so whichever the server stores
      // first, the newer is not taken for a colleague's change
      const flight = input.flight;
      if (input.value === flight.sent) return; // on its way already
      if (expected === undefined) expected = input.again && input.again.expected !== undefined ? input.again.expected : flight.expected;
      own = flight.own.concat([flight.sent]).slice(-20);
      input.again = null;
    }
    input.busy = (input.busy || 0) + 1; // how many saves of the field are on their way
    const sent = input.value;
    if (expected === undefined) expected = JSON.parse(input.dataset.expected);
    input.flight = { sent: sent, expected: expected, own: own };
    const order = sendOrder(input.id);
    order.sent += 1;
    const mine = order.sent;
    say(input, state.texts.saving, "saving");
    const held = input.matches("select, [data-own-for]") ? termsPending(input) : []; // a kind, a unit
    // a kind or a unit clears the row's values: sent once the page's own saves of them are answered, with
    // what they stored (else the page's own value, on its way, is taken for a change made elsewhere);
    // on its way from now (``flying`` first): a value of the row sent while it waits marks it ``after``
    const flight = flying(input);
    if (clears(input) && !keepalive) await rowSaved(input, flight);
    let answer;
    try {
      answer = await call("POST", "field", {
        entity: input.dataset.entity, id: Number(input.dataset.row), field: input.dataset.name, value: sent,
        expected: expected, own: own,
        // the kind and unit the value was typed in (an indicator's values): compared, as the chat does
        terms: input.dataset.terms === undefined ? undefined : JSON.parse(input.dataset.terms),
        values: clears(input) ? shownValues(input) : undefined,
      }, keepalive);
    } catch (error) {
      answer = { status: 0, data: { error: state.texts.offline } };
    }
    if (answer.status >= 500) { // the server or its proxy failed (a restart): as a lost connection,
      answer = { status: 0, data: { error: state.texts.offline } }; // not a refusal: sent again
    }
    let retry = null;
    try { retry = answered(input, sent, answer, mine, order, held, flight); } finally { flight.land(); }
    if (retry) save(retry); // the kind or unit again, with what the page's own values stored
  }

  function emptied(input, blank) {
    // a text field whose saved answer was erased: blank as the page counts it (white space, zero-width
    // spaces), or as the server said (``blank``: lone accents, fillers)
    return input.tagName !== "SELECT" && !input.matches("[data-own-for]") && counted(input.dataset.saved || "") > 0
      && (blank || counted(input.value) === 0);
  }

  function putBack(input) {
    // the saved answer back in its erased field, said so: the page shows what the dossier holds (as the chat,
    // the gaps and the committee do), no empty text is kept on the phone, and Telegram no longer asks
    input.value = input.dataset.saved;
    refuse(input, undefined);
    grow(input);
    keepDraft(input);
    guard();
    say(input, state.texts.emptied, "error");
    if (statusOf(input)) show(statusOf(input));
  }

  function answered(input, sent, answer, mine, order, held, flight) {
    // a save's answer read: the field (and the page, for a kind or a unit) as the server has it; a kind or
    // unit refused for a value of its row the page itself sent after it (stored first): to send again
    input.busy = Math.max(0, input.busy - 1);
    if (!input.isConnected) input = document.getElementById(input.id) || input; // drawn again meanwhile
    if (mine < order.stored) { // a newer save of the field was stored and answered first: this one is past
      guard();
      again(input);
      return;
    }
    if (answer.status === 200) order.stored = mine;
    if (answer.status !== 200) termsBack(held);
    if (answer.status === 0) input.own = (input.own || []).concat([sent]).slice(-20); // maybe stored
    if (answer.status === 200) refuse(input, undefined);
    if (answer.status === 200 && answer.data.html) {
      state.dirty = state.dirty || answer.data.changed;
      input.dataset.saved = sent;
      input.firstUnit = Boolean(answer.data.field.first_unit); // what it cleared did not fit it
      draw(answer.data.html, input, answer.data.field.version); // a kind or a unit: the row's fields change
      return;
    }
    if (answer.status === 200) {
      const field = answer.data.field;
      input.own = []; // the server's value is known again
      input.dataset.expected = JSON.stringify(field.value);
      input.dataset.saved = sent;
      input.readAs = undefined;
      if (input.value === sent && (document.activeElement !== input || input.finished)) {
        input.value = field.text; // as the server read it: « 12,5 % », « mars 2027 »
        input.dataset.saved = field.text;
        grow(input);
      } else if (input.value === sent && field.text !== sent) {
        input.readAs = field.text; // still in the field: shown when they leave it (``readBack``)
      }
      remember(input, answer.data);
      const wrap = document.getElementById(input.id + "-wrap");
      if (wrap) wrap.classList.remove("missing");
      say(input, "✓ " + state.texts.saved, "saved", field.note); // kept, and said: a date after the target
      state.dirty = state.dirty || answer.data.changed;
      drawSummary(answer.data.summary);
      // a change to a dossier marked ready makes it a draft again: its status line says so
      const line = document.getElementById("status-line");
      if (line && answer.data.status) line.textContent = answer.data.status;
    } else if (answer.status === 409 && answer.data.conflict) {
      delete state.stored[input.id]; // what the page saved is no longer what the server holds
      conflict(input, sent, answer.data.conflict);
    } else if (answer.status === 409 && answer.data.terms && flight.after && clears(input)) {
      return input;
    } else if (answer.status === 409 && answer.data.terms) {
      input = termsChanged(input, sent, answer.data);
    } else if (answer.status === 403 && answer.data.gone && typeof answer.data.html === "string") {
      removedMeanwhile(input, answer.data);
      return; // kept as a removed row's text (keepGone), not as a draft of a field still there
    } else if (lockedMeanwhile(input, answer)) {
      return; // kept beside the page drawn read-only (keepGone), not as a draft of a field no longer there
    } else if (input.tagName === "SELECT") {
      // a kind or a unit not stored (the connection lost, or refused): the menu back on the dossier's, to
      // choose again; never sent later unseen (it clears the row's values), nor left showing what is not
      // stored, above the unit and values of the kind the row has
      input.value = input.dataset.saved || "";
      say(input, answer.status ? refusal(answer, input) : state.texts.offline_choice, "error");
      if (statusOf(input)) show(statusOf(input));
    } else if (answer.status === 422 && input.value === sent && emptied(input, answer.data.code === "empty")
      && (document.activeElement !== input || input.finished)) {
      putBack(input); // blank as the server reads it (lone accents, fillers): an erased answer too
    } else {
      if (answer.status) refuse(input, sent, answer.status === 422); // sent again only once changed (the connection lost: always)
      say(input, refusal(answer, input), "error", exampleFor(input, answer));
      if (statusOf(input)) show(statusOf(input));
    }
    keepDraft(input); // stored: forgotten on the phone; refused or failed: kept
    guard();
    again(input);
  }

  function again(input) {
    // what was typed while the save was on its way, sent once it is answered
    if (input.again) { const next = input.again; input.again = null; save(input, next.expected); }
  }

  function sendOrder(id) {
    // a field's saves in the order the page sent them, and the newest the server answered « stored » for
    // (by field id: the page may be drawn again meanwhile)
    if (!state.orders[id]) state.orders[id] = { sent: 0, stored: 0 };
    return state.orders[id];
  }

  function flying(input) {
    // a save on its way, until its answer is read (``land``): a kind or unit change of its row waits for
    // it; a value of the row sent while a kind or unit is on its way marks it (``after``): the server may
    // store the value first, which the kind or unit, sent with what the page showed before, would refuse
    let land;
    const flight = new Promise((resolve) => { land = resolve; });
    flight.row = input.dataset.entity + ":" + input.dataset.row;
    flight.clears = clears(input);
    flight.land = () => { state.flying.delete(flight); land(); };
    state.flying.forEach((other) => { if (!flight.clears && other.clears && other.row === flight.row) other.after = true; });
    state.flying.add(flight);
    return flight;
  }

  function rowSaved(input, own) {
    // the saves of its row on their way, but its own
    const row = input.dataset.entity + ":" + input.dataset.row;
    return Promise.all(Array.from(state.flying).filter((flight) => flight.row === row && flight !== own));
  }

  function clears(input) {
    // a kind or a unit: its change clears the row's values (the server's rule, the chat's)
    return input.dataset.entity === "indicator" && ["value_kind", "unit"].includes(input.dataset.name);
  }

  function shownValues(input) {
    // what the page showed of the values a kind or unit change clears (each field's ``data-expected``, as
    // stored): a colleague's change of one since is refused in the chat's words, not cleared unsaid
    const values = {};
    app.querySelectorAll("[data-field]").forEach((other) => {
      const row = other.dataset.entity === input.dataset.entity && other.dataset.row === input.dataset.row;
      if (!row || other.dataset.ownFor || !VALUES.includes(other.dataset.name) || other.dataset.name === input.dataset.name) return;
      try { values[other.dataset.name] = JSON.parse(other.dataset.expected); } catch (error) { /* not known: not sent */ }
    });
    return values;
  }

  function termsPending(select) {
    // the page's own change of a kind or a unit, sent: the row's values are typed in the terms it makes,
    // not compared with the old ones until its answer draws the row again (given back if it fails)
    const held = [];
    app.querySelectorAll("[data-terms]").forEach((other) => {
      if (other.dataset.entity !== select.dataset.entity || other.dataset.row !== select.dataset.row) return;
      held.push([other.id, other.dataset.terms]);
      delete other.dataset.terms;
    });
    return held;
  }

  function termsBack(held) {
    for (const [id, terms] of held) {
      const other = document.getElementById(id);
      if (other && other.dataset.terms === undefined) other.dataset.terms = terms;
    }
  }

  function termsChanged(input, sent, data) {
    // the indicator's kind or unit changed since the page showed them (a colleague's change, or the
    // visitor's elsewhere): nothing stored, said in the chat's words; the text stays in its field, not
    // sent again until changed, and the row is drawn in its new terms (its unit, its example)
    if (input.tagName === "SELECT") { // a kind or a unit not taken: the menu on the row's, to pick again
      input.value = data.value === null ? "" : data.value;
    } else refuse(input, sent, true);
    input.dataset.terms = JSON.stringify(data.terms);
    input.dataset.expected = JSON.stringify(data.value);
    input.goneSaid = data.error; // a unit typed in the coop's words, gone with the menu: kept under these words
    draw(data.html);
    const shown = document.getElementById(input.id) || input;
    const where = shown.isConnected ? shown : termsRow(input); // a unit's menu is gone from a text indicator
    say(where, data.error, "error terms");
    if (statusOf(where)) show(statusOf(where));
    return shown;
  }

  function termsRow(input) {
    // where the change is said when the field is gone with it (a unit, the indicator now a text or a yes/no):
    // under the row's kind, else at the top of the row, on a line made for it
    const same = "[data-entity='" + CSS.escape(input.dataset.entity) + "'][data-row='" + CSS.escape(input.dataset.row) + "']";
    const kind = app.querySelector("[data-field]" + same + "[data-name='value_kind']");
    if (kind) return kind;
    const row = document.getElementById(input.dataset.entity + "-" + input.dataset.row);
    if (!row) return input;
    if (!document.getElementById(row.id + "-status")) {
      const line = document.createElement("p");
      line.id = row.id + "-status";
      line.setAttribute("aria-live", "polite");
      const heading = row.querySelector("h4, h5");
      if (heading) heading.after(line); else row.prepend(line);
    }
    return row;
  }

  function lockedMeanwhile(input, answer) {
    // the dossier submitted (or closed) since the page was drawn, in the chat: the page drawn again at once,
    // read-only, as the server has it; every text typed and not stored kept beside it to copy, under the
    // true reason; a change with no text kept (a tick, a menu) says it at the top, under the page's 🔒
    if (answer.status !== 403 || !answer.data.locked || typeof answer.data.html !== "string") return false;
    draw(answer.data.html, undefined, undefined, answer.data.kept);
    const box = document.getElementById(input.id + "-gone");
    if (box) { show(box); return true; }
    const line = document.createElement("p");
    line.id = "locked-said";
    line.className = "status error";
    line.setAttribute("role", "alert");
    line.textContent = "🔒 " + answer.data.error;
    const lock = app.querySelector("#dossier header > .note") || document.getElementById("status-line");
    if (lock) { lock.after(line); show(line); }
    return true;
  }

  function removedMeanwhile(input, data) {
    // the row was removed meanwhile (a colleague's document, indicator or action): the page drawn again
    // without it, at once, as after a colleague's change; the text typed stays beside it to copy, under
    // the server's sentence naming what was removed
    input.goneSaid = data.error;
    draw(data.html);
    const box = document.getElementById(input.id + "-gone");
    if (box) show(box);
  }

  function refusal(answer, input) {
    // a page left open too long: in the page's own language, and the text typed is still in its field
    if (answer.status !== 401) return answer.data.error || state.texts.expired;
    return (input && input.value.trim() ? state.texts.expired_typed : state.texts.expired) || answer.data.error;
  }

  function conflict(input, mine, found, redrawn) {
    const old = document.getElementById(input.id + "-conflict");
    if (old) old.remove();
    say(input, "", "");
    const box = document.createElement("div");
    box.className = "conflict";
    box.id = input.id + "-conflict";
    box.setAttribute("role", "alert");
    // until a button is tapped, leaving the field saves nothing (the tap leaves it); what the box holds,
    // for a redraw of the page meanwhile to draw it again
    input.choosing = { mine: mine, found: found };
    const texts = state.texts;
    const lines = [
      // replaced by functions: a « $& » or « $' » typed in either value is shown as typed;
      // their own change in the chat is not a colleague's: said as theirs
      "⚠️ " + (found.elsewhere ? texts.elsewhere : texts.conflict).replace("{field}", () => input.dataset.label),
      (found.elsewhere ? texts.stored : texts.theirs).replace("{value}", () => found.shown),
      texts.mine.replace("{value}", () => mine),
    ];
    for (const line of lines) {
      const paragraph = document.createElement("p");
      paragraph.textContent = line;
      box.appendChild(paragraph);
    }
    const keepMine = document.createElement("button");
    keepMine.type = "button";
    keepMine.textContent = found.elsewhere ? texts.keep_page : texts.keep_mine;
    // the field's text as it stands (mine, and whatever was typed since), over the value found
    keepMine.addEventListener("click", () => { input.choosing = false; box.remove(); save(input, found.value); });
    const keepTheirs = document.createElement("button");
    keepTheirs.type = "button";
    keepTheirs.textContent = found.elsewhere ? texts.keep_stored : texts.keep_theirs;
    keepTheirs.addEventListener("click", () => {
      input.choosing = false;
      mine = input.value; // with whatever was typed since the box came
      notKept(input, box, mine); // stored nowhere: left beside the field to copy, not lost
      input.value = found.text;
      input.dataset.saved = found.text;
      input.dataset.expected = JSON.stringify(found.value);
      keepDraft(input); // theirs is kept: mine is beside the field, no longer a draft to bring back
      grow(input);
      guard(); // nothing of mine is waiting any more: Telegram no longer asks before closing
    });
    box.append(keepMine, keepTheirs);
    (document.getElementById(input.id + "-status") || input).after(box);
    if (!redrawn) show(box); // drawn again where it was: the page is not scrolled for it
  }

  function notKept(input, box, mine) {
    keptText(box, input.id, state.texts.not_kept, mine);
  }

  function keptText(box, id, sentence, text, closed) {
    // a text stored nowhere, in a box to copy it from, until the person closes it
    box.replaceChildren();
    box.setAttribute("role", "status");
    const said = document.createElement("p");
    said.id = id + "-kept-label";
    said.textContent = sentence;
    const kept = document.createElement("textarea");
    kept.id = id + "-kept";
    kept.setAttribute("aria-labelledby", said.id); // named by the sentence above it
    kept.readOnly = true;
    kept.value = text;
    requestAnimationFrame(() => grow(kept)); // as tall as its whole text, once on the page
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = state.texts.close;
    close.addEventListener("click", () => { box.remove(); if (closed) closed(); });
    box.append(said, kept, close);
  }

  function confirmed(message) {
    // Telegram's popup takes 256 characters at most (it throws beyond): a longer confirmation (a drop that
    // leaves its axis, the dossier and its readiness short) in the browser's own, as before Bot API 6.2
    return new Promise((resolve) => {
      const fits = message.length <= 256;
      if (fits && tg && tg.showConfirm && tg.isVersionAtLeast && tg.isVersionAtLeast("6.2")) tg.showConfirm(message, resolve);
      else resolve(window.confirm(message));
    });
  }

  async function choose(box, sure) {
    const focused = document.activeElement === box; // disabled meanwhile, it loses the focus: given back
    box.disabled = true;
    const dossier = Number(document.getElementById("dossier").dataset.dossier);
    const code = Number(box.dataset.engagement);
    // « sure »: which indicators and actions the confirmation named (the server's « seen »): only those go
    const change = { dossier: dossier, code: code, chosen: box.checked, confirmed: sure !== undefined };
    if (sure !== undefined) change.seen = sure;
    const answer = await call("POST", "engagement", change).catch(() => ({ status: 0, data: {} }));
    if (answer.status === 409 && answer.data.confirm && await confirmed(answer.data.confirm)) return choose(box, answer.data.seen);
    if (answer.status === 200) {
      state.dirty = state.dirty || answer.data.changed;
      draw(answer.data.html);
      tellNote(box.id, answer.data.note);
      const again = focused && document.getElementById(box.id);
      if (again) again.focus({ preventScroll: true });
      return;
    }
    if (lockedMeanwhile(box, answer)) return; // the page drawn read-only: nothing to tick any more
    if (answer.status === 409 && answer.data.html) {
      // a drop not confirmed: the page drawn as the server has it, with what the confirmation counted (a
      // colleague's indicator added since the page was drawn), the engagement still ticked
      draw(answer.data.html);
      const again = document.getElementById(box.id);
      if (again) again.focus({ preventScroll: true });
      return;
    }
    box.checked = !box.checked;
    box.disabled = false;
    box.focus({ preventScroll: true });
    // the connection or the server failed (a restart): said so, to do again what they did (ticked back, the
    // box was being unticked); a refusal says why
    const failed = answer.status === 0 || answer.status >= 500;
    const lost = box.checked ? state.texts.offline_untick : state.texts.offline_tick;
    if (failed || answer.data.error) window.alert(failed ? lost : refusal(answer));
  }

  async function add(form) {
    // one addition at a time: a second Enter, or a tap on the button, before the answer adds nothing
    if (form.busy) return;
    form.busy = true;
    const button = form.querySelector("button");
    // ➕ pressed from the keyboard: disabled meanwhile, it loses the focus; given back once added
    let pressed = false;
    try { pressed = Boolean(button) && button.matches(":focus-visible"); } catch (_) { /* an older web view */ }
    if (button) button.disabled = true;
    try { await addNow(form, pressed); } finally {
      form.busy = false;
      if (button) button.disabled = false;
    }
  }

  async function addNow(form, pressed) {
    const input = form.querySelector("[name=value]");
    const dossier = Number(document.getElementById("dossier").dataset.dossier);
    const body = form.dataset.add === "indicator"
      ? { dossier: dossier, code: Number(form.dataset.code), value: input.value }
      : { indicator: Number(form.dataset.indicator), value: input.value };
    const answer = await call("POST", form.dataset.add, body)
      .catch(() => ({ status: 0, data: {} }));
    if (answer.status === 200) {
      state.dirty = true;
      input.value = "";
      keepDraft(input); // added: no longer a draft
      grow(input);
      draw(answer.data.html);
      added(input.id, form.dataset.add, answer.data.note, pressed);
      return;
    }
    if (answer.status === 403 && answer.data.gone && typeof answer.data.html === "string") {
      removedMeanwhile(input, answer.data); // its engagement unticked, its indicator removed: the text kept aside
      return;
    }
    if (lockedMeanwhile(input, answer)) return; // the dossier submitted meanwhile: the text kept aside
    const failed = answer.status === 0 || answer.status >= 500;
    if (answer.status === 422) refuse(input, input.value, true); // a title refused (too long): said, until added
    say(input, failed ? state.texts.offline_add : refusal(answer, input), "error", failed ? "" : exampleFor(input, answer));
    show(statusOf(input));
    guard();
  }

  function added(id, kind, note, pressed) {
    // said under the form, as « ✓ saved » under a field, with what the chat adds (a dossier a draft again);
    // the form in hand (Enter in its field, ➕ from the keyboard), pushed down by the new row, is brought
    // back into view: else the focus is off-screen
    const field = document.getElementById(id);
    if (!field || !field.form) return; // the limit reached: the form gone, its hint bears the id
    say(field, "✓ " + state.texts["added_" + kind], "saved", note);
    const button = pressed && field.form.querySelector("button");
    if (button) button.focus({ preventScroll: true });
    const held = field.form.contains(document.activeElement) && document.activeElement;
    if (held) held.scrollIntoView({ block: "center" });
    else if (note) show(statusOf(field));
  }

  function flush() {
    // the page is hidden or closed: what waits for a pause in typing (or the field's blur) is sent now,
    // in requests that outlive the page, and so is what was typed while a save is on its way
    return unsaved()
      .filter((input) => input.matches("[data-field]") && input.value !== input.refused)
      .filter((input) => !input.busy || (input.flight && input.value !== input.flight.sent))
      .map((input) => save(input, undefined, true));
  }

  function tell(pending) {
    if (!state.session || !(state.dirty || pending)) return;
    state.dirty = false;
    call("POST", "closed", { session: state.session, pending: pending }, true).catch(() => {});
  }

  function report() {
    // leaving the app (closed, or hidden behind the chat): what is typed is saved, the chat told once;
    // told at once, with how many saves left with it (the page may be gone before their answers)
    tell(flush().length);
  }

  function backButton(link) {
    // Telegram's own ⬅ in its header, on a dossier opened from the committee's list: back to the list
    const back = tg && tg.BackButton;
    if (!back || (tg.isVersionAtLeast && !tg.isVersionAtLeast("6.1"))) return;
    if (!link) { back.hide(); return; } // the app's first page: the list, or a coop's own dossier
    back.onClick(() => link.click());
    back.show();
  }

  async function load() {
    if (!tg) { fail(""); return; } // Telegram's script did not arrive: a connection problem, not an expired page
    const query = new URLSearchParams(location.search);
    const dossier = query.get("dossier");
    // the committee's list asked for (« Back to the list »): one on a coop's team too gets it, not their dossier
    const asked = dossier ? "?dossier=" + encodeURIComponent(dossier) : query.get("list") ? "?list=1" : "";
    const answer = await call("GET", "page" + asked).catch(() => ({ status: 0, data: {} }));
    // a proxy's 502 while the bot restarts is a lost connection too, whatever it says
    const spoken = answer.language || "";
    if (answer.status === 401) { fail("", true, spoken); return; } // in the language chosen, with its way out
    if (answer.status !== 200) {
      const refused = answer.status && answer.status < 500; // the server's words, in its language
      fail(refused ? answer.data.error : "", false, refused ? spoken : "");
      return;
    }
    // a 200 that is not the page's answer (a Wi-Fi portal's or a proxy's page): a failed load too
    if (typeof answer.data.html !== "string" || !answer.data.texts) { fail(""); return; }
    state.session = answer.data.session;
    state.texts = answer.data.texts;
    document.documentElement.lang = answer.data.language;
    draw(answer.data.html);
    const shown = document.getElementById("dossier");
    state.dossier = shown ? shown.dataset.dossier : ""; // whose drafts are this page's
    state.own = Boolean(shown) && !dossier; // opened from the chat: the person's own coop's dossier
    // Telegram's ⬅: back to the list from a dossier opened there, or from the list to one's own coop's
    backButton(document.getElementById("to-list") || document.getElementById("to-own"));
    restoreDrafts();
    if (query.get("focus")) reveal(query.get("focus"));
  }

  applyTheme();
  if (tg) {
    tg.ready();
    tg.expand();
    if (tg.onEvent) tg.onEvent("themeChanged", applyTheme);
    if (tg.onEvent) tg.onEvent("viewportChanged", regrow);
  }
  window.addEventListener("resize", regrow);
  window.addEventListener("scroll", partsButton, { passive: true });
  document.addEventListener("focusin", partsButton);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") report(); });
  window.addEventListener("pagehide", report);
  load();
})();
