// Puts HTML from VS Code's Markdown renderer into the page through a strict allow-list.
// The HTML is parsed into an inert document (nothing in it runs or loads), then rebuilt
// element by element in the live page: known tags with a few safe attributes become
// elements, text stays text, and anything else (script, style, iframe, img, forms, event
// handlers, unknown tags) is shown as the markup it was, as plain text. No innerHTML.

const TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'code', 'pre', 'em', 'strong', 'b', 'i', 'a', 'blockquote',
  'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'del', 's', 'kbd', 'sup', 'sub',
]);

/** Syntax-highlighting classes only (hljs-…, language-…): no author-chosen styling hooks. */
const SAFE_CLASS = /^(hljs[\w-]*|language-[\w-]+)$/;

export function appendSanitized(parent: Node, html: string): void {
  const inert = new DOMParser().parseFromString(html, 'text/html');
  for (const child of Array.from(inert.body.childNodes)) append(parent, child);
}

function append(parent: Node, node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return; // comments and the rest
  const source = node as Element;
  const tag = source.tagName.toLowerCase();
  if (!TAGS.has(tag)) {
    parent.appendChild(document.createTextNode(source.outerHTML));
    return;
  }
  const el = document.createElement(tag);
  if (tag === 'a') {
    const href = source.getAttribute('href') ?? '';
    // Followed by the host (it opens http(s) only); other links are plain text.
    if (/^https?:\/\//i.test(href)) {
      el.setAttribute('href', href);
      el.setAttribute('data-external', 'true');
      el.title = href;
    }
  }
  if (tag === 'ol') {
    const start = Number(source.getAttribute('start'));
    if (Number.isInteger(start) && start > 0) el.setAttribute('start', String(start));
  }
  const classes = (source.getAttribute('class') ?? '').split(/\s+/).filter((c) => SAFE_CLASS.test(c));
  if (classes.length) el.className = classes.join(' ');
  for (const child of Array.from(source.childNodes)) append(el, child);
  parent.appendChild(el);
}
