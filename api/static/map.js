/* armsgraph transfer-chain map.
 *
 * Everything drawn comes from the API: `map/start` (years covered, the first question,
 * regions), `map/items` and `map/origins` (the pickers, as the user types) and
 * `destinations?item=&origin=&as_of=` (the chains). One hop of the answer becomes one
 * line of the graph and one row of the table; both are styled by the same `hopLook`, so
 * the table's data attributes say exactly what the graph shows.
 *
 * Styling rules (shared with graph/draw.py for the static images):
 *   verdict -> colour (Okabe-Ito), icon and word, and arrow head
 *              open: bluish green, check, triangle; conditional: orange, diamond;
 *              blocked: vermillion, cross, bar ("tee")
 *   movement -> line pattern: delivered solid; planned, hypothetical or possible dashed;
 *               backfill dotted; uncertain as of the date (the date lies inside the period,
 *               a year say, that the hop's next stage is dated to) dash-dot
 *
 * Every route the graph knows is drawn at every date; a hop whose statements were all made
 * after the date (status "possible", evidence `stated_after_as_of`) reads
 * "possible re-export (stated later)", and its verdict is still the rules' of the date.
 */
"use strict";

(function () {
  const VERDICTS = {
    open: { colour: "#009E73", tint: "#e6f5ef", icon: "\u2714", word: "open", arrow: "triangle",
      meaning: "allowed" },
    conditional: { colour: "#E69F00", tint: "#fdf3e0", icon: "\u25C6", word: "conditional",
      arrow: "diamond",
      meaning: "allowed only if a condition is met (e.g. consent)" },
    blocked: { colour: "#D55E00", tint: "#fbe9df", icon: "\u2716", word: "blocked", arrow: "tee",
      meaning: "not allowed under the rules in force" },
    unknown: { colour: "#6E6E6E", tint: "#f0f0f0", icon: "?", word: "unknown", arrow: "triangle",
      meaning: "no rule found" },
  };
  const PATTERNS = {
    solid: { meaning: "delivered" },
    dashed: { meaning: "planned, hypothetical, or possible (stated later)" },
    dotted: { meaning: "backfill (replaces stock that goes elsewhere)" },
    uncertain: { meaning: "uncertain as of the date (maybe delivered: dated only to a period "
      + "that contains it)" },
  };
  const ORIGIN_COLOUR = "#0072B2";
  const LABEL_CHARS = 36;
  const LABEL_FONT = 13;
  const LABEL_LINE = 1.3;
  const MAX_ZOOM = 1.3;
  /** Below this zoom labels are too small to read: the canvas scrolls instead. */
  const MIN_ZOOM = 0.8;
  /** Destinations drawn at first; "Show all" draws the rest. */
  const TOP_N = 12;
  const INK = "#1a1a1a";
  /** The status of a hop whose statements were all made after the date asked about. */
  const POSSIBLE = "possible";

  const $ = (sel) => document.querySelector(sel);
  /** The region of a state that /map/start gives none (a non-state party, say). */
  const OTHER_REGION = "Other";
  const MORE_COLOUR = "#6E6E6E";
  /** The second line of a repeat box (a state drawn again at the end of another route). */
  const AGAIN = "(again)";
  const state = { meta: null, answer: null, cy: null, edges: new Map(), months: [],
    showAll: false, allRoutes: false, regions: new Set() };

  // ---------------------------------------------------------------- small helpers

  /** {id,label} objects, bare strings, or anything with a label: its display label. */
  /** States whose names are read with "the" in a sentence (graph/render/draw.py: WITH_THE). */
  const WITH_THE = new Set(["United States", "United Kingdom", "Netherlands",
    "United Arab Emirates", "Philippines", "Czech Republic", "Central African Republic",
    "Dominican Republic", "Bahamas", "Gambia", "Comoros", "Maldives", "Marshall Islands",
    "Solomon Islands", "Seychelles", "Soviet Union", "DR Congo", "Vatican City"]);

  /** A name as it reads in a sentence: "from the United States". */
  function inSentence(name) {
    return WITH_THE.has(name) ? `the ${name}` : name;
  }

  /** "Japan's", "the United States'". */
  function possessive(name) {
    const n = inSentence(name);
    return n.endsWith("s") ? `${n}'` : `${n}'s`;
  }

  function labelOf(x) {
    if (x == null) return "";
    if (typeof x === "string") return shortIri(x);
    if (x.label && x.reason) return `${x.label}: ${x.reason}`;
    return x.label || x.name || x.reason || shortIri(x.id || x.statement || "");
  }
  function idOf(x) {
    if (x == null) return "";
    if (typeof x === "string") return x;
    return x.id || x.rule || x.statement || x.label || "";
  }
  function shortIri(iri) {
    const m = /[#/]([^#/]+)$/.exec(iri);
    return m ? decodeURIComponent(m[1]) : iri;
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  function humanDate(iso) {
    if (!iso) return "";
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(iso));
    if (!m) return String(iso);
    if (!m[2]) return m[1];
    const month = MONTHS[Number(m[2]) - 1];
    return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
  }
  /** A SIPRI register row as words: designation, numbers, order and delivery years, comment. */
  function dealText(deal) {
    const unc = new Set(deal.uncertain || []);
    const parts = [deal.designation ? `SIPRI: '${deal.designation}'` : "SIPRI:"];
    if (deal.ordered != null) parts.push(`${deal.ordered}${unc.has("quantity") ? "?" : ""} ordered`);
    if (deal.order_year != null) parts.push(`${deal.order_year}${unc.has("orderYear") ? "?" : ""}`);
    let text = parts.join(" ");
    const years = deal.delivery_years || [];
    if (years.length || deal.delivered != null) {
      const n = deal.delivered != null
        ? `${deal.delivered}${unc.has("quantityDelivered") ? "?" : ""} ` : "";
      const span = years.length === 1 ? ` ${years[0]}`
        : years.length ? ` ${years[0]}\u2013${years[years.length - 1]}` : "";
      text += `, ${n}delivered${span}`;
    }
    if (deal.status && deal.status !== "New") text += ` (${deal.status.toLowerCase()})`;
    if (deal.lines) {  // one of several production lines: the numbers are the whole deal's
      const whole = [[deal.deal_ordered, "quantity", "ordered"],
        [deal.deal_delivered, "quantityDelivered", "delivered"]]
        .filter(([n]) => n != null).map(([n, f, w]) => `${n}${unc.has(f) ? "?" : ""} ${w}`);
      text += `; the whole deal${whole.length ? ": " + whole.join(", ") : ""} over ` +
        `${deal.lines} production lines (how many on this one is not said)`;
    }
    if (deal.comment) text += `; comment: '${deal.comment}'`;
    return text;
  }
  function shortDate(iso) {
    const m = /^(\d{4})(?:-(\d{2}))?/.exec(String(iso || ""));
    if (!m) return "";
    return m[2] ? `${MONTHS[Number(m[2]) - 1].slice(0, 3)} ${m[1]}` : m[1];
  }
  function verdictOf(v) {
    return VERDICTS[String(v || "").toLowerCase()] ? String(v).toLowerCase() : "unknown";
  }

  // ---------------------------------------------------------------- styling rules

  /** Line pattern of a hop: dotted for backfill, dash-dot when the data cannot tell how far
   *  it had got by the date (`uncertain`), dashed for not-yet-real, else solid. */
  function patternOf(hop, path) {
    const kind = String(hop.kind || "").toLowerCase();
    if (kind === "backfill" || (path.kind === "backfill" && kind === "")) return "dotted";
    if (hop.uncertain && hop.uncertain.what) return "uncertain";
    const status = String(hop.status || "").toLowerCase();
    if (kind === "delivered" || status === "delivered") return "solid";
    return "dashed";
  }

  /** "possible re-export (hypothetical)", "planned", "backfill (delivered)" … and, for a hop
   *  stated only after the date, "possible re-export (stated later)". */
  function movementText(hop) {
    const kind = String(hop.kind || "").replace(/_/g, " ");
    const status = String(hop.status || "");
    if (status === POSSIBLE) {
      return kind.startsWith("possible") ? `${kind} (stated later)`
        : `${kind || "hop"}, possible (stated later)`;
    }
    if (!kind) return status;
    return status && status !== kind ? `${kind} (${status})` : kind;
  }
  /** `text`, then "; maybe delivered by the date" when the date lies inside the period the
   *  hop's next stage is dated to (the answer's `uncertain`). */
  function withMaybe(text, hop) {
    const what = hop.uncertain && hop.uncertain.what;
    return what ? `${text}; maybe ${what} by the date` : text;
  }

  // ---------------------------------------------------------------- answer -> hops

  /**
   * Flatten the answer into drawn hops. Identical hops met on several paths (same ends,
   * kind, status and verdict) become one line that remembers every path it belongs to.
   *
   * A hop's verdict is the verdict of getting the item that far: the last hop of a path
   * carries the path's verdict (and its consent holders, blocks and risks); an earlier
   * hop carries the verdict of the path to its own end state when the answer lists one.
   */
  function flatten(answer) {
    const prefixVerdict = new Map();
    for (const dest of answer.destinations || []) {
      for (const path of dest.paths || []) {
        prefixVerdict.set(`${path.kind}|${routeKey(path.hops)}`, verdictOf(path.verdict));
      }
    }
    const edges = new Map();
    const rows = [];
    (answer.destinations || []).forEach((dest, di) => {
      (dest.paths || []).forEach((path, pi) => {
        const hops = path.hops || [];
        hops.forEach((hop, hi) => {
          const last = hi === hops.length - 1;
          let verdict;
          if (hop.verdict) verdict = verdictOf(hop.verdict);
          else if (last) verdict = verdictOf(path.verdict);
          else {
            verdict = prefixVerdict.get(`${path.kind}|${routeKey(hops.slice(0, hi + 1))}`)
              || prefixVerdict.get(`physical|${routeKey(hops.slice(0, hi + 1))}`)
              || verdictOf(path.verdict);
          }
          const pattern = patternOf(hop, path);
          const consent = hop.needs_consent_from || (last ? path.needs_consent_from : []) || [];
          const blocked = hop.blocked_by || (last ? path.blocked_by : []) || [];
          const risks = hop.risks || (last ? path.risks : []) || [];
          const allowed = hop.allowed_by || (last ? path.allowed_by : []) || [];
          const key = [idOf(hop.from), idOf(hop.to), hop.kind, hop.status, verdict, pattern]
            .join("|");
          let edge = edges.get(key);
          if (!edge) {
            edge = {
              key, id: `hop-${edges.size + 1}`, from: hop.from, to: hop.to, kind: hop.kind,
              status: hop.status, uncertain: hop.uncertain, dates: new Set(), verdict, pattern,
              consent: new Map(), blocked: new Map(), risks: new Map(), allowed: new Map(),
              evidence: new Map(), paths: [],
            };
            edges.set(key, edge);
          }
          if (hop.date) edge.dates.add(hop.date);
          for (const c of consent) edge.consent.set(idOf(c), c);
          for (const b of blocked) edge.blocked.set(idOf(b) || JSON.stringify(b), b);
          for (const r of risks) edge.risks.set(idOf(r) || JSON.stringify(r), r);
          for (const a of allowed) edge.allowed.set(idOf(a) || JSON.stringify(a), a);
          for (const ev of hop.evidence || []) {
            edge.evidence.set(ev.statement || ev.sentence || JSON.stringify(ev), ev);
          }
          edge.paths.push({ dest, path, di, pi });
          rows.push({ edge, dest, path, hop, di, pi, hi, verdict, pattern, consent, blocked,
            risks });
        });
      });
    });
    return { edges, rows };
  }

  function routeKey(hops) {
    if (!hops.length) return "";
    return [idOf(hops[0].from), ...hops.map((h) => idOf(h.to))].join(">");
  }
  function routeText(hops) {
    if (!hops.length) return "";
    return [labelOf(hops[0].from), ...hops.map((h) => labelOf(h.to))].join(" \u2192 ");
  }

  /** A state's region (`arms:region`, from /map/start's `regions`). */
  function regionOf(x) {
    const regions = (state.meta && state.meta.regions) || {};
    return regions[idOf(x)] || OTHER_REGION;
  }

  /** Destinations by region, `[[region, [destination …]] …]`, the largest region first
   * (then A-Z); each region keeps the answer's order. */
  function byRegion(dests) {
    const groups = new Map();
    for (const d of dests) {
      const r = regionOf(d.state);
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r).push(d);
    }
    return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  }

  /** "✔ 5 · ◆ 2": how many destinations of each verdict. */
  function verdictCounts(dests) {
    const n = new Map();
    for (const d of dests) n.set(verdictOf(d.verdict), (n.get(verdictOf(d.verdict)) || 0) + 1);
    return ["open", "conditional", "blocked", "unknown"].filter((k) => n.has(k))
      .map((k) => `${VERDICTS[k].icon} ${n.get(k)} ${VERDICTS[k].word}`).join(" \u00B7 ");
  }

  // ---------------------------------------------------------------- the graph

  function edgeLabel(edge) {
    const v = VERDICTS[edge.verdict];
    const first = [...edge.dates].sort()[0];
    const move = withMaybe([movementText(edge), shortDate(first)].filter(Boolean).join(", "),
      edge);
    const lines = [`${v.icon} ${v.word.toUpperCase()}${move ? " \u00B7 " + move : ""}`];
    for (const c of edge.consent.values()) lines.push(`\u2691 needs ${possessive(labelOf(c))} consent`);
    for (const b of edge.blocked.values()) lines.push(`\u2716 ${shortReason(b)}`);
    for (const ev of riskEvents([...edge.risks.values()])) lines.push(riskText(ev));
    return lines.flatMap((line) => wrapText(line, LABEL_CHARS)).join("\n");
  }

  /**
   * Risks one per event (`event`: the statements of one threat, read from a headline
   * and from quotes, share one): `[{lead, risks}]`, the lead being the event's own
   * statement when it is among them.
   */
  function riskEvents(risks) {
    const events = new Map();
    for (const r of risks) {
      const key = r.event || idOf(r);
      if (!events.has(key)) events.set(key, []);
      events.get(key).push(r);
    }
    return [...events].map(([key, rs]) => ({
      lead: rs.find((r) => idOf(r) === key) || rs[0], risks: rs }));
  }
  function riskText({ lead, risks }) {
    return `\u26A0 ${labelOf(lead)}${risks.length > 1 ? ` (stated ${risks.length} times)` : ""}`;
  }

  /** What blocks a hop, in a few words: the reason without its rule's prefix. */
  function shortReason(b) {
    if (!b || typeof b !== "object" || !b.reason) return labelOf(b);
    const parts = String(b.reason).split(": ");
    const tail = parts[parts.length - 1];
    // "prohibited (finished product …)" says less than the rule's own label
    return BARE_REASON.test(tail) && b.label ? b.label : tail;
  }
  const BARE_REASON = /^(prohibited|permitted|not permitted)\b/i;

  /** Break a line into lines of at most `width` characters, at spaces. */
  function wrapText(text, width) {
    const out = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) { out.push(line); line = word; }
      else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
    return out;
  }

  function nodeLabel(node) {
    const lines = [node.label];
    if (node.origin) lines.push("origin");
    else if (node.verdict) {
      const v = VERDICTS[node.verdict];
      lines.push(`${v.icon} ${v.word}`);
    }
    return lines.join("\n");
  }

  /**
   * The state each drawn state hangs from in the layout's tree: breadth first from the
   * origin over the hops in the answer's order (fewest hops, then the answer's order), as
   * `chainLayout` walks them. Returns `Map(state id -> id of the state it hangs from)`.
   */
  function treeParents(originId, edges) {
    const out = new Map();
    for (const e of edges.values()) {
      const f = idOf(e.from);
      if (!out.has(f)) out.set(f, []);
      out.get(f).push(idOf(e.to));
    }
    const parent = new Map([[originId, null]]);
    const queue = [originId];
    while (queue.length) {
      const u = queue.shift();
      for (const v of out.get(u) || []) {
        if (parent.has(v)) continue;
        parent.set(v, u);
        queue.push(v);
      }
    }
    return parent;
  }

  /**
   * Cytoscape elements: a node per state, and per hop a *label node* between two line
   * segments (state -> label -> state). The layout then gives every hop label its own
   * place, so labels never cover each other or the lines' patterns.
   *
   * With `repeat` (a large answer), a hop into a state that hangs from another state in
   * the layout's tree (a second-hand sale Netherlands → Jordan, when Jordan has its box one
   * hop from the United States) ends in a *repeat box* of that state under the hop's own
   * start (class `state again`, `data(state)` the state's id): the drawing stays a tree,
   * and no line runs across it to the state's first box.
   */
  function graphElements(answer, edges, more, repeat) {
    const nodes = new Map();
    const originId = idOf(answer.origin);
    const parent = repeat ? treeParents(originId, edges) : new Map();
    const endId = (e) => {
      const to = idOf(e.to);
      return repeat && parent.has(to) && parent.get(to) !== idOf(e.from) && to !== idOf(e.from)
        ? `again:${e.id}` : to;
    };
    const destVerdict = new Map();
    for (const d of answer.destinations || []) destVerdict.set(idOf(d.state), verdictOf(d.verdict));
    const addNode = (x) => {
      const id = idOf(x);
      if (!nodes.has(id)) {
        nodes.set(id, {
          id, label: labelOf(x), origin: id === originId || labelOf(x) === labelOf(answer.origin),
          verdict: destVerdict.get(id) || null,
        });
      }
    };
    if (answer.origin) addNode(answer.origin);
    for (const e of edges.values()) { addNode(e.from); addNode(e.to); }
    const out = [];
    const stateNode = (n, id, again) => {
      const text = again ? `${n.label}\n${AGAIN}` : nodeLabel(n);
      const longest = Math.max(...text.split("\n").map((t) => t.length));
      return {
        group: "nodes", classes: again ? "state again" : "state",
        data: {
          id, state: n.id, label: n.label, text, origin: n.origin ? "yes" : "no",
          again: again ? "yes" : "no", verdict: n.verdict || "none",
          colour: n.origin ? ORIGIN_COLOUR : (n.verdict ? VERDICTS[n.verdict].colour : INK),
          w: Math.max(110, longest * 10 + 30), h: text.includes("\n") ? 54 : 40,
        },
      };
    };
    for (const n of nodes.values()) out.push(stateNode(n, n.id, false));
    for (const e of edges.values()) {
      const end = endId(e);
      if (end !== idOf(e.to)) out.push(stateNode(nodes.get(idOf(e.to)), end, true));
    }
    for (const e of edges.values()) {
      const v = VERDICTS[e.verdict];
      const text = edgeLabel(e);
      const lines = text.split("\n");
      const common = {
        hop: e.id, verdict: e.verdict, pattern: e.pattern, colour: v.colour,
        from: labelOf(e.from), to: labelOf(e.to), kind: e.kind || "", status: e.status || "",
      };
      out.push({
        group: "nodes", classes: "hop",
        data: {
          id: e.id, text, tint: v.tint, ...common,
          w: Math.max(...lines.map((t) => t.length)) * LABEL_FONT * 0.62 + 20,
          h: lines.length * LABEL_FONT * LABEL_LINE + 14,
        },
      });
      out.push({ group: "edges", classes: "seg in",
        data: { id: `${e.id}:in`, source: idOf(e.from), target: e.id, arrow: "none", ...common } });
      out.push({ group: "edges", classes: "seg out",
        data: { id: `${e.id}:out`, source: e.id, target: endId(e), arrow: v.arrow, ...common } });
    }
    // The destinations not drawn, one box per region, tied to the origin: every
    // destination of the answer is on the canvas, drawn or counted.
    for (const [region, dests] of more || []) {
      const text = [`${region}: ${dests.length} more`, verdictCounts(dests), "click to draw"]
        .join("\n");
      const id = `more:${region}`;
      out.push({ group: "nodes", classes: "more",
        data: { id, region, count: dests.length, text,
          states: dests.map((d) => labelOf(d.state)).join("|"),
          w: Math.max(...text.split("\n").map((t) => t.length)) * 9.5 + 30, h: 74 } });
      // The tie runs through a point in the hop labels' column, level with the box, so it
      // fans out from the origin like the hops and crosses none of them.
      out.push({ group: "nodes", classes: "via", data: { id: `via:${region}`, w: 1, h: 1 } });
      out.push({ group: "edges", classes: "more-link",
        data: { id: `${id}:link`, source: originId, target: `via:${region}` } });
      out.push({ group: "edges", classes: "more-link",
        data: { id: `${id}:link2`, source: `via:${region}`, target: id } });
    }
    return out;
  }

  function cyStyle() {
    return [
      { selector: "node.state", style: {
        shape: "round-rectangle", width: "data(w)", height: "data(h)",
        "background-color": "#ffffff", "border-width": 3, "border-color": "data(colour)",
        label: "data(text)", "text-wrap": "wrap", "text-valign": "center",
        "text-halign": "center", "font-size": 16, "font-weight": "bold", color: INK,
        "font-family": "DejaVu Sans, Verdana, sans-serif", "line-height": 1.3,
      } },
      { selector: "node.state[origin = 'yes']", style: {
        "background-color": "#e8f1f8", "border-width": 4,
      } },
      { selector: "node.state.again", style: {
        "background-color": "#f7f7f7", "border-width": 2, "border-style": "double",
        "font-weight": "normal",
      } },
      { selector: "node.hop", style: {
        shape: "round-rectangle", width: "data(w)", height: "data(h)",
        "background-color": "data(tint)", "border-width": 2, "border-color": "data(colour)",
        label: "data(text)", "text-wrap": "wrap", "text-max-width": 1000,
        "text-valign": "center", "text-halign": "center", "font-size": LABEL_FONT,
        "line-height": LABEL_LINE, color: INK, "font-family": "DejaVu Sans, Verdana, sans-serif",
      } },
      { selector: "edge.seg", style: {
        width: 4, "curve-style": "bezier",
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "data(arrow)", "arrow-scale": 1.6,
      } },
      { selector: "edge.seg.in[end]", style: { "target-endpoint": "data(end)" } },
      { selector: "edge.seg[pattern = 'dashed']", style: {
        "line-style": "dashed", "line-dash-pattern": [12, 7],
      } },
      { selector: "edge.seg[pattern = 'uncertain']", style: {
        "line-style": "dashed", "line-dash-pattern": [16, 5, 3, 5],
      } },
      { selector: "edge.seg[pattern = 'dotted']", style: {
        "line-style": "dashed", "line-dash-pattern": [0.1, 9], "line-cap": "round", width: 5,
      } },
      { selector: "node.more", style: {
        shape: "round-rectangle", width: "data(w)", height: "data(h)",
        "background-color": "#f4f4f4", "border-width": 2, "border-style": "dashed",
        "border-color": MORE_COLOUR, label: "data(text)", "text-wrap": "wrap",
        "text-valign": "center", "text-halign": "center", "font-size": 15, color: INK,
        "font-family": "DejaVu Sans, Verdana, sans-serif", "line-height": 1.35,
      } },
      { selector: "node.region-head", style: {
        shape: "rectangle", width: 1, height: 1, "background-opacity": 0, "border-width": 0,
        label: "data(text)", "text-valign": "center", "text-halign": "center",
        "font-size": 15, "font-weight": "bold", color: "#4a4a4a", "text-transform": "uppercase",
        "font-family": "DejaVu Sans, Verdana, sans-serif", events: "no",
      } },
      { selector: "node.via", style: {
        width: 1, height: 1, "background-opacity": 0, "border-width": 0, events: "no",
      } },
      { selector: "edge.more-link", style: {
        width: 2, "curve-style": "bezier", "line-color": "#b0b0b0", "target-arrow-shape": "none",
      } },
      { selector: "edge.focused", style: { width: 6 } },
      { selector: "node.hop.focused", style: { "border-width": 4, "font-weight": "bold" } },
      { selector: "node.state.focused", style: {
        "underlay-color": "#000000", "underlay-opacity": 0.15, "underlay-padding": 6,
      } },
    ];
  }

  // ---------------------------------------------------------------- the layout

  /** Gap between columns and between boxes of one column (model px). */
  const COL_GAP = 34;
  const ROW_GAP = 14;
  /** More rows than this on one side: the chains fan out on both sides of the origin. */
  const ONE_SIDE_ROWS = 8;

  /**
   * Where everything goes: a tree from the origin by region, not a general graph layout.
   *
   * Every drawn state hangs from the state that first reaches it (fewest hops, then the
   * answer's order); the states one hop from the origin and the region boxes are grouped
   * by region (a heading per region when `headings`), the region's grey box after its
   * drawn states. A
   * small answer runs left to right; a larger one fans out to both sides of the origin,
   * whole regions to a side, so the lines from the origin stay short. A hop's label sits
   * in the column before its end state, on the line's level when it is the hop the state
   * hangs from, else halfway between its ends; a column's boxes are then pushed apart so
   * none covers another. Returns `{id: {x, y}}`, the headings' ids `head:<side>:<region>`
   * (side 1 right, -1 left) among them.
   */
  function chainLayout(cy, answer, more, headings) {
    const originId = idOf(answer.origin);
    const hops = cy.nodes(".hop");
    const out = new Map();   // state -> [hop node …] leaving it, in the answer's order
    for (const h of hops) {
      const from = h.incomers("edge").sources()[0];
      if (!from) continue;
      if (!out.has(from.id())) out.set(from.id(), []);
      out.get(from.id()).push(h);
    }
    const endOf = (h) => h.outgoers("edge").targets()[0];
    // Breadth first from the origin: depth and the state each state hangs from.
    const depth = new Map([[originId, 0]]);
    const parent = new Map();
    const children = new Map();
    const queue = [originId];
    while (queue.length) {
      const u = queue.shift();
      for (const h of out.get(u) || []) {
        const v = endOf(h);
        if (!v || depth.has(v.id())) continue;
        depth.set(v.id(), depth.get(u) + 1);
        parent.set(v.id(), { state: u, hop: h.id() });
        if (!children.has(u)) children.set(u, []);
        children.get(u).push(v.id());
        queue.push(v.id());
      }
    }
    // States the origin does not reach (a chain from elsewhere): one hop out.
    for (const n of cy.nodes(".state")) {
      if (depth.has(n.id())) continue;
      depth.set(n.id(), 1);
      if (!children.has(originId)) children.set(originId, []);
      children.get(originId).push(n.id());
    }
    const leaves = new Map();
    const countLeaves = (id) => {
      const kids = children.get(id) || [];
      const n = kids.length ? kids.reduce((s, k) => s + countLeaves(k), 0) : 1;
      leaves.set(id, n);
      return n;
    };
    // Units: a state one hop out with what hangs from it, or a region's grey box.
    const regionRank = new Map(byRegion(answer.destinations || []).map(([r], i) => [r, i]));
    const rank = (r) => (regionRank.has(r) ? regionRank.get(r) : regionRank.size);
    const blocks = new Map();
    for (const id of children.get(originId) || []) {
      const r = regionOf(id);
      if (!blocks.has(r)) blocks.set(r, []);
      blocks.get(r).push({ id, rows: countLeaves(id), deep: (children.get(id) || []).length > 0 });
    }
    for (const [region] of more || []) {
      if (!blocks.has(region)) blocks.set(region, []);
      blocks.get(region).push({ id: `more:${region}`, rows: 1, deep: false });
    }
    const ordered = [...blocks].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
    const rowsOf = (units) => units.reduce((s, u) => s + u.rows, 0);
    const total = ordered.reduce((s, [, units]) => s + rowsOf(units), 0);
    // Sides: everything right when it is small; else whole regions, those with longer
    // chains right (the left holds one hop), the others where fewer rows are.
    const side = { right: [], left: [] };
    if (total <= ONE_SIDE_ROWS) side.right = ordered;
    else {
      const rows = { right: 0, left: 0 };
      const put = (s, block) => { side[s].push(block); rows[s] += rowsOf(block[1]); };
      for (const block of ordered) if (block[1].some((u) => u.deep)) put("right", block);
      for (const block of ordered) {
        if (block[1].some((u) => u.deep)) continue;
        put(rows.left < rows.right ? "left" : "right", block);
      }
      // A region larger than the rest together: its last one-hop units go left.
      while (rows.right - rows.left > 2) {
        const block = [...side.right].reverse().find(([, units]) => units.some((u) => !u.deep));
        if (!block) break;
        const [region, units] = block;
        const i = units.findLastIndex((u) => !u.deep);
        const u = units[i];
        if (rows.left + u.rows > rows.right - u.rows) break;
        units.splice(i, 1);
        let into = side.left.find(([r]) => r === region);
        if (!into) { into = [region, []]; side.left.push(into); }
        into[1].unshift(u);
        rows.right -= u.rows; rows.left += u.rows;
      }
      side.right = side.right.filter(([, units]) => units.length);
      side.right.sort((a, b) => rank(a[0]) - rank(b[0]));
      side.left.sort((a, b) => rank(a[0]) - rank(b[0]));
    }
    const sideOf = new Map([[originId, 0]]);
    const width = (id) => cy.getElementById(id).data("w") || 0;
    const height = (id) => cy.getElementById(id).data("h") || (id.startsWith("head:") ? 20 : 0);
    // Rows: each state's level, a parent halfway between its first and last child.
    const rowH = 68;
    const headH = 30;
    const want = new Map();   // id -> desired y
    const heads = [];
    for (const s of ["right", "left"]) {
      let y = 0;
      const place = (id, sign) => {
        sideOf.set(id, sign);
        const kids = children.get(id) || [];
        if (!kids.length) { want.set(id, y + rowH / 2); y += rowH; return; }
        const top = y;
        for (const k of kids) place(k, sign);
        want.set(id, (top + y) / 2);
      };
      const sign = s === "right" ? 1 : -1;
      for (const [region, units] of side[s]) {
        if (headings) {
          const id = `head:${sign}:${region}`;
          heads.push(id);
          sideOf.set(id, sign);
          want.set(id, y + headH / 2);
          y += headH;
        }
        for (const u of units) {
          if (u.id.startsWith("more:")) {
            const via = `via:${u.id.slice(5)}`;
            sideOf.set(u.id, sign); want.set(u.id, y + rowH / 2 + 4);
            sideOf.set(via, sign); want.set(via, y + rowH / 2 + 4);
            y += rowH + 8;
          } else place(u.id, sign);
        }
        y += ROW_GAP;
      }
      // Centre the side on the origin's level.
      const mid = y / 2;
      for (const [id, v] of want) if (sideOf.get(id) === sign) want.set(id, v - mid);
    }
    want.set(originId, 0);
    // Columns: 0 the origin; on each side 2d-1 the labels of hops into depth d, 2d the states.
    const column = new Map([[originId, 0]]);
    for (const [id, d] of depth) if (id !== originId) column.set(id, (sideOf.get(id) || 1) * 2 * d);
    for (const [region] of more || []) {
      column.set(`more:${region}`, (sideOf.get(`more:${region}`) || 1) * 2);
      column.set(`via:${region}`, sideOf.get(`more:${region}`) || 1);
    }
    for (const id of heads) column.set(id, sideOf.get(id) * 2);
    for (const h of hops) {
      const from = h.incomers("edge").sources()[0];
      const to = endOf(h);
      if (!from || !to) continue;
      const cf = column.get(from.id()) || 0;
      const ct = column.get(to.id()) || 0;
      const tree = (parent.get(to.id()) || {}).hop === h.id();
      let c;
      if (to.id() === originId) c = cf - Math.sign(cf);
      else if (Math.abs(ct) > Math.abs(cf) && Math.sign(ct) === Math.sign(cf || ct)) c = ct - Math.sign(ct);
      else c = (Math.abs(cf) >= Math.abs(ct) ? cf : ct) + Math.sign(ct || cf || 1);
      column.set(h.id(), c);
      want.set(h.id(), tree ? want.get(to.id()) : (want.get(from.id()) + want.get(to.id())) / 2);
    }
    // Column x: each column as wide as its widest box.
    const cols = new Map();
    for (const [id, c] of column) {
      if (!cols.has(c)) cols.set(c, []);
      cols.get(c).push(id);
    }
    const colW = (c) => Math.max(0, ...(cols.get(c) || []).map(width));
    const xOf = new Map([[0, 0]]);
    const maxC = Math.max(0, ...cols.keys());
    const minC = Math.min(0, ...cols.keys());
    for (let c = 1; c <= maxC; c++) xOf.set(c, xOf.get(c - 1) + colW(c - 1) / 2 + COL_GAP + colW(c) / 2);
    for (let c = -1; c >= minC; c--) xOf.set(c, xOf.get(c + 1) - colW(c + 1) / 2 - COL_GAP - colW(c) / 2);
    // In each column, push boxes apart (keeping their order), then back towards their levels.
    const positions = {};
    for (const [c, ids] of cols) {
      const items = ids.map((id) => ({ id, y: want.get(id) || 0, h: height(id) }))
        .sort((a, b) => a.y - b.y || a.id.localeCompare(b.id));
      for (let i = 1; i < items.length; i++) {
        const min = items[i - 1].y + (items[i - 1].h + items[i].h) / 2 + ROW_GAP;
        if (items[i].y < min) items[i].y = min;
      }
      if (c !== 0 && items.length) {
        const shift = items.reduce((s, it) => s + (want.get(it.id) || 0) - it.y, 0) / items.length;
        for (const it of items) it.y += shift;
      }
      // Boxes line up on the edge that faces the origin, so the lines fanning out to them
      // end there and pass by no other box of the column.
      const near = c === 0 ? 0 : xOf.get(c) - Math.sign(c) * colW(c) / 2;
      for (const it of items) {
        const centred = c === 0 || it.id.startsWith("head:");
        positions[it.id] = { x: centred ? xOf.get(c) : near + Math.sign(c) * width(it.id) / 2,
          y: it.y };
      }
    }
    return positions;
  }

  function drawGraph(answer, edges, more) {
    if (state.cy) state.cy.destroy();
    const cy = cytoscape({
      container: $("#cy"),
      elements: graphElements(answer, edges, more, (answer.destinations || []).length > TOP_N),
      style: cyStyle(),
      layout: { name: "preset" },
      boxSelectionEnabled: false,
      autoungrabify: false,
    });
    const positions = chainLayout(cy, answer, more,
      (answer.destinations || []).length > TOP_N);
    cy.batch(() => {
      for (const [id, pos] of Object.entries(positions)) {
        if (!id.startsWith("head:")) continue;
        const region = id.slice(id.indexOf(":", 5) + 1);
        cy.add({ group: "nodes", classes: "region-head", data: { id, region, text: region },
          position: pos, selectable: false, grabbable: false });
      }
      cy.nodes().forEach((n) => { if (positions[n.id()]) n.position(positions[n.id()]); });
      // A hop's line meets its label on the side it comes from.
      cy.edges(".seg.in").forEach((e) => {
        const left = e.source().position("x") <= e.target().position("x");
        e.data("end", left ? "-50% 0%" : "50% 0%");
      });
    });
    fitGraph(cy, positions[idOf(answer.origin)]);
    const open = (evt) => openEvidence(evt.target.data("hop"), { focusPanel: false });
    cy.on("tap", "node.hop", open);
    cy.on("tap", "edge.seg", open);
    cy.on("tap", "node.state", (evt) => highlightState(evt.target.data("state")));
    cy.on("tap", "node.more", (evt) => drawRegion(evt.target.data("region")));
    state.cy = cy;
    window.cy = cy;
  }

  /** Size the canvas to the drawing: full width, as tall as needed, never too small text.
   * A drawing too wide for legible labels starts at its left edge with the origin in
   * view; the rest is dragged or scrolled. */
  function fitGraph(cy, origin) {
    const box = $("#cy");
    const pad = 24;
    const bb = cy.elements().boundingBox();
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM,
      (box.clientWidth - 2 * pad) / Math.max(bb.w, 1)));
    const height = Math.round(Math.min(720, Math.max(240, bb.h * zoom + 2 * pad)));
    box.style.height = `${height}px`;
    cy.resize();
    cy.fit(undefined, pad);
    if (cy.zoom() > MAX_ZOOM) { cy.zoom(MAX_ZOOM); cy.center(); }
    if (cy.zoom() < MIN_ZOOM) {
      // Legible labels first: zoom in and start at the origin; the rest is reached by
      // dragging or scrolling the canvas.
      cy.zoom(MIN_ZOOM);
      // From the drawing's left edge (a large answer's left side holds one hop, so the
      // origin is in view and as much as fits of the longer chains on its right); the
      // origin centred only when the left side alone is wider than the canvas.
      const o = origin || { x: bb.x1, y: bb.y1 };
      const fromLeft = pad - bb.x1 * MIN_ZOOM;
      const left = o.x * MIN_ZOOM + fromLeft > box.clientWidth / 2
        ? box.clientWidth / 2 - o.x * MIN_ZOOM : fromLeft;
      const top = bb.h * MIN_ZOOM + 2 * pad <= height ? pad - bb.y1 * MIN_ZOOM
        : height / 2 - o.y * MIN_ZOOM;
      cy.pan({ x: left, y: top });
    }
  }

  function renderLegend() {
    const box = $("#legend");
    const verdicts = el("div", { class: "legend-group" },
      el("span", { class: "legend-title", text: "Verdict (colour, symbol, arrow end):" }),
      ["open", "conditional", "blocked"].map((key) => {
        const v = VERDICTS[key];
        return el("span", { class: "legend-item", title: v.meaning },
          lineSample(v.colour, "solid", v.arrow),
          el("span", { class: "chip small", style: `--c:${v.colour}` }, `${v.icon} ${v.word}`),
          el("span", { text: v.meaning }));
      }));
    const patterns = el("div", { class: "legend-group" },
      el("span", { class: "legend-title", text: "Line:" }),
      Object.entries(PATTERNS).map(([key, p]) => el("span", { class: "legend-item" },
        lineSample(INK, key, "triangle"), el("span", { text: p.meaning }))));
    box.replaceChildren(
      el("h2", { class: "visually-hidden", text: "How to read the map" }),
      verdicts, patterns,
      el("span", { class: "legend-note" },
        "\u2691 consent needed from the state named \u00B7 \u26A0 a threat or other risk" +
        " \u00B7 grey dashed box: destinations of a region not drawn yet (click to draw)"));
  }

  function lineSample(colour, pattern, arrow) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "56");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(ns, "line");
    Object.entries({ x1: 2, y1: 7, x2: 44, y2: 7, stroke: colour, "stroke-width": 3.5 })
      .forEach(([k, v]) => line.setAttribute(k, v));
    if (pattern === "dashed") line.setAttribute("stroke-dasharray", "8 5");
    if (pattern === "uncertain") line.setAttribute("stroke-dasharray", "10 3 2 3");
    if (pattern === "dotted") {
      line.setAttribute("stroke-dasharray", "1 5");
      line.setAttribute("stroke-linecap", "round");
    }
    svg.append(line);
    const head = document.createElementNS(ns, arrow === "tee" ? "rect" : "polygon");
    if (arrow === "tee") {
      Object.entries({ x: 45, y: 1, width: 4, height: 12, fill: colour })
        .forEach(([k, v]) => head.setAttribute(k, v));
    } else if (arrow === "diamond") {
      head.setAttribute("points", "44,7 49,2 54,7 49,12");
      head.setAttribute("fill", colour);
    } else {
      head.setAttribute("points", "44,2 54,7 44,12");
      head.setAttribute("fill", colour);
    }
    svg.append(head);
    return svg;
  }

  // ---------------------------------------------------------------- summary and table

  function pathConditions(p) {
    const out = [];
    for (const c of p.needs_consent_from || []) out.push(`\u2691 needs ${possessive(labelOf(c))} consent`);
    for (const b of p.blocked_by || []) out.push(`\u2716 ${shortReason(b)}`);
    for (const ev of riskEvents(p.risks || [])) out.push(riskText(ev));
    return out;
  }

  function routeKind(p) {
    if (p.kind === "backfill") return "backfill";
    return (p.hops || []).length > 1 ? "re-export" : "export";
  }

  function renderSummary(answer) {
    const item = labelOf(answer.item);
    const origin = labelOf(answer.origin);
    $("#question").textContent =
      `Where could ${item} from ${inSentence(origin)} go, as of ${humanDate(answer.as_of)}?`;
    const box = $("#summary");
    box.replaceChildren();
    const dests = answer.destinations || [];
    if (!dests.length) {
      box.append(el("p", { class: "none",
        text: `The graph knows no chain that takes ${item} from ${origin} anywhere.` }));
    }
    // One group per verdict, in the answer's order (open, conditional, blocked): a large
    // answer is read group by group, each collapsed to its heading until opened.
    const groups = new Map();
    for (const d of dests) {
      const key = verdictOf(d.verdict);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(d);
    }
    // A large answer: collapsed, and within each verdict grouped by region.
    const collapse = dests.length > TOP_N;
    for (const [key, list] of groups) {
      const v = VERDICTS[key];
      const regions = byRegion(list);
      const names = collapse
        ? regions.map(([r, ds]) => `${r} ${ds.length}`).join(" \u00B7 ")
        : `${list.slice(0, 6).map((d) => labelOf(d.state)).join(", ")}${list.length > 6 ? " …" : ""}`;
      const body = collapse
        ? regions.map(([r, ds]) => el("div", { class: "region-group", "data-region": r },
          el("h3", { class: "region", text: `${r} \u00B7 ${ds.length}` }),
          el("ul", { class: "summary" }, ds.map(destinationItem))))
        : el("ul", { class: "summary" }, list.map(destinationItem));
      const details = el("details", { class: "verdict-group", "data-verdict": key },
        el("summary", {},
          el("span", { class: "chip", style: `--c:${v.colour}` }, `${v.icon} ${v.word}`),
          " ", el("strong", { text: `${list.length} destination${list.length === 1 ? "" : "s"}` }),
          el("span", { class: "count", text: `: ${names}` })),
        body);
      details.open = !collapse;
      box.append(details);
    }
    if (answer.truncated) {
      box.append(el("p", { class: "none",
        text: "Only the first paths are shown: the search stopped at its limit." }));
    }
  }

  function destinationItem(d) {
    const v = VERDICTS[verdictOf(d.verdict)];
    const routes = el("ul", { class: "routes" }, (d.paths || []).map((p) => {
      const pv = VERDICTS[verdictOf(p.verdict)];
      const conds = pathConditions(p);
      return el("li", {},
        el("span", { class: "chip small", style: `--c:${pv.colour}` }, `${pv.icon} ${pv.word}`),
        ` ${routeKind(p)}: `,
        el("span", { class: "route", text: routeText(p.hops || []) }),
        p.kind === "backfill" && (p.hops || []).length ? el("span", { class: "conds",
          text: ` (${labelOf(p.hops[0].from)}'s items refill the stock of ` +
            `${labelOf(p.hops[p.hops.length - 1].from)}, whose own go on)` }) : "",
        conds.length ? el("span", { class: "conds", text: ` \u2014 ${conds.join("; ")}` }) : "");
    }));
    const presence = (d.presence || {}).status;
    return el("li", { "data-state": labelOf(d.state), "data-verdict": verdictOf(d.verdict),
                      "data-presence": presence || "" },
      el("span", { class: "chip", style: `--c:${v.colour}` }, `${v.icon} ${v.word}`),
      " ", el("strong", { class: "dest", text: labelOf(d.state) }),
      presence && presence !== "could go next" ? el("span", { class: "conds",
        text: ` \u2014 ${presence}${d.presence.since ? ` (delivered ${humanDate(d.presence.since)})` : ""}` })
        : "",
      d.verdict_basis === "no known rule" ? el("span", { class: "conds",
        text: " \u2014 no known rule" }) : "",
      routes);
  }

  /** "already there": delivered by the date, a fact rather than a question of rules. */
  const THERE = "already there";

  /**
   * The TOP_N destinations drawn first (their indices in the answer): those not known to
   * be there yet (could go next, possibly there) before those already there, each group
   * in the answer's own order. F-16 from the United States in 2024 has 25 states where
   * F-16s were delivered long ago ahead of Romania and Ukraine; the question is about the
   * latter.
   */
  function topDestinations(dests) {
    const known = (d) => ((d.presence || {}).status === THERE ? 1 : 0);
    return new Set(dests.map((d, di) => [known(d), di]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .slice(0, TOP_N).map(([, di]) => di));
  }

  /**
   * What is drawn: TOP_N destinations (`topDestinations`: those still in question first,
   * then the answer's own ranking: open before conditional before blocked, shortest and
   * best-attested chains first) and the regions
   * chosen since, or everything once "Show all" was pressed for this question. The
   * destinations left out are counted in one box per region (`more`); the table and the
   * list below always hold all of them.
   *
   * A large answer draws each destination by its best route only (the answer's first
   * path for it), so the drawing is a tree whose lines stay short: the other routes
   * (second-hand sales through other buyers, mostly) are rows of the table, and
   * "Draw every route" adds them.
   */
  function drawnParts(answer, edges) {
    const dests = answer.destinations || [];
    const total = dests.length;
    const note = $("#shown");
    const large = total > TOP_N;
    const top = topDestinations(dests);
    const wantedDest = (di) => !large || state.showAll || top.has(di) ||
      state.regions.has(regionOf(dests[di].state));
    const wanted = (p) => wantedDest(p.di) && (!large || state.allRoutes || p.pi === 0);
    const kept = new Map();
    for (const [key, e] of edges) {
      if (e.paths.some(wanted)) kept.set(key, e);
    }
    const drawn = new Set([idOf(answer.origin)]);
    for (const e of kept.values()) { drawn.add(idOf(e.from)); drawn.add(idOf(e.to)); }
    const more = byRegion(dests.filter((d) => !drawn.has(idOf(d.state))));
    const shown = total - more.reduce((n, [, ds]) => n + ds.length, 0);
    const passing = dests.filter((d, di) => !wantedDest(di) && drawn.has(idOf(d.state))).length;
    const routes = dests.reduce((n, d, di) => n + (wantedDest(di) ? (d.paths || []).length : 0), 0);
    const drawnRoutes = dests.reduce((n, d, di) => n + (wantedDest(di)
      ? (d.paths || []).filter((_p, pi) => wanted({ di, pi })).length : 0), 0);
    note.hidden = !large;
    if (!large) return { edges: kept, more };
    const chosen = [...state.regions].sort();
    const what = state.showAll ? `All ${total} destinations are drawn`
      : `${shown} of ${total} destinations are drawn: ${topText(dests, top)}` +
        `${chosen.length ? `, ${chosen.join(", ")}` : ""}` +
        (passing ? `, and ${passing} state${passing === 1 ? "" : "s"} their chains pass through`
          : "");
    const how = state.allRoutes ? ", by every route."
      : `, each by its best route (${routes - drawnRoutes} other route` +
        `${routes - drawnRoutes === 1 ? "" : "s"} in the table).`;
    const rest = more.length ? " The others are counted by region in the grey boxes; every " +
      "one is listed below." : "";
    const routesButton = routes > drawnRoutes || state.allRoutes
      ? el("button", { type: "button", id: state.allRoutes ? "best-routes" : "all-routes",
        onclick: () => { state.allRoutes = !state.allRoutes; render(state.answer); } },
      state.allRoutes ? "Best routes only" : `Draw every route (${routes})`) : null;
    note.replaceChildren(what + how + rest,
      state.showAll
        ? el("button", { type: "button", id: "show-top",
          onclick: () => { state.showAll = false; state.regions.clear(); render(state.answer); } },
        `Draw the first ${TOP_N} only`)
        : el("button", { type: "button", id: "show-all",
          onclick: () => { state.showAll = true; render(state.answer); } },
        `Show all ${total}`),
      routesButton,
      ...more.map(([region, ds]) => el("button", { type: "button", class: "draw-region",
        "data-region": region, onclick: () => drawRegion(region) },
      `Draw ${region} (${ds.length})`)));
    return { edges: kept, more };
  }

  /** What the TOP_N drawn first are, in words. */
  function topText(dests, top) {
    const pending = [...top].filter((di) => (dests[di].presence || {}).status !== THERE).length;
    const order = "(open first, then conditional, then blocked)";
    if (!pending) return `the first ${TOP_N} ${order}`;
    if (pending === top.size) return `the first ${TOP_N} not known to be there yet ${order}`;
    return `the ${pending} not known to be there yet, then the first ${top.size - pending} ` +
      `already there ${order}`;
  }

  /** Draw a region's destinations too (from its grey box or its button). */
  function drawRegion(region) {
    state.regions.add(region);
    render(state.answer);
  }

  function conditionsText(row) {
    const out = [];
    for (const c of row.consent) out.push(`\u2691 needs consent from ${labelOf(c)}`);
    for (const b of row.blocked) out.push(`\u2716 blocked by ${labelOf(b)}`);
    for (const ev of riskEvents(row.risks)) out.push(riskText(ev));
    return out;
  }

  function renderTable(rows) {
    const body = $("#paths-table tbody");
    body.replaceChildren();
    if (!rows.length) {
      body.append(el("tr", {}, el("td", { colspan: 6, text: "No paths." })));
      return;
    }
    for (const row of rows) {
      const v = VERDICTS[row.verdict];
      const conditions = conditionsText(row);
      const tr = el("tr", {
        tabindex: 0, class: "hop-row",
        "data-edge": row.edge.id, "data-destination": labelOf(row.dest.state),
        "data-from": labelOf(row.hop.from), "data-to": labelOf(row.hop.to),
        "data-from-id": idOf(row.hop.from), "data-to-id": idOf(row.hop.to),
        "data-path-kind": row.path.kind, "data-hop-kind": row.hop.kind || "",
        "data-status": row.hop.status || "", "data-verdict": row.verdict,
        "data-line": row.pattern, "data-colour": v.colour,
        "aria-label": `${labelOf(row.hop.from)} to ${labelOf(row.hop.to)}, ` +
          `${withMaybe(movementText(row.hop), row.hop)}, ${v.word}. Press Enter for evidence.`,
        onclick: () => openEvidence(row.edge.id, { focusPanel: false }),
        onkeydown: (evt) => {
          if (evt.key === "Enter" || evt.key === " ") {
            evt.preventDefault();
            openEvidence(row.edge.id, { focusPanel: true });
          }
        },
      },
      row.hi === 0 ? el("td", {}, el("strong", { text: labelOf(row.dest.state) }), " ",
        el("span", { class: "chip small", style: `--c:${VERDICTS[verdictOf(row.dest.verdict)].colour}` },
          VERDICTS[verdictOf(row.dest.verdict)].word)) : el("td", { class: "cont", text: "" }),
      el("td", { text: row.hi === 0 ? `${routeKind(row.path)}: ${routeText(row.path.hops)}` : "" }),
      el("td", {}, `${labelOf(row.hop.from)} \u2192 ${labelOf(row.hop.to)}`),
      el("td", {}, lineSample(INK, row.pattern, "triangle"),
        " " + withMaybe(`${movementText(row.hop)}${row.hop.date ? " \u00B7 "
          + humanDate(row.hop.date) : ""}`, row.hop)),
      el("td", {}, el("span", { class: "chip", style: `--c:${v.colour}` }, `${v.icon} ${v.word}`)),
      el("td", {}, conditions.length ? conditions.join("; ") : "\u2014"));
      body.append(tr);
    }
  }

  // ---------------------------------------------------------------- evidence panel

  function openEvidence(edgeId, { focusPanel }) {
    const edge = [...state.edges.values()].find((e) => e.id === edgeId);
    if (!edge) return;
    const v = VERDICTS[edge.verdict];
    const panel = $("#evidence");
    panel.dataset.edge = edge.id;
    const items = [];
    const sources = [];
    items.push(el("h2", { text: `Evidence: ${labelOf(edge.from)} \u2192 ${labelOf(edge.to)}` }));
    items.push(el("p", { class: "hop-facts" },
      el("span", { class: "chip", style: `--c:${v.colour}` }, `${v.icon} ${v.word}`), " ",
      withMaybe(`${movementText(edge) || "hop"}${edge.dates.size
        ? ` \u00B7 ${[...edge.dates].sort().map(humanDate).join(", ")}` : ""}`, edge)));
    const conds = el("ul", { class: "conditions" });
    for (const c of edge.consent.values()) {
      conds.append(el("li", { class: "consent", "data-consent": labelOf(c) },
        `\u2691 Needs consent from ${labelOf(c)}`));
    }
    for (const b of edge.blocked.values()) {
      conds.append(el("li", { class: "blocked" }, `\u2716 Blocked by ${labelOf(b)}`,
        detailOf(b)));
    }
    for (const ev of riskEvents([...edge.risks.values()])) {
      conds.append(el("li", { class: "risk", "data-risk": labelOf(ev.lead),
        "data-statements": ev.risks.length }, riskText(ev), detailOf(ev.lead),
      ev.risks.length > 1 ? el("ul", { class: "risk-statements" },
        ev.risks.map((r) => el("li", { text: labelOf(r) }))) : ""));
    }
    for (const a of edge.allowed.values()) {
      conds.append(el("li", { class: "allowed" }, `\u2714 Allowed by ${labelOf(a)}`));
    }
    if (conds.children.length) items.push(conds);
    items.push(el("p", { class: "paths-note" },
      `On ${edge.paths.length === 1 ? "the path" : "the paths"}: `,
      edge.paths.map((p) => `${routeText(p.path.hops)} (${p.path.kind}, ` +
        `${VERDICTS[verdictOf(p.path.verdict)].word})`).join("; ")));
    // One entry per sentence and source: several statements may rest on one sentence.
    const bySentence = new Map();
    const addEvidence = (ev) => {
      // A register row (SIPRI) has no sentence: each deal is its own entry.
      const key = ev.deal ? `deal|${ev.statement}` : `${ev.sentence}|${idOf(ev.source)}`;
      if (!bySentence.has(key)) bySentence.set(key, { ...ev, statements: [], reviews: {} });
      const entry = bySentence.get(key);
      if (ev.statement) entry.statements.push(ev.statement);
      if (ev.statement && ev.review) entry.reviews[ev.statement] = ev.review;
      // A sentence is "stated later" or "about a wider system" only if all its statements are.
      entry.stated_after_as_of = Boolean(entry.stated_after_as_of && ev.stated_after_as_of);
      entry.broader_item = Boolean(entry.broader_item && ev.broader_item);
    };
    edge.evidence.forEach(addEvidence);
    for (const r of edge.risks.values()) {
      if (r.sentence) addEvidence({ statement: r.statement, sentence: r.sentence, about: "risk" });
    }
    const evidence = [...bySentence.values()];
    sources.push(el("h3", { text: evidence.length ? "What the sources say" :
      "No sentence in the graph supports this hop directly." }));
    const list = el("ol", { class: "evidence-list" });
    for (const ev of evidence) list.append(evidenceItem(ev));
    if (evidence.length) sources.push(reviewerField(), list);
    panel.replaceChildren(el("div", { class: "cols" }, el("div", {}, items),
      el("div", { class: "sources" }, sources)));
    if (state.cy) {
      state.cy.elements().removeClass("focused");
      state.cy.elements(`[hop = "${edge.id}"]`).addClass("focused");
    }
    document.querySelectorAll(".hop-row").forEach((tr) =>
      tr.classList.toggle("active", tr.dataset.edge === edge.id));
    if (focusPanel) panel.focus();
  }

  function detailOf(x) {
    if (!x || typeof x !== "object") return null;
    const bits = [];
    if (x.kind) bits.push(x.kind);
    if (x.consequence) bits.push(`consequence: ${x.consequence}`);
    if (x.date) bits.push(humanDate(x.date));
    return bits.length ? el("span", { class: "detail", text: ` (${bits.join("; ")})` }) : null;
  }

  function evidenceItem(ev) {
    const src = ev.source || {};
    const sourceLine = el("p", { class: "source" });
    const fillSource = (source) => {
      const title = source.title || labelOf(source) || "source not recorded";
      const meta = [];
      if (source.outlet) meta.push(source.outlet);
      if (source.issued) meta.push(`published ${humanDate(source.issued)}`);
      sourceLine.replaceChildren("\u2014 ",
        source.url ? el("a", { href: source.url, target: "_blank", rel: "noopener" }, title)
          : el("span", { text: title }),
        meta.length ? `, ${meta.join(", ")}` : "");
    };
    fillSource(src);
    const facts = el("ul", { class: "facts-of" });
    for (const iri of ev.statements || []) {
      const row = el("li", { "data-statement": iri }, el("span", { class: "fact-label",
        text: shortIri(iri) }));
      facts.append(row);
      const mark = (ev.reviews || {})[iri];
      factDetail(iri).then((fact) => {
        if (!fact) return;
        row.replaceChildren(el("span", { class: "fact-label", text: factTitle(fact) }),
          el("dl", { class: "ev-facts" }, factRows(fact).map(([k, v]) =>
            [el("dt", { text: k }), el("dd", { "data-field": k, text: v })])),
          reviewControls(iri, fact, mark));
        const full = fact.evidence && fact.evidence.source;
        if (full && (!src.title || full.outlet || full.issued)) fillSource({ ...src, ...full });
      });
    }
    return el("li", { class: "evidence-item" },
      ev.about ? el("p", { class: "about", text: `About the ${ev.about}:` }) : null,
      ev.stated_after_as_of ? el("p", { class: "about", "data-mark": "stated-later",
        text: "Stated after the date shown: on that date this route was only possible." })
        : null,
      ev.broader_item ? el("p", { class: "about", "data-mark": "broader-item",
        text: "About the wider system, which may include this item." }) : null,
      ev.before_arrival ? el("p", { class: "about", "data-mark": "before-arrival",
        text: "Delivered before the traced items could be there: the supplier's own stock." })
        : null,
      el("blockquote", { text: ev.sentence || (ev.deal ? dealText(ev.deal)
        : "(no sentence recorded)") }),
      sourceLine, facts);
  }

  // ---------------------------------------------------------------- analyst review

  /** Status words a correction may set, per fact type (graph/ingest.py's vocabulary). */
  const STATUSES = {
    ReExportConsent: ["granted", "refused", "requested", "required"],
    default: ["delivered", "planned", "reported", "requested", "refused", "hypothetical",
      "threatened"],
  };

  /** Accept / reject / correct one statement, or the review it already has. */
  function reviewControls(iri, fact, mark) {
    const box = el("div", { class: "review", "data-review-of": iri });
    if (mark) {
      box.append(el("p", { class: "review-mark", "data-review-action": mark.action,
        text: `\u2713 ${mark.text}${mark.reason ? ` \u2014 \u201C${mark.reason}\u201D` : ""}` }));
      return box;
    }
    const message = el("p", { class: "review-message", role: "status" });
    const form = el("form", { class: "review-form", hidden: "" });
    const button = (action, text) => el("button", { type: "button", "data-action": action,
      "aria-label": `${text}: ${factTitle(fact)}`, text });
    const accept = button("accept", "Accept");
    const reject = button("reject", "Reject");
    const correct = button("correct", "Correct");
    accept.addEventListener("click", () => sendReview({ action: "accept", statement: iri },
      message));
    const openForm = (action) => {
      const reason = el("input", { type: "text", name: "reason", required: action === "reject" ? "" : null,
        "aria-label": action === "reject" ? "Why is it wrong?" : "Why (optional)" });
      const fields = [el("label", {}, action === "reject" ? "Why is it wrong? " : "Why? ", reason)];
      let status = null;
      if (action === "correct") {
        status = el("select", { name: "status", "aria-label": "Corrected status" },
          (STATUSES[fact.type] || STATUSES.default).map((w) => el("option", { value: w, text: w })));
        fields.unshift(el("label", {}, "Status should be ", status));
      }
      const send = el("button", { type: "submit", "data-action": `send-${action}`,
        text: action === "reject" ? "Reject fact" : "Save correction" });
      const cancel = el("button", { type: "button", text: "Cancel" });
      cancel.addEventListener("click", () => { form.hidden = true; });
      form.replaceChildren(...fields, send, cancel);
      form.onsubmit = (e) => {
        e.preventDefault();
        const body = { action, statement: iri };
        if (reason.value.trim()) body.reason = reason.value.trim();
        if (status) body.change = { status: status.value };
        sendReview(body, message);
      };
      form.hidden = false;
      reason.focus();
    };
    reject.addEventListener("click", () => openForm("reject"));
    correct.addEventListener("click", () => openForm("correct"));
    box.append(el("div", { class: "review-buttons" }, accept, reject, correct), form, message);
    return box;
  }

  /** The name reviews are recorded under (kept in this browser). */
  function reviewerField() {
    const input = el("input", { id: "reviewer", type: "text", autocomplete: "name",
      value: localStorage.getItem("armsgraph.reviewer") || "" });
    return el("p", { class: "reviewer-box" },
      el("label", { for: "reviewer" }, "Reviewing as "), input,
      el("span", { class: "hint", text: " (accept, reject or correct a fact below; answers follow)" }));
  }

  /** The reviewer's name (asked once, kept in this browser). */
  function reviewerName() {
    const field = $("#reviewer");
    const name = (field && field.value.trim()) || "";
    if (name) localStorage.setItem("armsgraph.reviewer", name);
    return name;
  }

  async function sendReview(body, message) {
    const reviewer = reviewerName();
    if (!reviewer) {
      message.textContent = "Enter your name as reviewer first (above the evidence).";
      $("#reviewer").focus();
      return;
    }
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = sessionStorage.getItem("armsgraph.token");
    if (token) headers.Authorization = `Bearer ${token}`;
    message.textContent = "Saving\u2026";
    let res;
    try {
      res = await fetch("reviews", { method: "POST", headers,
        body: JSON.stringify({ ...body, reviewer }) });
    } catch (err) {
      message.textContent = `Could not reach the server: ${err}`;
      return;
    }
    if (!res.ok) {
      const problem = await res.json().catch(() => ({}));
      message.textContent = res.status === 401 || res.status === 403
        ? "This server needs the write token for reviews."
        : `Not saved: ${problem.detail || res.statusText}`;
      return;
    }
    const saved = await res.json();
    message.textContent = `Saved (${saved.action}). Updating the answer\u2026`;
    factCache.clear();
    await load();
  }

  /** A fact's label, or what it says from its type and roles when it has none. */
  function factTitle(fact) {
    if (fact.label) return fact.label;
    const roles = fact.roles || {};
    const names = (role) => (roles[role] || []).map((r) => r.label).join(", ");
    const who = names("supplier") && names("recipient")
      ? `${names("supplier")} \u2192 ${names("recipient")}`
      : Object.values(roles).flat().map((r) => r.label).join(", ");
    return `${fact.type || "fact"}${who ? ": " + who : ""}`;
  }

  function factRows(fact) {
    const rows = [];
    if (fact.type) rows.push(["fact", fact.type]);
    if (fact.status && fact.status.length) rows.push(["modality", fact.status.join(", ")]);
    if (fact.confidence != null) rows.push(["confidence", Number(fact.confidence).toFixed(2)]);
    if (fact.date) rows.push(["date", humanDate(fact.date)]);
    if (fact.extraction_rule) {
      rows.push(["from", fact.extraction_rule === "manual" ? "curated by hand"
        : `extracted (${fact.extraction_rule})`]);
    }
    return rows;
  }

  /** One statement's details from `GET /facts/{id}` (cached per page load). */
  const factCache = new Map();
  function factDetail(iri) {
    const m = /\/id\/(fact\/.+)$/.exec(iri || "");
    if (!m) return Promise.resolve(null);
    if (!factCache.has(iri)) {
      factCache.set(iri, fetch(`facts/${m[1]}`, { headers: { Accept: "application/json" } })
        .then((res) => (res.ok ? res.json() : null))
        .catch(() => null));
    }
    return factCache.get(iri);
  }

  function highlightState(id) {
    if (!state.cy) return;
    state.cy.elements().removeClass("focused");
    const node = state.cy.getElementById(id);
    if (node.nonempty()) {
      // the state's box and its repeat boxes (routes that end in it elsewhere)
      state.cy.nodes(".state").filter((n) => n.data("state") === id).addClass("focused");
      state.cy.animate({ center: { eles: node } }, { duration: 200 });
    }
    document.querySelectorAll(".hop-row").forEach((tr) =>
      tr.classList.toggle("active", tr.dataset.fromId === id || tr.dataset.toId === id));
  }

  // ---------------------------------------------------------------- controls

  function monthList(fromYear, toYear) {
    const out = [];
    for (let y = fromYear; y <= toYear; y += 1) {
      for (let m = 1; m <= 12; m += 1) out.push(`${y}-${String(m).padStart(2, "0")}`);
    }
    return out;
  }

  function setAsOf(iso, { fromSlider } = {}) {
    const dateInput = $("#as-of-date");
    dateInput.value = iso;
    const idx = state.months.indexOf(iso.slice(0, 7));
    if (!fromSlider && idx >= 0) $("#as-of-slider").value = String(idx);
    $("#as-of-label").textContent = humanDate(iso);
  }

  /** Put ``wanted`` (a label or id among ``entries``) in a picker, or its first entry. */
  function fillSelect(input, entries, wanted) {
    input.entries = entries;
    const match = entries.find((e) => wanted && (e.label === wanted || e.id === wanted)) ||
      entries.find((e) => wanted && e.label.toLowerCase() === String(wanted).toLowerCase());
    const chosen = match || (entries.includes(input.chosen) ? input.chosen : entries[0]);
    input.chosen = chosen || null;
    input.value = chosen ? chosen.label : "";
    input.dataset.id = chosen ? chosen.id : "";
  }

  /** Entries whose label matches ``text``: exact, then prefix, then word start, then inside. */
  function matching(entries, text) {
    const q = text.trim().toLowerCase();
    if (!q) return entries;
    const ranked = [];
    for (const e of entries) {
      const l = e.label.toLowerCase();
      const r = l === q ? 0 : l.startsWith(q) ? 1 : l.includes(` ${q}`) || l.includes(`-${q}`)
        ? 2 : l.includes(q) ? 3 : -1;
      if (r >= 0) ranked.push([r, e]);
    }
    ranked.sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label));
    return ranked.map((x) => x[1]);
  }

  const PICKER_ROWS = 40;

  /**
   * A type-ahead picker (ARIA combobox with a listbox): typing filters the entries,
   * ArrowDown/ArrowUp move through them, Enter or a click chooses, Escape closes and
   * restores the last choice. ``onChoose(entry)`` runs when the choice changes.
   */
  function setupPicker(input, onChoose) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    let shown = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    const mark = (i) => {
      active = i;
      [...list.querySelectorAll("li[role=option]")].forEach((li, j) => {
        li.setAttribute("aria-selected", String(j === i));
        if (j === i) {
          input.setAttribute("aria-activedescendant", li.id);
          li.scrollIntoView({ block: "nearest" });
        }
      });
    };
    const choose = (entry) => {
      close();
      const changed = entry !== input.chosen;
      input.chosen = entry;
      input.value = entry.label;
      input.dataset.id = entry.id;
      if (changed) onChoose(entry);
    };
    let asked = 0;
    const open = async (typed) => {
      const text = typed ? input.value : "";
      // A long list (every weapons system) is asked for as the user types; a short one
      // (the states of one item) is filtered here.
      let found;
      let total;
      if (input.lookup) {
        const seq = ++asked;
        const answer = await input.lookup(text);
        if (seq !== asked || document.activeElement !== input) return;
        found = answer.items;
        total = answer.total;
      } else {
        found = matching(input.entries || [], text);
        total = found.length;
      }
      shown = found.slice(0, PICKER_ROWS);
      list.replaceChildren(...shown.map((e, i) => {
        const li = el("li", { role: "option", id: `${list.id}-${i}`, "data-id": e.id,
          "aria-selected": "false" }, e.label);
        if (e.hint) li.append(el("span", { class: "hint", text: ` ${e.hint}` }));
        li.addEventListener("mousedown", (evt) => { evt.preventDefault(); choose(e); });
        return li;
      }));
      if (total > shown.length) {
        list.append(el("li", { class: "more", "aria-hidden": "true",
          text: `${total - shown.length} more \u2014 keep typing` }));
      }
      if (!total) list.append(el("li", { class: "more", text: "Nothing matches." }));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      mark(shown.length ? 0 : -1);
    };
    let typing = null;
    input.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => open(true), input.lookup ? 80 : 0);
    });
    input.addEventListener("focus", () => input.select());
    input.addEventListener("keydown", (evt) => {
      if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
        evt.preventDefault();
        if (list.hidden) { open(false); return; }
        const step = evt.key === "ArrowDown" ? 1 : -1;
        if (shown.length) mark((active + step + shown.length) % shown.length);
      } else if (evt.key === "Enter") {
        if (!list.hidden && active >= 0) { evt.preventDefault(); choose(shown[active]); }
      } else if (evt.key === "Escape") {
        close();
        if (input.chosen) input.value = input.chosen.label;
      }
    });
    input.addEventListener("blur", () => {
      close();
      if (input.chosen) input.value = input.chosen.label;
    });
  }

  /** GET a JSON answer of the API; a problem's detail as the error. */
  async function getJson(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error((body && (body.detail || body.title)) || res.statusText);
    return body;
  }

  /** The item picker's entries for what was typed, from `/map/items` (remembered). */
  const itemAnswers = new Map();
  function lookupItems(text) {
    const q = text.trim();
    if (!itemAnswers.has(q)) {
      itemAnswers.set(q, getJson(`map/items?${new URLSearchParams({ q, limit: PICKER_ROWS })}`)
        .catch(() => { itemAnswers.delete(q); return { items: [], total: 0 }; }));
    }
    return itemAnswers.get(q);
  }

  /** The states an item's chains start from (`/map/origins`, remembered per item). */
  const originAnswers = new Map();
  function originsFor(item) {
    const key = item ? item.id : "";
    if (!originAnswers.has(key)) {
      originAnswers.set(key, getJson(`map/origins${item ? `?${new URLSearchParams({ item: item.id })}` : ""}`)
        .catch((err) => { originAnswers.delete(key); throw err; }));
    }
    return originAnswers.get(key);
  }

  /** The state an item is made in (its maker), if the item's chains can start there. */
  function makerOf(item) {
    return item && item.maker && (item.origins || []).includes(item.maker) ? item.maker : null;
  }

  /** Switch to an item; the origin becomes its maker state (else stays, if possible). */
  async function chooseItem(item) {
    const origin = $("#origin");
    let origins;
    try {
      origins = await originsFor(item);
    } catch (err) {
      setStatus(`Cannot read where ${item.label} starts from: ${err.message}`, "error");
      return;
    }
    fillSelect(origin, origins, makerOf(item) || origin.dataset.id);
    load();
  }

  let timer = null;
  function scheduleLoad(delay) {
    clearTimeout(timer);
    timer = setTimeout(load, delay);
  }

  let requestSeq = 0;
  async function load() {
    const item = ($("#item").chosen || {}).label;
    const origin = ($("#origin").chosen || {}).label;
    const asOf = $("#as-of-date").value;
    if (!item || !origin || !asOf) return;
    const params = new URLSearchParams({ item, origin, as_of: asOf });
    if (`${item}|${origin}` !== state.question) {
      state.question = `${item}|${origin}`;
      state.showAll = false;
      state.allRoutes = false;
      state.regions.clear();
    }
    history.replaceState(null, "", `${location.pathname}?${params}`);
    const seq = ++requestSeq;
    setStatus("Loading\u2026", "loading");
    let answer;
    try {
      const res = await fetch(`destinations?${params}`, { headers: { Accept: "application/json" } });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const why = body && (body.detail || body.title) ? (body.detail || body.title) : res.statusText;
        if (seq === requestSeq) setStatus(`The API refused: ${why}`, "error");
        return;
      }
      answer = body;
    } catch (err) {
      if (seq === requestSeq) setStatus(`Cannot reach the API: ${err.message}`, "error");
      return;
    }
    if (seq !== requestSeq) return;
    render(answer);
    setStatus("", "ready");
  }

  function setStatus(text, kind) {
    const s = $("#status");
    s.textContent = text;
    s.dataset.state = kind;
    document.body.dataset.state = kind;
  }

  function render(answer) {
    state.answer = answer;
    window.mapAnswer = answer;  // the answer drawn, as received (read by the browser tests)
    const { edges, rows } = flatten(answer);
    state.edges = edges;
    renderSummary(answer);
    renderTable(rows);
    const drawn = drawnParts(answer, edges);
    drawGraph(answer, drawn.edges, drawn.more);
    const panel = $("#evidence");
    const keep = panel.dataset.edge && [...edges.values()].find((e) => e.id === panel.dataset.edge);
    if (!keep) {
      delete panel.dataset.edge;
      panel.replaceChildren(el("h2", { text: "Evidence" }), el("p", { class: "hint",
        text: "Click a line in the graph, or press Enter on a row of the table, to read the " +
          "sentences and sources behind that hop." }));
    } else {
      openEvidence(keep.id, { focusPanel: false });
    }
    document.body.dataset.asOf = answer.as_of || "";
  }

  // ---------------------------------------------------------------- search

  let searchTimer = null;
  function setupSearch() {
    const input = $("#search-q");
    const results = $("#search-results");
    const run = async () => {
      const q = input.value.trim();
      if (q.length < 2) { results.hidden = true; return; }
      let body;
      try {
        const res = await fetch(`entities?${new URLSearchParams({ q })}`,
          { headers: { Accept: "application/json" } });
        if (!res.ok) { results.hidden = true; return; }
        body = await res.json();
      } catch (err) {
        results.hidden = true;
        return;
      }
      const list = Array.isArray(body) ? body : (body.items || []);
      results.replaceChildren(...list.slice(0, 12).map((ent) => el("li", {},
        el("button", { type: "button", onclick: () => chooseEntity(ent) },
          el("strong", { text: labelOf(ent) }),
          (ent.types || []).length ? el("span", { class: "type", text: ` ${ent.types.join(", ")}` })
            : null))));
      if (!list.length) results.append(el("li", { class: "none", text: "Nothing found." }));
      results.hidden = false;
    };
    input.addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(run, 200);
    });
    $("#search").addEventListener("submit", (evt) => { evt.preventDefault(); run(); });
    input.addEventListener("keydown", (evt) => {
      if (evt.key === "Escape") results.hidden = true;
    });
  }

  async function chooseEntity(ent) {
    $("#search-results").hidden = true;
    const id = ent.iri || idOf(ent);
    const label = labelOf(ent);
    // A state on the map: shown at once (no item is drawn as a state).
    if (state.cy && state.cy.getElementById(id).nonempty()) { highlightState(id); return; }
    const found = await lookupItems(label);
    const item = found.items.find((i) => i.id === id) ||
      found.items.find((i) => i.label === label);
    if (item) {
      fillSelect($("#item"), [item], item.id);
      chooseItem(item);
      return;
    }
    const origins = await originsFor($("#item").chosen).catch(() => []);
    const origin = origins.find((o) => o.id === id || o.label === label);
    if (origin) {
      fillSelect($("#origin"), origins, origin.id);
      load();
      return;
    }
    setStatus(`${label} is not on this map${origins.length ? ` for ${$("#item").value}` : ""}.`,
      "ready");
  }

  // ---------------------------------------------------------------- start

  async function start() {
    renderLegend();
    setupSearch();
    // Only what the first paint needs (a few kB); the pickers ask as the user types.
    const params = new URLSearchParams(location.search);
    let meta;
    try {
      const asked = params.get("item");
      // An item the map does not list (an old link): the first question instead.
      meta = await getJson(`map/start?${new URLSearchParams(asked ? { item: asked } : {})}`)
        .catch((err) => (asked ? getJson("map/start") : Promise.reject(err)));
    } catch (err) {
      // A problem (409 when the graph is empty) says what to do in its detail.
      setStatus(`Cannot read what the graph holds: ${err.message}`, "error");
      return;
    }
    state.meta = meta;
    const itemInput = $("#item");
    itemInput.lookup = lookupItems;
    fillSelect(itemInput, meta.item ? [meta.item] : [], meta.item && meta.item.id);
    if (meta.item) originAnswers.set(meta.item.id, Promise.resolve(meta.origins));
    const origin = params.get("origin") || (params.get("item") ? makerOf(meta.item)
      : meta.default && meta.default.origin);
    fillSelect($("#origin"), meta.origins, origin);
    state.months = monthList(meta.first_year, meta.last_year);
    const slider = $("#as-of-slider");
    slider.min = "0";
    slider.max = String(state.months.length - 1);
    const dateInput = $("#as-of-date");
    dateInput.min = `${meta.first_year}-01-01`;
    dateInput.max = `${meta.last_year}-12-31`;
    setAsOf(params.get("as_of") || (meta.default && meta.default.as_of) ||
      `${state.months[state.months.length - 1]}-01`);
    setupPicker($("#item"), chooseItem);
    setupPicker($("#origin"), () => load());
    slider.addEventListener("input", () => {
      setAsOf(`${state.months[Number(slider.value)]}-01`, { fromSlider: true });
      scheduleLoad(250);
    });
    slider.addEventListener("change", () => scheduleLoad(0));
    dateInput.addEventListener("change", () => {
      if (dateInput.value) { setAsOf(dateInput.value); scheduleLoad(0); }
    });
    await load();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
