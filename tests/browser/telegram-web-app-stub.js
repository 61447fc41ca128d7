// A stand-in for https://telegram.org/js/telegram-web-app.js in the browser tests (no network).
// Like Telegram's script, it reads the launch parameters from the address's fragment
// (#tgWebAppData=…&tgWebAppThemeParams=…&tgWebAppColorScheme=…), keeps them for reloads in sessionStorage, sets the
// theme's CSS variables, and offers the few calls the page uses.
(function () {
  var saved = {};
  try { saved = JSON.parse(sessionStorage.getItem("__telegram__initParams") || "{}"); } catch (e) { saved = {}; }
  var params = new URLSearchParams(location.hash.slice(1));
  var initData = params.get("tgWebAppData") || saved.tgWebAppData || "";
  var themeRaw = params.get("tgWebAppThemeParams") || saved.tgWebAppThemeParams || "{}";
  var scheme = params.get("tgWebAppColorScheme") || saved.tgWebAppColorScheme || "light";
  sessionStorage.setItem("__telegram__initParams", JSON.stringify({ tgWebAppData: initData, tgWebAppThemeParams: themeRaw, tgWebAppColorScheme: scheme }));
  var theme = JSON.parse(themeRaw);
  var unsafe = {};
  new URLSearchParams(initData).forEach(function (value, key) {
    unsafe[key] = key === "user" ? JSON.parse(value) : value;
  });
  for (var key in theme) {
    document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), theme[key]);
  }
  window.Telegram = {
    WebApp: {
      initData: initData,
      initDataUnsafe: unsafe,
      themeParams: theme,
      colorScheme: scheme,
      version: "8.0",
      platform: "android",
      calls: [],
      ready: function () { this.calls.push("ready"); },
      expand: function () { this.calls.push("expand"); },
      close: function () { this.calls.push("close"); },
      isClosingConfirmationEnabled: false,
      enableClosingConfirmation: function () { this.isClosingConfirmationEnabled = true; this.calls.push("enableClosingConfirmation"); },
      disableClosingConfirmation: function () { this.isClosingConfirmationEnabled = false; this.calls.push("disableClosingConfirmation"); },
      onEvent: function () {},
      offEvent: function () {},
      isVersionAtLeast: function () { return true; },
      showConfirm: function (message, callback) { callback(window.confirm(message)); },
    },
  };
})();
