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
