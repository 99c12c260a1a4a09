/* The wall screen's browser side, run once a second by a clientside callback:
 * the clock in the event's zone, the panel rotation and its progress bar, the
 * screen height (charts size their letters from it), and a watchdog.
 *
 * The watchdog: the server answers every data refresh with a "beat". When beats
 * stop (server restarted, session lost, network gone), the figures stay and a
 * banner says since when; the page reloads itself only once the server serves the
 * wall again, so a reload never lands on an error page. The same check guards the
 * full reload every few hours that keeps a browser left open for days small.
 * Loaded by both Dash apps; it only defines functions.
 */
(function () {
  "use strict";

  var PROBE_EVERY_MS = 10000;
  var RELOAD_BACKOFF_MS = 5 * 60000;
  var MIN_SILENCE_MS = 60000;
  var state = {
    loadedAt: Date.now(),
    lastBeat: Date.now(),
    lastProbe: 0,
    probing: false,
    active: -1,
    pinned: null,
    clock: null,
    screen: null,
    offline: null,
  };

  function timeIn(zone, moment) {
    var options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      return new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: zone }, options)).format(moment);
    } catch (e) {
      return new Intl.DateTimeFormat("en-GB", options).format(moment);
    }
  }

  function reloadWhenServed() {
    var now = Date.now();
    var last = Number(window.sessionStorage.getItem("wallReloadAt") || 0);
    if (state.probing || now - state.lastProbe < PROBE_EVERY_MS || now - last < RELOAD_BACKOFF_MS) {
      return;
    }
    state.probing = true;
    state.lastProbe = now;
    window
      .fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.ok && new URL(response.url).pathname === window.location.pathname) {
          window.sessionStorage.setItem("wallReloadAt", String(Date.now()));
          window.location.reload();
        }
      })
      .catch(function () {
        return null; // still away: keep the figures and try again later
      })
      .finally(function () {
        state.probing = false;
      });
  }

  function changed(key, value) {
    if (state[key] === value) {
      return window.dash_clientside.no_update;
    }
    state[key] = value;
    return value;
  }

  function rotation(config, now) {
    var panels = config.panels;
    var pinned = panels.indexOf(config.panel);
    var period = config.rotate_s * 1000;
    var active = pinned >= 0 ? pinned : Math.floor(now / period) % panels.length;
    var noUpdate = window.dash_clientside.no_update;
    var same = active === state.active;
    state.active = active;
    var classes = panels.map(function (name, i) {
      return same ? noUpdate : "wall-panel wall-panel--" + name + (i === active ? " is-active" : "");
    });
    var dots = panels.map(function (name, i) {
      return same ? noUpdate : "wall-dot" + (i === active ? " is-active" : "");
    });
    var into = now % period;
    var bar = {
      width: ((100 * into) / period).toFixed(2) + "%",
      transition: into < 1500 ? "none" : "width 1s linear",
    };
    var progress = changed("pinned", pinned >= 0 ? "wall-progress is-pinned" : "wall-progress");
    return classes.concat(dots, [pinned >= 0 ? window.dash_clientside.no_update : bar, progress]);
  }

  function watchdog(config, zone, now) {
    var silence = Math.max(MIN_SILENCE_MS, 6000 * config.refresh_s);
    var text = null;
    if (now - state.lastBeat > silence) {
      text = config.texts.offline.replace("{time}", timeIn(zone, new Date(state.lastBeat)));
      reloadWhenServed();
    } else if (now - state.loadedAt > config.reload_hours * 3600000) {
      reloadWhenServed();
    }
    return changed("offline", text);
  }

  function tick(_n, _beat, config, rendered) {
    var context = window.dash_clientside.callback_context;
    var now = Date.now();
    var triggered = ((context && context.triggered) || []).map(function (t) {
      return t.prop_id;
    });
    if (triggered.indexOf("wall-beat.data") >= 0) {
      state.lastBeat = now;
    }
    if (!config) {
      var quiet = new Array(15).fill(window.dash_clientside.no_update);
      quiet[13] = changed("screen", window.innerHeight);
      return quiet;
    }
    var zone = rendered && rendered.zone;
    return rotation(config, now).concat([
      changed("clock", zone ? timeIn(zone, new Date(now)) : ""),
      changed("screen", window.innerHeight),
      watchdog(config, zone || "UTC", now),
    ]);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    wall: { tick: tick },
  });
})();
