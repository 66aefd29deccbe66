// The reader's progress across the book, from localStorage alone: a mark in
// the sidebar beside each chapter whose exercises are all done, and, on the
// progress page, every exercise's state, Reset all, and export and import
// as a file. The build puts the index (each chapter's exercises, as the
// keys the widgets save under, from `course_schema::storage_key`) in every
// page; a widget marks its exercise done under the same key plus `:done`.
// PREFIX, the keys' common start, finds every answer of this book for
// Reset all, export and import. Storage that is missing, blocked or
// holding anything unexpected counts as no progress: never an error.
(function () {
  "use strict";
  var PREFIX = "fresh-reads:";
  var FORMAT = "fresh-reads-progress";

  var island = document.querySelector("script.fr-progress-index");
  if (!island) {
    return;
  }
  var chapters;
  try {
    chapters = JSON.parse(island.textContent);
  } catch (error) {
    return;
  }
  if (!Array.isArray(chapters)) {
    return;
  }

  function storage() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null;
    }
  }
  function read(key) {
    var store = storage();
    try {
      return store ? store.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }
  // "done", "tried" (an answer is saved) or "not-started".
  function state(key) {
    if (read(key + ":done") === "1") {
      return "done";
    }
    return read(key) === null ? "not-started" : "tried";
  }
  function chapterDone(chapter) {
    return Array.isArray(chapter.keys) && chapter.keys.length > 0 && chapter.keys.every(function (key) {
      return state(key) === "done";
    });
  }
  function ourKeys() {
    var store = storage();
    var keys = [];
    try {
      for (var i = 0; store && i < store.length; i++) {
        var key = store.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          keys.push(key);
        }
      }
    } catch (error) {
      return [];
    }
    return keys;
  }

  // The sidebar: mdBook builds it in a custom element once its script has
  // run, with links resolved against the book's root.
  var root = new URL(typeof path_to_root === "string" ? path_to_root : "", document.baseURI);
  function markSidebar() {
    chapters.forEach(function (chapter) {
      if (typeof chapter.path !== "string") {
        return;
      }
      var target = new URL(chapter.path, root).href;
      var links = document.querySelectorAll("#mdbook-sidebar a[href], mdbook-sidebar-scrollbox a[href]");
      var done = chapterDone(chapter);
      for (var i = 0; i < links.length; i++) {
        var link = links[i];
        // The chapter's own link, not the links to its sections that
        // mdBook lists under the current page.
        if (link.hash || link.href !== target) {
          continue;
        }
        var mark = link.querySelector(".fr-chapter-done");
        if (done && !mark) {
          mark = document.createElement("span");
          mark.className = "fr-chapter-done";
          mark.title = "Every exercise in this chapter is done";
          var tick = document.createElement("span");
          tick.setAttribute("aria-hidden", "true");
          tick.textContent = " ✓";
          var words = document.createElement("span");
          words.className = "fr-sr";
          words.textContent = " (exercises done)";
          mark.append(tick, words);
          link.append(mark);
        } else if (!done && mark) {
          mark.remove();
        }
      }
    });
  }

  var WORDS = { done: "done", tried: "tried", "not-started": "not started" };
  function fillPage(page) {
    var counts = { done: 0, tried: 0, "not-started": 0 };
    var items = page.querySelectorAll(".fr-progress-item[data-key]");
    for (var i = 0; i < items.length; i++) {
      var now = state(items[i].getAttribute("data-key"));
      counts[now]++;
      var badge = items[i].querySelector(".fr-progress-state");
      if (badge) {
        badge.setAttribute("data-state", now);
        badge.textContent = WORDS[now];
      }
    }
    var sections = page.querySelectorAll(".fr-progress-chapter");
    for (var j = 0; j < sections.length; j++) {
      var all = sections[j].querySelectorAll(".fr-progress-state");
      var finished = sections[j].querySelectorAll('.fr-progress-state[data-state="done"]');
      sections[j].setAttribute("data-state", all.length > 0 && all.length === finished.length ? "done" : "");
    }
    var summary = page.querySelector(".fr-progress-summary");
    if (summary) {
      summary.textContent = notice + (storage()
        ? counts.done + " of " + items.length + " exercises done, " + counts.tried + " tried, " +
          counts["not-started"] + " not started."
        : "This browser is not keeping progress (its storage is off or unavailable), so every exercise shows as not started.");
    }
  }

  function refresh() {
    markSidebar();
    var pages = document.querySelectorAll(".fr-progress");
    for (var i = 0; i < pages.length; i++) {
      fillPage(pages[i]);
    }
  }

  // What the last action on the progress page did, said before the counts
  // (which every refresh rewrites) until the next action.
  var notice = "";
  function say(text) {
    notice = text + " ";
    refresh();
  }

  function exportProgress(page) {
    var saved = {};
    ourKeys().forEach(function (key) {
      saved[key] = read(key);
    });
    var text = JSON.stringify({ format: FORMAT, version: 1, saved: saved }, null, 2);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = "fresh-reads-progress.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    say("Exported " + Object.keys(saved).length + " saved answers to fresh-reads-progress.json.");
  }

  function importProgress(page, file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (error) {
        data = null;
      }
      if (!data || data.format !== FORMAT || typeof data.saved !== "object" || data.saved === null) {
        say("That file is not a Fresh Reads progress file; nothing was changed.");
        return;
      }
      var store = storage();
      var count = 0;
      Object.keys(data.saved).forEach(function (key) {
        var value = data.saved[key];
        if (key.indexOf(PREFIX) === 0 && typeof value === "string") {
          try {
            store.setItem(key, value);
            count++;
          } catch (error) {
            // Full or blocked storage: keep what fitted.
          }
        }
      });
      say("Imported " + count + " saved answers.");
    };
    reader.onerror = function () {
      say("That file could not be read; nothing was changed.");
    };
    reader.readAsText(file);
  }

  function resetAll(page) {
    var store = storage();
    ourKeys().forEach(function (key) {
      try {
        store.removeItem(key);
      } catch (error) {
        // Nothing more can be done for a key storage will not remove.
      }
    });
    say("Every answer is forgotten.");
  }

  function wire(page) {
    var actions = page.querySelector(".fr-progress-actions");
    if (!actions) {
      return;
    }
    actions.hidden = false;
    var confirm = page.querySelector(".fr-reset-confirm");
    var resetButton = page.querySelector(".fr-reset-all");
    page.querySelector(".fr-export").addEventListener("click", function () {
      exportProgress(page);
    });
    var input = page.querySelector(".fr-import");
    input.addEventListener("change", function () {
      if (input.files && input.files[0]) {
        importProgress(page, input.files[0]);
      }
      input.value = "";
    });
    resetButton.addEventListener("click", function () {
      confirm.hidden = false;
      page.querySelector(".fr-reset-no").focus();
    });
    page.querySelector(".fr-reset-yes").addEventListener("click", function () {
      confirm.hidden = true;
      resetAll(page);
      resetButton.focus();
    });
    page.querySelector(".fr-reset-no").addEventListener("click", function () {
      confirm.hidden = true;
      resetButton.focus();
    });
  }

  // A widget forgets its answers under an exercise's old version (the file
  // changed since) when it loads; their done marks it leaves, and nothing
  // reads them again. Forgotten here on any page, for exercises the book
  // still has: a key of an exercise it no longer lists is left alone.
  function forgetOldDoneMarks() {
    var current = Object.create(null);
    var exercises = Object.create(null);
    chapters.forEach(function (chapter) {
      (chapter && Array.isArray(chapter.keys) ? chapter.keys : []).forEach(function (key) {
        if (typeof key === "string") {
          current[key] = true;
          exercises[key.slice(0, key.lastIndexOf(":"))] = true;
        }
      });
    });
    var store = storage();
    ourKeys().forEach(function (key) {
      var mark = ":done";
      var answer = key.slice(0, -mark.length);
      if (key.slice(-mark.length) !== mark || current[answer]) {
        return;
      }
      var version = answer.lastIndexOf(":");
      if (version > 0 && exercises[answer.slice(0, version)]) {
        try {
          store.removeItem(key);
        } catch (error) {
          // Storage that will not remove it keeps a mark nothing reads.
        }
      }
    });
  }

  function start() {
    forgetOldDoneMarks();
    var pages = document.querySelectorAll(".fr-progress");
    for (var i = 0; i < pages.length; i++) {
      wire(pages[i]);
    }
    refresh();
  }

  // A widget saves in the frame after the reader's input; marks follow it.
  // Another tab's changes arrive as storage events.
  function soon() {
    requestAnimationFrame(function () {
      requestAnimationFrame(refresh);
    });
  }
  ["click", "keyup", "change", "pointerup"].forEach(function (type) {
    document.addEventListener(type, soon, true);
  });
  window.addEventListener("storage", refresh);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
