// Clean-up of pasted HTML before ProseMirror parses it with the schema: Word's conditional
// comments, Office namespaces, list paragraphs (turned into real lists) and every attribute
// except what the schema reads. The schema then keeps only headings, paragraphs, lists, bold,
// italic and safe links. Parsing happens in an inert document: nothing pasted ever runs.

const DROP = 'script, style, meta, link, title, xml, template, noscript, iframe, frame, object, embed, svg, math, img, video, audio, canvas, form, input, button, select, textarea, head';
const KEEP_STYLE = /^(font-weight|font-style)$/i;

/** Word marks list paragraphs with `mso-list: l0 level2 lfo1` in their style. */
function wordListInfo(el: Element): { level: number; ordered: boolean } | null {
  const style = el.getAttribute('style') ?? '';
  const cls = el.getAttribute('class') ?? '';
  const match = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  if (!match && !/MsoListParagraph/i.test(cls)) return null;
  const marker = el.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]')?.textContent?.trim() ?? '';
  const ordered = /^\(?[0-9a-zA-Z]{1,4}[.)]/.test(marker) && !/^[·•o§▪■–-]$/.test(marker);
  return { level: match ? Number(match[1]) : 1, ordered };
}

/** Consecutive Word list paragraphs become nested <ul>/<ol> with <li>. */
function convertWordLists(body: HTMLElement): void {
  const doc = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll('p'));
  let stack: { level: number; list: HTMLElement }[] = [];
  let lastParagraph: Element | null = null;
  for (const p of paragraphs) {
    const info = wordListInfo(p);
    if (!info) {
      stack = [];
      lastParagraph = null;
      continue;
    }
    const contiguous = lastParagraph !== null && p.previousElementSibling === lastParagraph;
    if (!contiguous) stack = [];
    p.querySelectorAll('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]').forEach((m) => m.remove());
    const li = doc.createElement('li');
    const para = doc.createElement('p');
    while (p.firstChild) para.appendChild(p.firstChild);
    li.appendChild(para);
    while (stack.length && stack[stack.length - 1]!.level > info.level) stack.pop();
    let top = stack[stack.length - 1];
    if (!top || top.level < info.level) {
      const list = doc.createElement(info.ordered ? 'ol' : 'ul');
      if (top) (top.list.lastElementChild ?? top.list).appendChild(list);
      else p.before(list);
      top = { level: info.level, list };
      stack.push(top);
    }
    top.list.appendChild(li);
    lastParagraph = p;
    // Keep the removed paragraph's place so the next sibling check still works.
    const placeholder = doc.createElement('p');
    placeholder.setAttribute('data-jd-list-placeholder', '');
    p.replaceWith(placeholder);
    lastParagraph = placeholder;
  }
  body.querySelectorAll('[data-jd-list-placeholder]').forEach((el) => el.remove());
}

/** Pasted HTML (Word, web pages, Google Docs) reduced to what the schema understands. */
export function cleanPastedHtml(html: string): string {
  // Word's <!--[if !supportLists]--> … <![endif]--> blocks carry duplicate bullets and VML.
  const withoutComments = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  const doc = new DOMParser().parseFromString(withoutComments, 'text/html');
  const body = doc.body;
  body.querySelectorAll(DROP).forEach((el) => el.remove());
  convertWordLists(body);
  for (const el of Array.from(body.querySelectorAll('*'))) {
    // Office namespaced tags (<o:p>, <w:sdt>, <v:shape>) are unwrapped, keeping their text.
    if (el.tagName.includes(':')) {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name === 'href' && el.tagName === 'A') continue;
      if (name === 'start' && el.tagName === 'OL') continue;
      if (name === 'style') {
        const kept = attr.value
          .split(';')
          .map((d) => d.trim())
          .filter((d) => KEEP_STYLE.test(d.split(':')[0]?.trim() ?? ''));
        if (kept.length) {
          el.setAttribute('style', kept.join('; '));
          continue;
        }
      }
      el.removeAttribute(attr.name);
    }
  }
  return body.innerHTML;
}
