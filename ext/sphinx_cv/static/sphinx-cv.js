// sphinx-cv: Copy buttons for BibTeX blocks (made here: none without JS).
document.querySelectorAll("details.cv-pub-bibtex").forEach((d) => {
  const pre = d.querySelector("pre");
  if (!pre || !navigator.clipboard) return;
  const b = document.createElement("button");
  b.className = "cv-copy";
  b.textContent = "Copy";
  b.addEventListener("click", () =>
    navigator.clipboard.writeText(pre.textContent).then(() => {
      b.textContent = "Copied";
      setTimeout(() => (b.textContent = "Copy"), 1500);
    }),
  );
  d.querySelector("summary").after(b);
});
