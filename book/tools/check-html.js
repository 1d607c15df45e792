// check-html.js - the script of book/tools/check-html's checker page. The
// page holds every page of the book in a 390-pixel-wide iframe, each with
// data-page="NAME.html"; once all have loaded, this reads them through the
// browser's DOM and writes its report into <pre id="report">, which
// check-html reads back from Chromium's --dump-dom. The frames are as wide
// as a phone's screen: what needs a phone's width is checked there.
"use strict";
window.addEventListener("load", function () {
  var problems = [], pages = 0, links = 0, anchors = 0, images = 0;
  var cache = {}; // documents by URL: the pages open in frames, other files read
  function say(page, text) { problems.push(page + ": " + text); }
  function bare(url) { var u = new URL(url); u.hash = ""; return u.href; }
  // The document at a file: URL, or null if there is no such file.
  function documentAt(url) {
    if (!(url in cache)) {
      try {
        var request = new XMLHttpRequest();
        request.open("GET", url, false);
        request.send();
        cache[url] = request.responseText !== "" || request.status === 200 ?
          new DOMParser().parseFromString(request.responseText, "text/html") : null;
      } catch (e) { cache[url] = null; }
    }
    return cache[url];
  }
  document.querySelectorAll("iframe[data-page]").forEach(function (frame) {
    var name = frame.dataset.page, doc = frame.contentDocument;
    if (!doc || !doc.body || doc.body.children.length === 0 || doc.title === "") {
      say(name, "the page did not load (or has no title or body)");
      return;
    }
    cache[bare(frame.src)] = doc;
    var source = doc.querySelector('meta[name="source"]');
    if (source) name += " (made from " + source.getAttribute("content") + ")";
    pages++;
    doc.querySelectorAll("[src], link[href], object[data]").forEach(function (el) {
      var ref = el.getAttribute("src") || el.getAttribute("href") || el.getAttribute("data");
      if (/^(https?:)?\/\//i.test(ref))
        say(name, "<" + el.tagName.toLowerCase() + "> loads " + ref + " from the network");
    });
    Array.prototype.forEach.call(doc.styleSheets, function (sheet) {
      try {
        Array.prototype.forEach.call(sheet.cssRules, function (rule) {
          if (/(@import|url\()\s*["']?(https?:)?\/\//i.test(rule.cssText))
            say(name, "a stylesheet loads from the network: " + rule.cssText.slice(0, 80));
        });
      } catch (e) { /* a sheet we may not read: its link is checked below */ }
    });
    doc.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      if (!link.sheet) say(name, "stylesheet " + link.getAttribute("href") + " did not load");
    });
    Array.prototype.forEach.call(doc.images, function (img) {
      images++;
      if (!img.complete || img.naturalWidth === 0)
        say(name, "image " + img.getAttribute("src") + " did not load");
    });
    doc.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href"), url;
      try { url = new URL(href, frame.src); } catch (e) { say(name, "bad link " + href); return; }
      if (/^(https?|mailto):$/.test(url.protocol)) return; // outside the book
      if (url.protocol !== "file:") { say(name, "link to " + href + ": not a file of the book"); return; }
      links++;
      var target = bare(url.href) === bare(frame.src) ? doc : documentAt(bare(url.href));
      if (!target) { say(name, "broken link " + href + ": no such file"); return; }
      if (url.hash.length > 1) {
        anchors++;
        var id = decodeURIComponent(url.hash.slice(1));
        if (!target.getElementById(id) && target.getElementsByName(id).length === 0)
          say(name, "broken anchor " + href + ": no element with id \"" + id + "\"");
      }
    });
    var wide = doc.documentElement.scrollWidth;
    if (wide > frame.clientWidth + 1)
      say(name, "wider than a phone's screen: " + wide + " px in a " + frame.clientWidth + " px window");
    // On the phone's screen, code wraps, the contents table stacks, and a
    // picture keeps most of its size (it scrolls in its frame instead).
    doc.querySelectorAll("pre, table.contents").forEach(function (box) {
      var room = box.parentElement.clientWidth;
      if (box.scrollWidth > box.clientWidth + 1 || box.getBoundingClientRect().width > room + 1) {
        var what = box.tagName === "PRE" ? "code block \"" +
          box.textContent.trim().split("\n")[0].slice(0, 40) + "\"" : "contents table";
        say(name, what + " does not fit a phone's screen: " + box.scrollWidth + " px in " +
            Math.min(box.clientWidth, room) + " px");
      }
    });
    doc.querySelectorAll(".figure img").forEach(function (img) {
      var shown = img.getBoundingClientRect().width;
      if (img.naturalWidth > 0 && shown < 0.7 * img.naturalWidth)
        say(name, "picture " + img.getAttribute("src") + " shrinks to " +
            Math.round(100 * shown / img.naturalWidth) + "% on a phone: its labels are too small to read");
    });
  });
  document.getElementById("report").textContent = ["BEGIN REPORT"].concat(problems, [
    "checked " + pages + " pages, " + links + " links (" + anchors + " to anchors), " +
    images + " images: " + problems.length + " problems", "END REPORT"]).join("\n");
});
