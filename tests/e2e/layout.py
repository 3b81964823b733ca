"""Layout measurements for browser tests: what a person sees go wrong on a page.

`measure(page, ...)` runs the checks below inside the page and returns a list of
`Problem`s, each naming the element (tag, id, classes, a snippet of its text) and the
measurement that failed, so that a failing test says where to look:

* overflow: the page scrolls sideways (the root's scrollWidth exceeds its clientWidth,
  i.e. the width the visitor sees without the scroll bar), or a visible element's box
  reaches past the left or right edge of the viewport. Only the outermost such element
  is reported. Left out: visually hidden text (the `govgr-visually-hidden` pattern: a
  1 px clipped box), what lives inside a container that scrolls sideways (a wide table
  in a scroll box), decoration a box clips (the map's tiles; clipped text still
  counts), and absolutely or fixed positioned
  boxes parked wholly outside the viewport on purpose (the skip link until it has
  focus, the form honeypot); if one of those makes the page scroll, the root's
  scrollWidth still says so.
* paragraph (only at 1024 px and wider): the widest paragraph or list item inside
  <main> is at least 40% of the window, i.e. the running text has a real column.
* words: no word is broken across two lines, and no word sticks out of the box it is
  written in (a box narrower than its longest word). Every word of every visible
  text node is measured with a DOM Range: a word whose client rects sit on different
  lines was broken. Words are split where browsers may break lines anyway (spaces,
  hyphens, dashes, slashes). E-mail and web addresses may wrap (they are not words,
  and a long one cannot fit a phone otherwise) but must not stick out either.
* controls: every checkbox and radio button is next to its label: its box is inside
  the viewport, its vertical centre is within one line height of the centre of the
  label text's first line, the horizontal gap between them is at most 60 px, and no
  two of them are drawn on top of each other.

Content folded in closed <details> is not laid out, so `measure` runs the checks a
second time with every <details> opened and reports what only then goes wrong.
"""

from dataclasses import dataclass

MAX_LABEL_GAP = 60
MIN_PARAGRAPH_SHARE = 0.4
PARAGRAPH_FROM_WIDTH = 1024
ALL_CHECKS = ("overflow", "paragraph", "words", "controls")

_MEASURE_JS = r"""
(options) => {
  const checks = new Set(options.checks);
  const root = document.documentElement;
  const viewWidth = root.clientWidth;
  const problems = [];
  const hiddenCache = new Map();
  const range = document.createRange();

  const snippet = (text, n = 50) => {
    const clean = (text || '').replace(/\s+/g, ' ').trim();
    return clean.length > n ? clean.slice(0, n - 1) + '…' : clean;
  };
  const describe = (el) => {
    if (!el) return '(none)';
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const classes = (typeof el.className === 'string' ? el.className : '').trim().split(/\s+/).filter(Boolean);
    if (classes.length) text += '.' + classes.slice(0, 3).join('.');
    if (el.name) text += `[name=${el.name}]`;
    if (el.type === 'checkbox' || el.type === 'radio') text += `[value=${el.value}]`;
    const words = snippet(el.innerText || el.textContent || el.getAttribute('aria-label') || '');
    if (words) text += ` "${words}"`;
    return text;
  };
  const px = (n) => `${Math.round(n)} px`;

  // Visually hidden on purpose: the GOV.GR/GOV.UK pattern (1 px, clipped), sr-only classes,
  // or zero-size boxes that hide their content.
  const isVisuallyHidden = (el) => {
    if (!el || el === root || el === document.body) return false;
    if (hiddenCache.has(el)) return hiddenCache.get(el);
    let hidden = false;
    const cls = typeof el.className === 'string' ? el.className : '';
    if (/(^|\s)(govgr-visually-hidden(-focusable)?|visually-hidden|sr-only|screen-reader-text)(\s|$)/.test(cls)
        && document.activeElement !== el) {
      hidden = true;
    } else {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const tiny = rect.width <= 1 && rect.height <= 1;
      const clipped = (style.clip && style.clip !== 'auto') || (style.clipPath && style.clipPath !== 'none');
      if (tiny && (clipped || style.overflow !== 'visible')) hidden = true;
      else if (style.opacity === '0' && !(el.matches && el.matches('input'))) hidden = true;
      else hidden = isVisuallyHidden(el.parentElement);
    }
    hiddenCache.set(el, hidden);
    return hidden;
  };
  const isShown = (el) => el.checkVisibility({ checkVisibilityCSS: true }) && !isVisuallyHidden(el);

  // A box that scrolls or clips sideways owns what is inside it.
  const clippingAncestor = (el) => {
    for (let e = el.parentElement; e && e !== document.body && e !== root; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if (ox !== 'visible') return e;
    }
    return null;
  };
  // Inside a scroll box the rest is a scroll away; inside a box that clips, decoration
  // (the map's tiles) may be cut, text may not.
  const excusedByClipping = (el) => {
    if (el.closest('.leaflet-container')) return true;
    const box = clippingAncestor(el);
    if (!box) return false;
    const ox = getComputedStyle(box).overflowX;
    return ox === 'auto' || ox === 'scroll' || !(el.textContent || '').trim();
  };
  const parkedOffScreen = (el, rect) => {
    const pos = getComputedStyle(el).position;
    return (pos === 'absolute' || pos === 'fixed') && (rect.right <= 0 || rect.left >= viewWidth);
  };

  // --- overflow ---------------------------------------------------------------------
  if (checks.has('overflow')) {
    if (root.scrollWidth > viewWidth + 1) {
      problems.push({ check: 'overflow', element: 'html',
        detail: `the page scrolls sideways: content is ${px(root.scrollWidth)} wide in a ${px(viewWidth)} viewport` });
    }
    const offenders = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'BR'].includes(el.tagName)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.right <= viewWidth + 1 && rect.left >= -1) continue;
      if (!isShown(el) || excusedByClipping(el) || parkedOffScreen(el, rect)) continue;
      offenders.add(el);
      let ancestor = el.parentElement;
      while (ancestor && !offenders.has(ancestor)) ancestor = ancestor.parentElement;
      if (ancestor) continue;  // its parent is reported already
      const side = rect.right > viewWidth + 1
        ? `its right edge is at ${px(rect.right)}, past the viewport's ${px(viewWidth)}`
        : `its left edge is at ${px(rect.left)}, left of the viewport`;
      problems.push({ check: 'overflow', element: describe(el), detail: `${side} (box ${px(rect.width)} wide)` });
    }
  }

  // --- paragraph --------------------------------------------------------------------
  if (checks.has('paragraph') && window.innerWidth >= options.paragraphFromWidth) {
    let widest = null;
    let widestWidth = 0;
    for (const el of document.querySelectorAll('main p, main li')) {
      if (!(el.textContent || '').trim() || !isShown(el)) continue;
      const width = el.getBoundingClientRect().width;
      if (width > widestWidth) { widest = el; widestWidth = width; }
    }
    const needed = window.innerWidth * options.minParagraphShare;
    if (widest && widestWidth < needed) {
      problems.push({ check: 'paragraph', element: describe(widest),
        detail: `the widest paragraph or list item in <main> is ${px(widestWidth)}, ` +
          `${Math.round(100 * widestWidth / window.innerWidth)}% of the ${px(window.innerWidth)} window ` +
          `(at least ${Math.round(100 * options.minParagraphShare)}%, ${px(needed)}, expected)` });
    }
  }

  // --- words ------------------------------------------------------------------------
  if (checks.has('words')) {
    const blockOf = (el) => {
      let e = el;
      while (e && e.parentElement && ['inline', 'contents'].includes(getComputedStyle(e).display)) {
        e = e.parentElement;
      }
      return e;
    };
    const contentBox = (el) => {
      const rect = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      const left = rect.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
      const right = rect.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight);
      return { left, right, width: right - left };
    };
    const reported = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const shownCache = new Map();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.nodeValue.trim()) continue;
      if (parent.closest('script, style, noscript, template, option, select, textarea, svg, .leaflet-container')) {
        continue;
      }
      if (!shownCache.has(parent)) shownCache.set(parent, isShown(parent));
      if (!shownCache.get(parent)) continue;
      const block = blockOf(parent);
      if (reported.has(block)) continue;
      const blockStyle = getComputedStyle(block);
      const scrolls = blockStyle.overflowX !== 'visible' || blockStyle.textOverflow === 'ellipsis';
      const box = contentBox(block);
      // Chunks between spaces; an e-mail address or a web address may wrap (it is not a
      // word, and a long one cannot fit a phone otherwise) but must not stick out.
      const words = [];
      for (const chunk of node.nodeValue.matchAll(/\S+/g)) {
        if (/@|^(https?:\/\/|www\.)/i.test(chunk[0])) {
          words.push({ start: chunk.index, text: chunk[0], mayWrap: true });
          continue;
        }
        for (const word of chunk[0].matchAll(/[^\-\u2010\u2011\u2012\u2013\u2014\/\u200b\u00ad]{2,}/g)) {
          words.push({ start: chunk.index + word.index, text: word[0], mayWrap: false });
        }
      }
      for (const word of words) {
        range.setStart(node, word.start);
        range.setEnd(node, word.start + word.text.length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length) continue;
        const tops = rects.map((r) => r.top);
        const height = Math.min(...rects.map((r) => r.height));
        const left = Math.min(...rects.map((r) => r.left));
        const right = Math.max(...rects.map((r) => r.right));
        if (!word.mayWrap && Math.max(...tops) - Math.min(...tops) > height / 2) {
          reported.add(block);
          problems.push({ check: 'words', element: describe(block),
            detail: `"${snippet(word.text, 40)}" is broken over ${new Set(tops.map(Math.round)).size} lines ` +
              `in a box ${px(box.width)} wide` });
          break;
        }
        if (!scrolls && box.width > 0 && (right > box.right + 2 || left < box.left - 2)) {
          reported.add(block);
          problems.push({ check: 'words', element: describe(block),
            detail: `"${snippet(word.text, 40)}" (${px(right - left)}) sticks out of its box, ` +
              `which is ${px(box.width)} wide` });
          break;
        }
      }
    }
  }

  // --- controls ---------------------------------------------------------------------
  if (checks.has('controls')) {
    const placed = [];
    for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
      if (!input.checkVisibility({ checkVisibilityCSS: true }) || input.closest('[aria-hidden=true]')) continue;
      const box = input.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const what = describe(input);
      placed.push({ input, box, what });
      if (box.left < -1 || box.right > viewWidth + 1) {
        problems.push({ check: 'controls', element: what,
          detail: `the ${input.type} is outside the viewport (left ${px(box.left)}, right ${px(box.right)})` });
        continue;
      }
      const label = input.labels && input.labels[0];
      if (!label) {
        problems.push({ check: 'controls', element: what, detail: `the ${input.type} has no <label>` });
        continue;
      }
      // The label's text (not the box of a label that wraps the input): its first line.
      const textRects = [];
      const texts = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        if (!t.nodeValue.trim() || isVisuallyHidden(t.parentElement)) continue;
        range.selectNodeContents(t);
        textRects.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
      }
      const labelBox = label.getBoundingClientRect();
      const first = textRects[0] || labelBox;
      const line = textRects.filter((r) => Math.abs(r.top - first.top) < first.height / 2);
      const textLeft = Math.min(...(line.length ? line : [first]).map((r) => r.left));
      const textRight = Math.max(...(line.length ? line : [first]).map((r) => r.right));
      const style = getComputedStyle(label);
      const lineHeight = parseFloat(style.lineHeight) || 1.25 * parseFloat(style.fontSize);
      const dy = (box.top + box.height / 2) - (first.top + first.height / 2);
      const gap = Math.max(0, textLeft - box.right, box.left - textRight);
      if (Math.abs(dy) > lineHeight) {
        problems.push({ check: 'controls', element: what,
          detail: `the ${input.type} is ${px(Math.abs(dy))} ${dy < 0 ? 'above' : 'below'} its label ` +
            `"${snippet(label.innerText, 40)}" (more than one line, ${px(lineHeight)}); ` +
            `${input.type} at (${px(box.left)}, ${px(box.top + window.scrollY)}) in the page` });
      } else if (gap > options.maxLabelGap) {
        problems.push({ check: 'controls', element: what,
          detail: `the ${input.type} is ${px(gap)} away from its label "${snippet(label.innerText, 40)}" ` +
            `(at most ${px(options.maxLabelGap)})` });
      }
    }
    // Piled up: two controls drawn on the same spot.
    const piled = new Set();
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i].box, b = placed[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0 && h > 0 && w * h > 0.25 * Math.min(a.width * a.height, b.width * b.height)) {
          piled.add(i); piled.add(j);
        }
      }
    }
    if (piled.size) {
      const first = placed[[...piled][0]];
      problems.push({ check: 'controls', element: first.what,
        detail: `${piled.size} checkboxes/radios are drawn on top of each other ` +
          `(around ${px(first.box.left)}, ${px(first.box.top + window.scrollY)} in the page)` });
    }
  }
  return problems;
}
"""

_OPEN_DETAILS_JS = """() => {
  const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach((d) => { d.open = true; });
  return closed.length;
}"""


@dataclass(frozen=True)
class Problem:
    check: str
    element: str
    detail: str
    when: str = ""

    def __str__(self):
        when = f" [{self.when}]" if self.when else ""
        return f"{self.check}{when}: {self.element}: {self.detail}"


def _run(page, checks, when=""):
    raw = page.evaluate(
        _MEASURE_JS,
        {
            "checks": list(checks),
            "paragraphFromWidth": PARAGRAPH_FROM_WIDTH,
            "minParagraphShare": MIN_PARAGRAPH_SHARE,
            "maxLabelGap": MAX_LABEL_GAP,
        },
    )
    return [Problem(p["check"], p["element"], p["detail"], when) for p in raw]


def measure(page, checks=ALL_CHECKS):
    """The layout problems of the page as loaded, then of what folded <details> hide."""
    problems = _run(page, checks)
    if page.evaluate(_OPEN_DETAILS_JS):
        seen = {(p.check, p.element, p.detail) for p in problems}
        unfolded = [c for c in checks if c != "paragraph"]
        problems += [
            p for p in _run(page, unfolded, when="details opened") if (p.check, p.element, p.detail) not in seen
        ]
    return problems


def report(failures, limit_per_page=6):
    """`failures`: {variant: {(page name, url): [problems]}} → a summary (how many
    problems of each check at each variant, to follow progress) and the details."""
    lines = ["Summary (pages with problems, per check):"]
    for variant, pages in failures.items():
        by_check = {}
        for (name, _url), problems in pages.items():
            for check in sorted({getattr(p, "check", "page") for p in problems}):
                by_check.setdefault(check, []).append(name)
        lines.append(
            f"  {variant}: "
            + "; ".join(f"{check} {len(names)} ({', '.join(names)})" for check, names in sorted(by_check.items()))
        )
    for variant, pages in failures.items():
        lines.append(f"\n=== {variant} ===")
        for (name, url), problems in pages.items():
            lines.append(f"{name} ({url}): {len(problems)} problem(s)")
            lines.extend(f"    {problem}" for problem in problems[:limit_per_page])
            if len(problems) > limit_per_page:
                lines.append(f"    … and {len(problems) - limit_per_page} more")
    return "\n".join(lines)
