// sphinx-cv: Copy buttons for BibTeX blocks (made here: none without JS), labels from data-*.
document.querySelectorAll("details.cv-pub-bibtex").forEach((d) => {
  const pre = d.querySelector("pre");
  if (!pre || !navigator.clipboard) return;
  const b = document.createElement("button");
  const copy = d.dataset.copy || "Copy";
  b.type = "button";
  b.className = "cv-copy";
  b.textContent = copy;
  b.addEventListener("click", () =>
    navigator.clipboard.writeText(pre.textContent).then(() => {
      b.textContent = d.dataset.copied || "Copied";
      setTimeout(() => (b.textContent = copy), 1500);
    }),
  );
  pre.parentElement.append(b); // the code block's box: the button sits in its corner
});
// :controls: (publications/filter.py)
{
const $ = (e, s) => [...e.querySelectorAll(s)];
$(document, "template.cv-filter").forEach((T) => {
  const L = T.parentNode, C = T.content, on = {}, u = new URLSearchParams(location.search);
  const q = C.querySelector("input"), s = C.querySelector("p");
  const B = $(C, "button").map((b) => [b, b.parentNode.dataset.f, b.dataset.v]);
  const fold = (x) => x.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const I = $(L, "li.cv-pub").map((l) => [
    l,
    fold($(l, ".cv-pub-title,.cv-pub-authors,.cv-pub-venue,.cv-pub-cite").map((e) => e.textContent).join(" ")),
    l.dataset,
  ]);
  const go = (c) => {
    const w = fold(q ? q.value : "").split(/\s+/).filter(Boolean), N = {}, p = new URLSearchParams();
    let m = 0;
    for (const [l, t, d] of I) {
      const x = w.every((y) => t.includes(y)) ? Object.keys(on).filter((f) => on[f].size && !d[f]?.split(" ").some((y) => on[f].has(y))) : [1, 1];
      m += !(l.hidden = x.length > 0);
      for (const f in on) if (!x.length || x == f) d[f]?.split(" ").forEach((y) => (N[f + y] = -~N[f + y]));
    }
    for (const [b, f, y] of B) {
      b.setAttribute("aria-pressed", on[f].has(y));
      b.lastChild.textContent = ` (${N[f + y] || 0})`;
      if (on[f].has(y)) p.append(f, y);
    }
    if (w[0]) p.set("q", q.value.trim());
    if (c) history.replaceState(null, "", location.pathname + (p + "" ? "?" + p : "") + location.hash);
    s.textContent = s.dataset.count.replace("{shown}", m);
  };
  for (const [b, f, y] of B) {
    const S = (on[f] ||= new Set());
    if (u.getAll(f).includes(y)) S.add(y);
    b.onclick = () => (S.delete(y) || S.add(y), go(1));
  }
  if (q) (q.value = u.get("q") || ""), (q.oninput = go);
  T.replaceWith(C);
  go();
});
}
