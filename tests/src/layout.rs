//! What a reader on a narrow screen can reach. mdBook clips its page
//! sideways (the content column hides what overflows it), so a page's
//! `scrollWidth` proves nothing: these checks measure the boxes themselves.

use crate::browser::Browser;

/// Every element inside a mounted widget whose box reaches past the text
/// column or the screen, described with its box's left and right edges. An
/// element inside a box that scrolls sideways is that box's to hold (the
/// box itself is measured); a visually hidden one (no size, or clipped to a
/// pixel for screen readers) reaches nothing.
pub fn past_the_column(browser: &mut Browser) -> Vec<String> {
    past_the_column_within(browser, ".fr-widget .fr-live")
}

/// [`past_the_column`] for every element matching `roots` (a CSS selector)
/// and what it holds; each is named by the nearest element with an `id`.
pub fn past_the_column_within(browser: &mut Browser, roots: &str) -> Vec<String> {
    let roots = serde_json::to_string(roots).unwrap();
    let found = browser
        .eval(
            &r#"(() => {
  const main = document.querySelector('main');
  const column = main.getBoundingClientRect();
  const left = Math.max(column.left, 0) - 1;
  const right = Math.min(column.right, window.innerWidth) + 1;
  const scrolls = (e) => /(auto|scroll)/.test(getComputedStyle(e).overflowX);
  const hidden = (e) => {
    for (let p = e; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.display === 'none' || style.visibility === 'hidden') return true;
      if (p.classList && p.classList.contains('fr-sr')) return true;
      // Clipped to nothing for screen readers only, as a reflowed table's
      // column headings are.
      if (style.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const bad = [];
  for (const live of document.querySelectorAll(ROOTS)) {
    for (const e of [live, ...live.querySelectorAll('*')]) {
      const r = e.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || hidden(e)) continue;
      let inside = false;
      for (let p = e.parentElement; p && p !== live.parentElement; p = p.parentElement) {
        if (scrolls(p)) { inside = true; break; }
      }
      if (inside) continue;
      if (r.left < left || r.right > right) {
        const where = (e.closest('[id]') || { id: '' }).id;
        const name = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
        bad.push(`${where} ${name} "${(e.innerText || e.textContent || '').trim().slice(0, 40)}" spans ${Math.round(r.left)}..${Math.round(r.right)} (column ${Math.round(left)}..${Math.round(right)})`);
      }
    }
  }
  return bad;
})()"#
                .replace("ROOTS", &roots),
        )
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// Where lines of the event log break: each break that falls inside a word
/// (after a character that is neither a comma, a colon, a hyphen nor a
/// space), with
/// the line's text around it.
pub fn breaks_inside_words(browser: &mut Browser, selector: &str) -> Vec<String> {
    let found = browser
        .eval(&format!(
            r#"(() => {{
  const bad = [];
  for (const code of document.querySelectorAll({})) {{
    const text = code.textContent;
    const range = document.createRange();
    let lastTop = null, previous = '';
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      for (let i = 0; i < node.length; i++) {{
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (rects.length === 0) continue;
        const top = Math.round(rects[0].top);
        const c = node.data[i];
        if (lastTop !== null && top > lastTop + 2 && !/[,: -]/.test(previous) && c !== ' ') {{
          bad.push(text.slice(Math.max(0, offset + i - 12), offset + i) + '|' + text.slice(offset + i, offset + i + 12));
        }}
        lastTop = top;
        previous = c;
      }}
      offset += node.length;
    }}
  }}
  return bad;
}})()"#,
            crate::browser::js_string(selector)
        ))
        .unwrap();
    serde_json::from_value(found).unwrap()
}
