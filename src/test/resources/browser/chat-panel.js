// AC-17's reading of the chat panel, run in the page: what the DOM holds under the panel, Markdown-rendered bodies
// included (text nodes, not the browser's idea of visible text), and where an answer's chunks show.
// arguments: [0] the panel's CSS selector, [1] the typed message, [2] the answer's chunks in order,
//            [3] how many times the typed message showed before it was sent
// returns: {text, found, missing, where, hidden}: the panel's text as read (one line per text node), how many chunks
// showed in order after the typed message, the first missing chunk's index (-1 when none is), the elements they
// showed in, and the chunks found in an element that is not on screen.
const [selector, message, chunks, before] = arguments;
// compared without whitespace and without Markdown's marks: a page renders "**a** b" as "a b", split over elements
const key = (s) => s.replace(/[\s*_`#>]+/g, "");
const roots = Array.from(document.querySelectorAll(selector));
const nodes = [];
let all = "";
for (const root of roots) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(n.parentElement.tagName)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const k = key(n.nodeValue);
    if (k.length === 0) continue;
    nodes.push({ node: n, from: all.length, to: all.length + k.length });
    all += k;
  }
}
const at = (offset) => nodes.find((x) => offset >= x.from && offset < x.to);
const shown = (el) => {
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.display === "none" || style.visibility === "hidden") return false;
  }
  const r = el.getBoundingClientRect();
  return el.getClientRects().length > 0 && r.width > 0 && r.height > 0;
};
const describe = (el) => {
  const name = (e) => e.tagName.toLowerCase() + (e.classList.length ? "." + Array.from(e.classList).join(".") : "");
  return el.parentElement && el.parentElement !== document.body ? name(el.parentElement) + " > " + name(el) : name(el);
};
// the answer follows the typed message: its first occurrence that was not there before it was sent
let from = 0;
const mk = key(message);
if (mk.length > 0) {
  let i = -1;
  for (let n = 0; n <= before; n++) {
    i = all.indexOf(mk, i + 1);
    if (i < 0) break;
  }
  if (i >= 0) from = i + mk.length;
}
let found = 0;
let missing = -1;
const where = [];
const hidden = [];
for (let c = 0; c < chunks.length; c++) {
  const ck = key(chunks[c]);
  if (ck.length === 0) { found++; continue; }
  const i = all.indexOf(ck, from);
  if (i < 0) { missing = c; break; }
  const el = at(i).node.parentElement;
  if (!shown(el)) hidden.push(c);
  const w = describe(el);
  if (!where.includes(w)) where.push(w);
  from = i + ck.length;
  found++;
}
return {
  text: nodes.map((x) => x.node.nodeValue.replace(/\s+/g, " ").trim()).join("\n"),
  found: found,
  missing: missing,
  where: where,
  hidden: hidden,
  occurrences: mk.length === 0 ? 0 : all.split(mk).length - 1,
};
