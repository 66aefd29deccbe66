// Fixes to stock mdBook's own page for accessibility (see ARCHITECTURE.md),
// found by axe-core in tests/tests/a11y.rs.
//
// 1. The sidebar toggle. mdBook 0.5.4 makes it a <label> for a hidden checkbox,
// with aria-label and aria-controls (not allowed on a label: axe-core's
// aria-prohibited-attr) and, from book.js, aria-expanded (aria-allowed-attr).
// A label is also not focusable, so a keyboard cannot open the sidebar.
//
// Why a script and not a copy of mdBook's index.hbs: the template alone cannot
// fix it. book.js sets aria-expanded on whatever element has the toggle's id,
// and a <button> in the template would not toggle the checkbox without
// JavaScript, which is what the label is there for. So the label stays in the
// HTML (readers without JavaScript keep mdBook's CSS-only toggle), and this
// script, which runs after book.js, swaps it for a real button that does what
// the label did. No copy of a 350-line template to keep in step with mdBook.
(function () {
  "use strict";
  var label = document.getElementById("mdbook-sidebar-toggle");
  var checkbox = document.getElementById("mdbook-sidebar-toggle-anchor");
  var sidebar = document.getElementById("mdbook-sidebar");
  if (!label || label.tagName !== "LABEL" || !checkbox || !sidebar) {
    return; // not mdBook 0.5's page, or already a button
  }
  var button = document.createElement("button");
  button.type = "button";
  ["id", "class", "title", "aria-label", "aria-controls"].forEach(function (name) {
    if (label.hasAttribute(name)) {
      button.setAttribute(name, label.getAttribute(name));
    }
  });
  while (label.firstChild) {
    button.appendChild(label.firstChild);
  }
  function expanded() {
    button.setAttribute(
      "aria-expanded",
      String(document.documentElement.classList.contains("sidebar-visible"))
    );
  }
  expanded();
  // book.js shows and hides the sidebar by the checkbox, by swipes and by the
  // window's width, and marks each with the `sidebar-visible` class.
  new MutationObserver(expanded).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["class"],
  });
  button.addEventListener("click", function () {
    // What book.js does on the label's click: put the sidebar back in the
    // layout before it slides in.
    if (!checkbox.checked) {
      sidebar.style.display = "";
      void sidebar.offsetHeight;
    }
    checkbox.click(); // book.js listens for its change
  });
  label.replaceWith(button);
})();

// 2. Code blocks that scroll sideways. mdBook's `pre > code` scrolls a long
// line horizontally, but a keyboard cannot reach it to scroll
// (scrollable-region-focusable). Each one that overflows becomes a tab stop
// with a name, as WCAG's technique for scrolling regions has it; blocks that
// fit stay out of the tab order. Widgets' own code is theirs to manage.
(function () {
  "use strict";
  function mark(code) {
    var scrolls = code.scrollWidth > code.clientWidth;
    if (scrolls && !code.hasAttribute("tabindex")) {
      code.setAttribute("tabindex", "0");
      code.setAttribute("role", "region");
      code.setAttribute("aria-label", "Code sample (scrolls sideways)");
      code.setAttribute("data-fr-scroll", "");
    } else if (!scrolls && code.hasAttribute("data-fr-scroll")) {
      ["tabindex", "role", "aria-label", "data-fr-scroll"].forEach(function (name) {
        code.removeAttribute(name);
      });
    }
  }
  // Widths change with the window, the fonts, the sidebar and mdBook's "show
  // hidden lines" button; an observed element is also measured at once.
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      mark(entry.target);
    });
  });
  document.querySelectorAll("main pre > code").forEach(function (code) {
    if (!code.closest(".fr-widget")) {
      mark(code);
      observer.observe(code);
    }
  });
})();
