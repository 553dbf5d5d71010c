// Herald dashboard: small progressive enhancements. Every page works without this file; it adds
// the CSRF header to htmx requests, trigger search, the segment dialog, variable insertion,
// channel editors that follow their checkbox, countdowns, the live activity feed and charts.
(function () {
  "use strict";

  function csrf() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  document.addEventListener("htmx:configRequest", function (e) {
    var c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });

  // --- trigger search: hides triggers (and empty categories) that do not match
  document.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("[data-filter]")) { return; }
    var q = input.value.trim().toLowerCase();
    var list = document.querySelector(input.getAttribute("data-filter"));
    if (!list) { return; }
    list.querySelectorAll("[data-filterable]").forEach(function (group) {
      var any = false;
      group.querySelectorAll("[data-filter-text]").forEach(function (item) {
        var hit = !q || item.getAttribute("data-filter-text").toLowerCase().indexOf(q) >= 0;
        item.hidden = !hit;
        any = any || hit;
      });
      group.hidden = !any;
    });
  });

  // --- segment dialog: opens for a select, "Use this segment" adds a draft option to it
  var segmentTarget = null;
  document.addEventListener("click", function (e) {
    var open = e.target.closest && e.target.closest("[data-open-dialog]");
    if (open) {
      var dialog = document.getElementById(open.getAttribute("data-open-dialog"));
      segmentTarget = open.getAttribute("data-segment-target");
      if (dialog && dialog.showModal) { dialog.showModal(); }
      return;
    }
    if (e.target.closest && e.target.closest("[data-close-dialog]")) {
      e.target.closest("dialog").close();
      return;
    }
    if (e.target.closest && e.target.closest("[data-use-segment]")) {
      var d = e.target.closest("dialog");
      var name = d.querySelector('[name="new_segment.name"]').value.trim();
      if (!name) { d.querySelector('[name="new_segment.name"]').focus(); return; }
      var select = segmentTarget && document.getElementById(segmentTarget);
      if (select) {
        var option = select.querySelector('option[value="__new__"]') || document.createElement("option");
        option.value = "__new__";
        option.textContent = name + " — new, created when you save";
        select.appendChild(option);
        select.value = "__new__";
        var radio = document.getElementById("audience-segment");
        if (radio && segmentTarget === "audience-segment-id") { radio.checked = true; }
      }
      d.close();
      if (select) { select.focus(); }
      return;
    }
    var variable = e.target.closest && e.target.closest("[data-insert]");
    if (variable) { insertVariable(variable.getAttribute("data-insert")); }
  });

  // --- variables: insert at the caret of the last focused text field
  var lastField = null;
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("[data-variables]")) { lastField = e.target; }
  });
  function insertVariable(text) {
    var f = lastField;
    if (!f) { return; }
    var start = f.selectionStart || 0, end = f.selectionEnd || 0;
    f.value = f.value.slice(0, start) + text + f.value.slice(end);
    f.focus();
    f.selectionStart = f.selectionEnd = start + text.length;
    f.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // --- channel editors follow their checkbox
  function syncEditors() {
    document.querySelectorAll('input[name="channel"]').forEach(function (box) {
      var editor = document.getElementById(box.value + "-editor");
      if (editor) { editor.hidden = !box.checked; }
    });
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches('input[name="channel"]')) { syncEditors(); }
  });

  // --- countdowns: server-computed remaining time, ticking locally
  function tick() {
    document.querySelectorAll("[data-countdown-ms]").forEach(function (el) {
      var left = parseInt(el.getAttribute("data-countdown-ms"), 10) - 1000;
      if (left < 0) { left = 0; }
      el.setAttribute("data-countdown-ms", String(left));
      var s = Math.ceil(left / 1000);
      el.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    });
  }
  setInterval(tick, 1000);

  // --- live activity: an EventSource on the distribution's stream, newest first
  function startFeeds(root) {
    root.querySelectorAll("[data-activity-stream]").forEach(function (feed) {
      if (feed.getAttribute("data-started")) { return; }
      feed.setAttribute("data-started", "1");
      var source = new EventSource(feed.getAttribute("data-activity-stream"));
      var list = feed.querySelector("ol");
      source.onmessage = null;
      var handler = function (e) {
        var data;
        try { data = JSON.parse(e.data); } catch (x) { return; }
        var item = document.createElement("li");
        item.className = "activity-item live";
        var time = document.createElement("time");
        time.dateTime = data.created_at;
        time.textContent = new Date(data.created_at).toLocaleString();
        var type = document.createElement("span");
        type.className = "activity-type";
        type.textContent = data.type;
        var who = document.createElement("span");
        who.className = "muted";
        who.textContent = data.customer_id ? " · " + data.customer_id : "";
        item.appendChild(time); item.appendChild(document.createTextNode(" "));
        item.appendChild(type); item.appendChild(who);
        list.insertBefore(item, list.firstChild);
        var empty = feed.querySelector(".empty");
        if (empty) { empty.hidden = true; }
        feed.setAttribute("data-count", String(list.children.length));
        document.body.dispatchEvent(new CustomEvent("herald:activity", { bubbles: true }));
      };
      var types = (feed.getAttribute("data-event-types") || "").split(" ");
      types.forEach(function (t) { if (t) { source.addEventListener(t, handler); } });
      source.addEventListener("message", handler);
      feed.eventSource = source;
      var status = feed.querySelector("[data-stream-status]");
      source.onopen = function () { if (status) { status.textContent = "Live"; } };
      source.onerror = function () { if (status) { status.textContent = "Reconnecting…"; } };
    });
  }

  // --- charts (uPlot), drawn from a JSON endpoint and redrawn on live activity
  function drawCharts(root) {
    if (typeof uPlot === "undefined") { return; }
    root.querySelectorAll("[data-chart]").forEach(drawChart);
  }
  function drawChart(box) {
    fetch(box.getAttribute("data-chart"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (chart) {
        render(box, chart);
      });
  }
  function render(box, chart) {
    var area = box.querySelector(".chart-area");
    area.innerHTML = "";
    box.setAttribute("data-total-sent", String(chart.total_sent));
    var colors = ["#1a56db", "#b42318", "#067647", "#7a2e98", "#b54708", "#344054"];
    var series = [{ label: "time" }].concat(chart.series.map(function (s, i) {
      return { label: s.label, stroke: colors[i % colors.length], width: 2 };
    }));
    var data = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    var width = Math.max(300, area.clientWidth || box.clientWidth || 600);
    new uPlot({ width: width, height: 260, series: series, axes: [{}, { label: "messages" }] }, data, area);
    if (chart.codes) {
      [["codes-published", chart.codes.published], ["codes-redeemed", chart.codes.redeemed],
       ["redemption-rate", chart.codes.rate]].forEach(function (f) {
        var el = document.getElementById(f[0]);
        if (el) { el.textContent = String(f[1]); }
      });
    }
    var empty = box.querySelector(".empty");
    if (empty) { empty.hidden = chart.series.length > 0; }
    var table = box.querySelector("table tbody");
    if (table) {
      table.innerHTML = "";
      chart.series.forEach(function (s) {
        var tr = document.createElement("tr");
        var th = document.createElement("th"); th.scope = "row"; th.textContent = s.label; tr.appendChild(th);
        var td = document.createElement("td"); td.textContent = String(s.total); tr.appendChild(td);
        table.appendChild(tr);
      });
    }
  }
  var redraw = null;
  var settle = null;
  document.addEventListener("herald:activity", function () {
    clearTimeout(redraw);
    clearTimeout(settle);
    redraw = setTimeout(function () { drawCharts(document); }, 700);
    // code counts follow the event log a moment after the activity: draw once more when it settled
    settle = setTimeout(function () { drawCharts(document); }, 3000);
  });

  function init(root) {
    syncEditors();
    startFeeds(root);
    drawCharts(root);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (e) { startFeeds(e.target); });
})();
