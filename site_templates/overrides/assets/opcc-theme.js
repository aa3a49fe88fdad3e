/* The theme's storage helpers, which mkdocs-material writes inline in every page
   (partials/javascripts/base.html), moved to a file so that the site runs under a
   Content-Security-Policy without 'unsafe-inline'. The theme scopes what it stores to
   the site's base address; this file sits in <base>/assets/, so the base is one level up. */
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = function (value) {
  return Array.from(value).reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};
var __md_get = function (key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    /* storage full or refused: the theme works without it */
  }
};

/* Keyboard use of the theme's menu and search on narrow screens. Their buttons are
   labels of hidden checkboxes (partials/header.html makes them tab stops): the theme
   presses a focused label on Enter, this adds Space, as for any button; Escape closes
   the menu and gives the focus back to its button,
   and aria-expanded tells a screen reader whether the menu is open. The search results'
   count is announced as it changes (WCAG 4.1.3). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var menuButton = document.querySelector('.md-header label[for="__drawer"]');
  Array.prototype.forEach.call(
    document.querySelectorAll("label[data-opcc-key-toggle]"),
    function (button) {
      button.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          button.click();
        }
      });
    }
  );
  if (drawer && menuButton) {
    var sync = function () {
      menuButton.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      if (drawer.checked) {
        var first = document.querySelector(".md-sidebar--primary a[href]");
        if (first) window.setTimeout(function () { first.focus(); }, 50);
      }
    };
    drawer.addEventListener("change", sync);
    sync();
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change"));
        menuButton.focus();
      }
    });
  }
  /* On a phone, focusing the search box opens search full screen and stops the page
     scrolling; when the Tab key then leaves it, the browser cannot bring the next
     element into view. Once the theme has closed search and let the page scroll again,
     whatever has the focus is brought into view if it is not. */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.closest && target.closest(".md-search")) return;
    window.setTimeout(function () {
      if (document.activeElement !== target) return;
      var box = target.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        target.scrollIntoView({ block: "nearest" });
      }
    }, 300);
  });
  var count = document.querySelector(".md-search-result__meta");
  if (count) {
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
  }
});
