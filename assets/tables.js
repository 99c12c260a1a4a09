/* The staff tables: a grid fetches its rows from the server a block at a time, so when
 * the filter bar, the quick search, the data-quality problem or the data change, its
 * blocks are dropped (purge) or fetched again in place (a new data version only). */
(function () {
  "use strict";

  var lastVersion = null;

  function purge(_state, _search, _problem, version, tab) {
    var clientside = window.dash_clientside || {};
    var context = clientside.callback_context || {};
    var triggered = (context.triggered || []).filter(function (item) {
      return item && item.prop_id && item.prop_id !== ".";
    });
    if (!triggered.length || !tab || tab === "quality" || !window.dash_ag_grid) {
      return clientside.no_update;
    }
    var dataOnly = triggered.every(function (item) {
      return item.prop_id.indexOf("tables-version.") === 0;
    });
    var known = lastVersion;
    lastVersion = version || lastVersion;
    if (dataOnly && (known === null || known === version)) {
      return clientside.no_update; /* the first version seen, or the same one */
    }
    window.dash_ag_grid
      .getApiAsync({ type: "tables-grid", table: tab })
      .then(function (api) {
        if (dataOnly) {
          api.refreshInfiniteCache();
        } else {
          api.purgeInfiniteCache();
        }
      })
      .catch(function () {
        /* the grid is gone (another tab): nothing to refresh */
      });
    return Date.now();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.tables = { purge: purge };
})();
