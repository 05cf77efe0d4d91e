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
