// The reference for tests/test_styles.py: citeproc-js formats each CSL-JSON item as a
// bibliography entry of its own, as sphinx-cv does, with the same style and locale files.
//
//   node render.js STYLE.csl LOCALES_DIR LANGUAGE ITEMS.json  ->  {id: {label, body}} on stdout
//
// The text is taken from citeproc-js's HTML output, whose second-field-align
// entries put a numeric style's label in `csl-left-margin` apart from the body.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [styleFile, localeDir, language, itemsFile] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));
const sys = {
  retrieveLocale(lang) {
    const file = path.join(localeDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId.get(String(id)),
};

const ENTITIES = { "&#38;": "&", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#160;": "\u00a0" };
function text(html) {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#?\w+;/g, (e) => ENTITIES[e] ?? (e.startsWith("&#") ? String.fromCodePoint(+e.slice(2, -1)) : e))
    .replace(/\s+/g, " ")
    .trim();
}

// no forced language: a style's own default-locale wins, as in sphinx-cv
const engine = new CSL.Engine(sys, fs.readFileSync(styleFile, "utf8"), language);
const out = {};
for (const item of items) {
  engine.updateItems([String(item.id)]);
  const html = engine.makeBibliography()[1].join("");
  const aligned = html.match(/<div class="csl-left-margin">([\s\S]*?)<\/div>\s*<div class="csl-right-inline">([\s\S]*)<\/div>\s*<\/div>/);
  out[item.id] = aligned ? { label: text(aligned[1]), body: text(aligned[2]) } : { label: "", body: text(html) };
}
process.stdout.write(JSON.stringify(out));
