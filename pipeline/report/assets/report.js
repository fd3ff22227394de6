"use strict";
// The report's script: filters the claims, pages them, and draws the pair
// table, the network, the timeline and the article view from the inline data.
(function () {
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const PAGE_SIZE = 1000;
  const NETWORK_ACTORS = 40;
  const SVG = "http://www.w3.org/2000/svg";
  const state = { pair: "", label: "", minConfidence: 0, doc: "", page: 0 };
  let shown = [];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  // Red for tension, grey for an even balance, green for cooperation.
  function balanceColour(balance) {
    const [r0, g0, b0] = [150, 150, 160];
    const [r1, g1, b1] = balance < 0 ? [179, 54, 43] : [31, 122, 77];
    const t = Math.min(1, Math.abs(balance));
    return `rgb(${Math.round(r0 + (r1 - r0) * t)},${Math.round(g0 + (g1 - g0) * t)},${Math.round(b0 + (b1 - b0) * t)})`;
  }

  function trendText(trend) {
    if (trend === null) return "–";
    const arrow = trend > 0.05 ? "↗" : trend < -0.05 ? "↘" : "→";
    return `${arrow} ${trend > 0 ? "+" : ""}${trend.toFixed(2)}`;
  }

  function filtered() {
    const pairIndex = state.pair === "" ? -1 : Number(state.pair);
    const docIndex = state.doc === "" ? -1 : Number(state.doc);
    const result = [];
    DATA.claims.forEach((claim, index) => {
      if (pairIndex >= 0 && claim.p !== pairIndex) return;
      if (docIndex >= 0 && claim.d !== docIndex) return;
      if (state.label && claim.l !== state.label) return;
      if ((claim.c ?? 0) < state.minConfidence) return;
      result.push(index);
    });
    return result;
  }

  function buildFilters() {
    const pairs = document.getElementById("filter-pair");
    DATA.pairs.forEach((pair, i) => pairs.append(el("option", { value: i }, `${pair.key} (${pair.claims})`)));
    const labels = document.getElementById("filter-label");
    DATA.labels.forEach((label) => labels.append(el("option", { value: label }, label)));
    const docs = document.getElementById("filter-doc");
    DATA.docs.forEach((doc, i) => docs.append(el("option", { value: i }, doc.title === doc.doc ? doc.doc : `${doc.title} (${doc.doc})`)));
    const confidence = document.getElementById("filter-confidence");
    const onChange = () => {
      state.pair = pairs.value;
      state.label = labels.value;
      state.doc = docs.value;
      state.minConfidence = Number(confidence.value);
      document.getElementById("confidence-value").textContent = state.minConfidence.toFixed(2);
      state.page = 0;
      update();
    };
    for (const control of [pairs, labels, docs]) control.addEventListener("change", onChange);
    confidence.addEventListener("input", onChange);
    document.getElementById("page-prev").addEventListener("click", () => turnPage(-1));
    document.getElementById("page-next").addEventListener("click", () => turnPage(1));
  }

  function selectPair(index) {
    const select = document.getElementById("filter-pair");
    select.value = String(index);
    select.dispatchEvent(new Event("change"));
  }

  function turnPage(step) {
    const last = Math.max(0, Math.ceil(shown.length / PAGE_SIZE) - 1);
    state.page = Math.min(last, Math.max(0, state.page + step));
    renderClaims();
  }

  // A pair's claims by month, on the months of the whole report so rows line up.
  function sparkline(pair, months) {
    const most = Math.max(1, ...pair.timeline.map(([, c, t]) => c + t));
    const width = 120, height = 20, step = width / Math.max(1, months.length);
    const at = new Map(pair.timeline.map(([month, c, t]) => [month, [c, t]]));
    const drawing = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "sparkline" });
    months.forEach((month, i) => {
      const [cooperation, tension] = at.get(month) || [0, 0];
      const hc = (height * cooperation) / most, ht = (height * tension) / most;
      if (hc) drawing.append(svg("rect", { x: i * step, y: height - hc, width: Math.max(1, step - 1), height: hc, fill: "var(--coop)" }));
      if (ht) drawing.append(svg("rect", { x: i * step, y: height - hc - ht, width: Math.max(1, step - 1), height: ht, fill: "var(--tension)" }));
    });
    drawing.append(svg("title", {}, pair.timeline.length ? `${pair.timeline[0][0]} to ${pair.timeline[pair.timeline.length - 1][0]}` : "no dated claims"));
    return drawing;
  }

  function buildPairTable() {
    const body = document.getElementById("pairs-body");
    const months = [...new Set(DATA.pairs.flatMap((pair) => pair.timeline.map(([month]) => month)))].sort();
    DATA.pairs.forEach((pair, i) => {
      const width = (n) => `width:${(60 * n) / Math.max(1, pair.claims)}px`;
      const row = el("tr", { class: "pair", "data-pair": i },
        el("td", {}, pair.key),
        el("td", { class: "num" }, String(pair.claims)),
        el("td", { class: "num coop" }, String(pair.cooperation)),
        el("td", { class: "num tension" }, String(pair.tension)),
        el("td", {}, el("span", { class: "bar", style: `${width(pair.cooperation)};background:var(--coop)` }),
          el("span", { class: "bar", style: `${width(pair.tension)};background:var(--tension)` }),
          ` ${pair.balance > 0 ? "+" : ""}${pair.balance.toFixed(2)}`),
        el("td", { title: "later half's balance minus the earlier half's, by date" }, trendText(pair.trend)),
        el("td", {}, sparkline(pair, months)));
      row.addEventListener("click", () => selectPair(i));
      body.append(row);
    });
  }

  function buildNetwork() {
    const box = document.getElementById("network");
    const weight = new Map();
    DATA.pairs.forEach((pair) => pair.actors.forEach((actor) => weight.set(actor, (weight.get(actor) || 0) + pair.claims)));
    weight.delete("?");
    const actors = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a) || (a < b ? -1 : 1)).slice(0, NETWORK_ACTORS);
    const size = 420, centre = size / 2, radius = size / 2 - 50;
    const position = new Map(actors.map((actor, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, actors.length) - Math.PI / 2;
      return [actor, [centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)]];
    }));
    const mostClaims = Math.max(1, ...DATA.pairs.map((pair) => pair.claims));
    const drawing = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "network", role: "img", "aria-label": "Network of actors" });
    DATA.pairs.forEach((pair, i) => {
      const [a, b] = pair.actors.map((actor) => position.get(actor));
      if (!a || !b) return;
      const line = svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "edge", "data-pair": i,
        stroke: balanceColour(pair.balance), "stroke-opacity": 0.7, "stroke-width": 1 + (7 * pair.claims) / mostClaims },
        svg("title", {}, `${pair.key}: ${pair.cooperation} cooperation, ${pair.tension} tension`));
      line.addEventListener("click", () => selectPair(i));
      drawing.append(line);
    });
    const largest = Math.max(1, ...weight.values());
    for (const actor of actors) {
      const [x, y] = position.get(actor);
      drawing.append(svg("circle", { cx: x, cy: y, r: 4 + 8 * Math.sqrt(weight.get(actor) / largest), fill: "#446", stroke: "#fff" }));
      drawing.append(svg("text", { x: x, y: y - 12, "text-anchor": "middle" }, actor));
    }
    box.append(drawing);
  }

  function renderTimeline() {
    const box = document.getElementById("timeline");
    const index = state.pair === "" ? 0 : Number(state.pair);
    const pair = DATA.pairs[index];
    box.replaceChildren();
    if (!pair) return;
    const title = el("p", { class: "muted" }, `${pair.key}: claims by month (by event date, else article date)` +
      (pair.undated ? `; ${pair.undated} undated` : ""));
    box.append(title);
    if (!pair.timeline.length) {
      box.append(el("p", { class: "muted" }, "No dated claims for this pair."));
      return;
    }
    const width = 560, height = 140, step = width / pair.timeline.length;
    const most = Math.max(1, ...pair.timeline.map(([, c, t]) => c + t));
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height + 20}`, class: "timeline" });
    pair.timeline.forEach(([month, cooperation, tension], i) => {
      const x = i * step + step * 0.15, w = Math.max(1, step * 0.7);
      const hc = (height * cooperation) / most, ht = (height * tension) / most;
      drawing.append(svg("rect", { x, y: height - hc, width: w, height: hc, fill: "var(--coop)" },
        svg("title", {}, `${month}: ${cooperation} cooperation`)));
      drawing.append(svg("rect", { x, y: height - hc - ht, width: w, height: ht, fill: "var(--tension)" },
        svg("title", {}, `${month}: ${tension} tension`)));
      if (i === 0 || i === pair.timeline.length - 1 || pair.timeline.length <= 12) {
        drawing.append(svg("text", { x: x + w / 2, y: height + 14, "text-anchor": "middle" }, month));
      }
    });
    box.append(drawing);
  }

  function sentenceNode(claim) {
    const node = el("p", { class: "sentence" });
    let at = 0;
    for (const [start, end, role, actor] of claim.h) {
      node.append(claim.t.slice(at, start));
      node.append(el("mark", { class: role }, claim.t.slice(start, end), el("span", { class: "tag" }, actor ? `${role} ${actor}` : role)));
      at = end;
    }
    node.append(claim.t.slice(at));
    return node;
  }

  function claimNode(index) {
    const claim = DATA.claims[index];
    const doc = DATA.docs[claim.d];
    const confidence = claim.c === null || claim.c === undefined ? "–" : claim.c.toFixed(2);
    return el("div", { class: "claim", "data-claim": index, "data-label": claim.l },
      el("div", { class: "head" },
        el("span", { class: `label ${claim.l === "cooperation" ? "coop" : "tension"}` }, claim.l),
        el("span", {}, `confidence ${confidence}`),
        el("span", {}, DATA.pairs[claim.p].key),
        el("span", {}, claim.date || "undated"),
        el("span", {}, `model ${DATA.models[claim.m]}`),
        el("a", { href: `#doc=${claim.d}&start=${claim.s}` }, `${doc.title} (${doc.doc}) ${claim.s}–${claim.e}`)),
      sentenceNode(claim),
      el("ul", { class: "evidence" }, ...claim.v.map((item) => el("li", {}, item))));
  }

  function renderClaims() {
    const list = document.getElementById("claims");
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    const first = state.page * PAGE_SIZE;
    const fragment = document.createDocumentFragment();
    for (const index of shown.slice(first, first + PAGE_SIZE)) fragment.append(claimNode(index));
    list.replaceChildren(fragment);
    document.getElementById("page-info").textContent = `page ${state.page + 1} of ${pages}`;
    document.getElementById("pager").hidden = pages === 1;
  }

  function update() {
    shown = filtered();
    document.getElementById("shown-count").textContent = `${shown.length} of ${DATA.claims.length} claims`;
    document.querySelectorAll("tr.pair").forEach((row) => row.classList.toggle("selected", row.dataset.pair === state.pair));
    renderTimeline();
    renderClaims();
  }

  // The article view: the article's sentences, the chosen one marked and in view.
  function showArticle() {
    const view = document.getElementById("article-view");
    const params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("doc")) {
      view.hidden = true;
      return;
    }
    const docIndex = Number(params.get("doc")), start = Number(params.get("start"));
    const doc = DATA.docs[docIndex];
    if (!doc) return;
    const claimed = new Set(DATA.claims.filter((c) => c.d === docIndex).map((c) => c.s));
    const sentences = DATA.context[String(docIndex)] ||
      DATA.claims.filter((c) => c.d === docIndex).map((c) => [c.s, c.e, c.t]);
    const body = el("div");
    let paragraph = el("p"), previousEnd = null;
    for (const [s, e, text] of sentences) {
      if (previousEnd !== null && s - previousEnd > 1) {
        body.append(paragraph);
        paragraph = el("p");
      }
      const classes = [s === start ? "here" : "", claimed.has(s) ? "claimed" : ""].join(" ").trim();
      paragraph.append(el("span", { class: classes || null, "data-start": s }, text), " ");
      previousEnd = e;
    }
    body.append(paragraph);
    const close = el("a", { href: "#" }, "close");
    view.replaceChildren(close, el("h2", {}, doc.title),
      el("p", { class: "muted" }, [doc.doc, doc.date, doc.url].filter(Boolean).join(" · ")), body);
    view.hidden = false;
    const here = view.querySelector(".here");
    if (here) here.scrollIntoView({ block: "center" });
  }

  function start() {
    document.getElementById("summary").textContent =
      `${DATA.claims.length} claims (${DATA.labels.map((l) => `${DATA.counts[l] || 0} ${l}`).join(", ")}) ` +
      `in ${DATA.docs.length} articles, ${DATA.pairs.length} pairs of actors; model ${DATA.models.join(", ") || "–"}`;
    buildFilters();
    buildPairTable();
    buildNetwork();
    update();
    window.addEventListener("hashchange", showArticle);
    showArticle();
    document.body.dataset.ready = "true";
  }

  start();
})();
