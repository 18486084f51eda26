// The teacher's dashboard (and the projector page) in the browser: the class server's teacher API, drawn.
// Every text comes from /teacher/words (the same catalogue as the terminal dashboard); what students typed
// (their names) is only ever put in the page as text, never as HTML.
"use strict";

const POLL_MS = 1000;
const KEY = "wijkberaad-teacher-token";
const view = document.body.dataset.view;
const params = new URLSearchParams(location.search);
const lang = params.get("lang") === "en" ? "en" : "nl";
let token = takeToken();
let words = {};
let names = null;
let state = null;
let timer = null;

// The token arrives in the fragment (never sent to a server) or from the form; it stays in this tab only.
function takeToken() {
  const found = new URLSearchParams(location.hash.slice(1)).get("token");
  if (found) {
    sessionStorage.setItem(KEY, found);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY) || "";
}

function say(key, values = {}) {
  const text = words[key] || key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node[name] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

async function api(path, body) {
  const init = { headers: { Authorization: "Bearer " + token } };
  if (body !== undefined) {
    init.method = "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    const error = new Error(data.code || String(resp.status));
    error.code = resp.status === 401 ? "bad_token" : data.code;
    error.text = (data.text && data.text[lang]) || error.message;
    throw error;
  }
  return data;
}

async function loadWords() {
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const resp = await fetch(`/teacher/words?lang=${lang}`, { headers });
  if (resp.status === 401) {
    const plain = await (await fetch(`/teacher/words?lang=${lang}`)).json();
    words = plain.words;
    return false;
  }
  const data = await resp.json();
  words = data.words;
  names = data.names;
  return Boolean(names);
}

function fixedTexts() {
  document.documentElement.lang = lang;
  document.title = say(view === "projector" ? "teach.projector.title" : "teach.title");
  document.getElementById("title").textContent = document.title;
  const other = lang === "nl" ? "en" : "nl";
  const switchTo = document.getElementById("language");
  switchTo.textContent = say("teach.web.language");
  switchTo.href = `${location.pathname}?lang=${other}`;
  document.querySelector("label[for=token]").textContent = say("teach.web.token");
  document.getElementById("open").textContent = say("teach.web.open");
  document.getElementById("token-help").textContent = say("teach.web.token_help");
  document.getElementById("start").textContent = say("teach.key.start");
  document.getElementById("debrief").textContent = say("teach.key.debrief");
  document.getElementById("projector").textContent = say("teach.key.projector");
  document.getElementById("legend").textContent = view === "projector" ? "" : say("teach.legend");
  document.getElementById("pause-banner").textContent = say(view === "projector" ? "teach.projector.pause" : "teach.paused");
}

function showLogin(problem) {
  document.getElementById("login").hidden = false;
  document.getElementById("controls").hidden = true;
  showProblem(problem);
}

function showProblem(text) {
  const box = document.getElementById("problem");
  box.textContent = text || "";
  box.hidden = !text;
}

function note(text) {
  document.getElementById("note").textContent = text;
}

async function poll() {
  try {
    state = await api("/api/state");
    const skipped = Object.entries(state.unreadable || {}).map(([n, why]) =>
      say("teach.unreadable", { n, reason: why[lang] || why.nl })
    );
    showProblem(view === "projector" ? "" : skipped.join(" "));
    draw();
  } catch (error) {
    if (error.code === "bad_token") {
      stop();
      showLogin(say("teach.bad_token"));
    } else {
      showProblem(say("teach.unreachable", { reason: error.text || error.message }));
    }
  }
}

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
}

async function begin() {
  fixedTexts();
  if (!token) return showLogin("");
  const ok = await loadWords().catch(() => false);
  fixedTexts();
  if (!ok) return showLogin(say("teach.bad_token"));
  document.getElementById("login").hidden = true;
  document.getElementById("controls").hidden = view === "projector";
  const link = document.getElementById("projector");
  link.href = `/teacher/projector?lang=${lang}#token=${encodeURIComponent(token)}`;
  await poll();
  stop();
  timer = setInterval(poll, POLL_MS);
}

// -- drawing ------------------------------------------------------------------------------------------
function roleName(role) {
  const name = (names && names.roles[role]) || role;
  return name.replace(/^(de|het|een|the|a|an) /i, "");
}

function waited(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const m = Math.floor(whole / 60);
  const s = String(whole % 60).padStart(2, "0");
  return `${m}:${s}`;
}

function statusWord(table) {
  if (table.over) return say("teach.over");
  if (!table.started) return say("teach.not_started");
  return say("teach.year", { year: table.year, years: table.years });
}

function draw() {
  const tables = state.tables;
  const people = tables.reduce((n, t) => n + t.seats.filter((s) => s.name !== null).length, 0);
  const playing = tables.filter((t) => t.started && !t.over).length;
  const done = tables.filter((t) => t.over).length;
  const parts = [say("teach.summary", { tables: tables.length, people, playing, done })];
  if (view !== "projector") parts.push(say(state.locked ? "teach.locked" : "teach.open"));
  document.getElementById("summary").textContent = parts.join(" · ");
  document.getElementById("pause-banner").hidden = !state.paused;
  document.getElementById("pause").textContent = say("teach.key.pause");
  document.getElementById("lock").textContent = say("teach.key.lock");
  const grid = document.getElementById("grid");
  const cards = tables.map((t) => (view === "projector" ? projectorCard(t) : teacherCard(t)));
  if (!tables.length) cards.push(el("p", { textContent: say("teach.no_tables") }));
  grid.replaceChildren(...cards);
}

function header(table) {
  const title = el("h2", {}, say("teach.table", { n: table.table }), " ");
  title.append(el("span", { class: "status", textContent: "· " + statusWord(table) }));
  return title;
}

function eventLine(table) {
  const title = table.event ? table.event.title[lang] || table.event.title.nl : "—";
  return el("p", { class: "event", textContent: title });
}

function meters(table) {
  const box = el("div", { class: "meters" });
  for (const [id, value] of Object.entries(table.meters)) {
    const meter = (names && names.meters[id]) || { name: id, min: 0, max: 100 };
    box.append(
      el("span", { textContent: view === "projector" ? meter.name : meter.name.slice(0, 12) }),
      el("meter", { min: meter.min, max: meter.max, value, title: meter.name }),
      el("span", { textContent: String(Math.round(value)) })
    );
  }
  return box;
}

function teacherCard(table) {
  const card = el("section", { class: "card", id: `table-${table.table}` });
  card.classList.toggle("stuck", table.stuck);
  card.classList.toggle("over", table.over);
  const title = header(table);
  if (table.stuck) title.append(el("span", { class: "stuck-mark", textContent: say("teach.stuck") }));
  card.append(title, eventLine(table));
  const acting = table.started && !table.over ? table.turn : null;
  const list = el("ul", { class: "seats" });
  for (const seat of table.seats) list.append(seatLine(table, seat, acting));
  card.append(list);
  if (acting) {
    const who = acting === "news" ? say("teach.news") : roleName(acting);
    const line = say("teach.turn", { who }) + " · " + say("teach.waited", { time: waited(table.waiting) });
    card.append(el("p", { class: "turn", textContent: line }));
  }
  if (!table.started) {
    card.append(el("button", { textContent: say("teach.act.start"), onclick: () => startTables(table.table) }));
  }
  card.append(meters(table));
  return card;
}

function seatLine(table, seat, acting) {
  const item = el("li", { class: seat.role === acting ? "acting" : "" });
  let mark = "\u00a0";
  let markClass = "dot-none";
  if (seat.computer) mark = "⚙";
  else if (seat.name !== null) [mark, markClass] = seat.connected ? ["●", "dot-on"] : ["○", "dot-off"];
  let who = seat.name === null ? say("teach.empty") : seat.name;
  if (seat.name !== null && !seat.connected && !seat.computer) who += ` (${say("teach.away")})`;
  const prefix = seat.role === acting ? "▸ " : "";
  item.append(
    el("span", { class: markClass, textContent: mark }),
    el("span", { class: "who", textContent: `${prefix}${who} · ${roleName(seat.role)}` })
  );
  if (seat.name !== null) {
    item.append(el("button", { textContent: say("teach.key.kick"), onclick: () => kick(table, seat) }));
  }
  item.append(el("button", { textContent: say("teach.act.reseat"), onclick: () => reseat(table, seat) }));
  const toggle = seat.computer ? "teach.act.computer_off" : "teach.act.computer_on";
  item.append(el("button", { textContent: say(toggle), onclick: () => computer(table, seat) }));
  return item;
}

function projectorCard(table) {
  const card = el("section", { class: "card", id: `table-${table.table}` });
  card.classList.toggle("over", table.over);
  card.append(header(table), eventLine(table), meters(table));
  return card;
}

// -- the controls ---------------------------------------------------------------------------------------
function ask(text, tokenText = "") {
  const dialog = document.getElementById("dialog");
  document.getElementById("dialog-text").textContent = text;
  document.getElementById("dialog-token").textContent = tokenText;
  const yes = document.getElementById("dialog-yes");
  const no = document.getElementById("dialog-no");
  yes.textContent = say(tokenText ? "teach.confirm.ok" : "teach.confirm.yes");
  no.textContent = say("teach.confirm.no");
  no.hidden = Boolean(tokenText);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

async function act(doneKey, path, body, values = {}) {
  try {
    const reply = await api(path, body);
    if (doneKey) note(say(doneKey, values));
    await poll();
    return reply;
  } catch (error) {
    note(say("teach.refused", { reason: error.text || error.message }));
    return null;
  }
}

async function startTables(table) {
  const reply = await act(null, "/api/start", table === undefined ? {} : { table });
  if (reply) note(say("teach.done.started", { tables: reply.started.join(", ") || "—" }));
}

async function kick(table, seat) {
  if (await ask(say("teach.confirm.kick", { who: seat.name, n: table.table }))) {
    const values = { n: table.table, role: roleName(seat.role) };
    await act("teach.done.kick", "/api/kick", { table: table.table, role: seat.role }, values);
  }
}

async function reseat(table, seat) {
  const reply = await act(null, "/api/reseat", { table: table.table, role: seat.role });
  if (reply) {
    const title = say("teach.token.title", { n: table.table, role: roleName(seat.role) });
    await ask(title + "\n" + say("teach.token.hint"), reply.token);
  }
}

async function computer(table, seat) {
  const on = !seat.computer;
  const values = { n: table.table, role: roleName(seat.role) };
  const body = { table: table.table, role: seat.role, on };
  await act(on ? "teach.done.computer_on" : "teach.done.computer_off", "/api/computer", body, values);
}

async function debrief() {
  try {
    const reply = await api(`/teacher/debrief?lang=${lang}`, {});
    // Downloaded rather than shown here: this page's strict policy would keep the report's own styles out.
    const file = URL.createObjectURL(new Blob([reply.html], { type: "text/html" }));
    const link = el("a", { href: file, download: reply.path.split(/[\\/]/).pop() || `klasvergelijking-${lang}.html` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(file), 60000);
    note(say("teach.debrief.written", { path: reply.path || link.download }));
  } catch (error) {
    note(say("teach.debrief.failed", { reason: error.text || error.message }));
  }
}

document.getElementById("pause").addEventListener("click", () =>
  act(state && state.paused ? "teach.done.resumed" : "teach.done.paused", "/api/pause", { on: !(state && state.paused) })
);
document.getElementById("lock").addEventListener("click", () =>
  act(state && state.locked ? "teach.done.unlocked" : "teach.done.locked", "/api/lock", { on: !(state && state.locked) })
);
document.getElementById("start").addEventListener("click", async () => {
  if (await ask(say("teach.start_help"))) await startTables();
});
document.getElementById("debrief").addEventListener("click", debrief);
document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  token = document.getElementById("token").value.trim();
  sessionStorage.setItem(KEY, token);
  begin();
});

begin();
