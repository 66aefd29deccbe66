// Mounts the course's widgets. A classic script (mdBook's additional-js), so
// it cannot `import` statically: pages without widgets never fetch the bundle.
(function () {
  "use strict";
  var placeholders = document.querySelectorAll(".fr-widget[data-widget]");
  if (placeholders.length === 0) {
    return;
  }

  // mdBook's arrow keys turn pages and `s` opens search; a widget keeps the
  // keys that the focused part of it declares in data-fr-keys.
  var KEYS = {
    arrows: ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"],
    ends: ["Home", "End"],
    select: [" ", "Enter", "Escape"],
  };
  function keepWidgetKeys(event) {
    var owner = event.target.closest && event.target.closest("[data-fr-keys]");
    if (!owner) {
      return;
    }
    var kept = owner.getAttribute("data-fr-keys").split(" ").some(function (group) {
      return (KEYS[group] || []).indexOf(event.key) !== -1;
    });
    if (kept) {
      event.stopPropagation();
    }
  }

  function showError(placeholder, message) {
    var card = document.createElement("div");
    card.className = "fr-error";
    card.setAttribute("role", "alert");
    var title = document.createElement("strong");
    title.textContent = "This exercise could not be shown.";
    var detail = document.createElement("code");
    detail.textContent = " " + message;
    card.append(title, detail);
    placeholder.append(card);
  }

  // path_to_root is mdBook's page global: "" on top-level pages, "../" below.
  // It is declared with `const`, so it is not a property of `window`.
  var root = typeof path_to_root === "string" ? path_to_root : "";
  var base = new URL(root + "wasm/", document.baseURI);
  import(new URL("fresh_reads_widgets.js", base).href)
    .then(function (bundle) {
      return bundle.default({ module_or_path: new URL("fresh_reads_widgets_bg.wasm", base) }).then(function () {
        placeholders.forEach(function (placeholder) {
          placeholder.addEventListener("keydown", keepWidgetKeys);
          try {
            bundle.mount(placeholder);
          } catch (error) {
            // A widget that fails to mount must not take the others with it.
            // After a panic the bundle's hook has already made it a card.
            if (!placeholder.hasAttribute("data-mounted")) {
              showError(placeholder, String(error));
            }
          }
        });
        // When the page's widgets became usable: `cargo xtask bench` reads it.
        performance.mark("fresh-reads:mounted");
      });
    })
    .catch(function (error) {
      placeholders.forEach(function (placeholder) {
        showError(placeholder, "the widget bundle did not load: " + error);
      });
      throw error;
    });
})();
