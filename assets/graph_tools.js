/* Adds a "Download as SVG" button to every chart's toolbar, next to plotly's PNG camera.
 * Plotly's config travels as JSON, which cannot carry the button's click function, so the
 * button joins plotly's default config as soon as plotly.js loads. It works offline. */
(function () {
  "use strict";

  function downloadSvg(gd) {
    var options = Object.assign({}, (gd._context || {}).toImageButtonOptions || {});
    options.format = "svg";
    window.Plotly.downloadImage(gd, options);
  }

  function configure(Plotly) {
    if (!Plotly || Plotly.__svgButtonAdded || !Plotly.setPlotConfig) {
      return;
    }
    Plotly.__svgButtonAdded = true;
    Plotly.setPlotConfig({
      modeBarButtonsToAdd: [
        {
          name: "downloadSvg",
          title: "Download as SVG",
          icon: Plotly.Icons.disk,
          click: downloadSvg,
        },
      ],
    });
  }

  if (window.Plotly) {
    configure(window.Plotly);
    return;
  }
  var loaded;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    enumerable: true,
    get: function () {
      return loaded;
    },
    set: function (value) {
      loaded = value;
      configure(value);
    },
  });
})();
