// Operator page helpers, no framework: selection count, select all on the page, confirmations, Enter in an
// action's field pressing that action's own button (never "Invoice selected"), and a running action's result page
// following its progress stream.
(function () {
  'use strict';

  // The result page of a running action: the service tells it over server-sent events how far the action has got
  // ("progress", then "done"); when that differs from what the page shows, the page's live part is replaced by the
  // page as it is now (read in the background: no reload). Without JavaScript the page offers a reload link.
  function followAction(live) {
    if (!window.EventSource || !window.fetch || !window.DOMParser) {
      return;
    }
    var source = new EventSource(live.getAttribute('data-progress'));
    var reading = null;
    var stale = false;

    function current() { return document.getElementById('live'); }

    function showLost() {
      var lost = current().querySelector('.stream-lost');
      if (lost) { lost.hidden = false; }
    }

    function readAgain() {
      if (reading) { stale = true; return; }
      reading = fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) {
          if (!response.ok || response.redirected) { throw new Error('status ' + response.status); }
          return response.text();
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
          if (!next) { throw new Error('no live part'); }
          current().replaceWith(next);
          if (!next.hasAttribute('data-progress')) { source.close(); }
        })
        .catch(function () { source.close(); showLost(); })
        .then(function () {
          reading = null;
          if (stale) { stale = false; readAgain(); }
        });
    }

    function told(e) {
      if (e.type === 'done') { source.close(); }
      if (e.data !== current().getAttribute('data-state')) { readAgain(); }
    }
    source.addEventListener('progress', told);
    source.addEventListener('done', told);
    source.addEventListener('error', function () {
      // a stream that ended is connected again by the browser; one that was refused is not
      if (source.readyState === EventSource.CLOSED) { showLost(); }
    });
  }
  function rowBoxes() { return Array.prototype.slice.call(document.querySelectorAll('input.row-select')); }

  function updateSelection() {
    var boxes = rowBoxes();
    var picked = boxes.filter(function (b) { return b.checked; });
    boxes.forEach(function (b) {
      var tr = b.closest('tr');
      if (tr) { tr.classList.toggle('selected', b.checked); }
    });
    var all = document.getElementById('all-matching');
    var count = document.getElementById('selection-count');
    if (count) {
      count.textContent = all && all.checked ? 'All bookings matching the filter are selected'
        : picked.length === 0 ? 'No booking selected'
        : picked.length === 1 ? '1 booking selected' : picked.length + ' bookings selected';
    }
    var page = document.getElementById('select-page');
    if (page) {
      page.checked = boxes.length > 0 && picked.length === boxes.length;
      page.indeterminate = picked.length > 0 && picked.length < boxes.length;
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var live = document.getElementById('live');
    if (live && live.hasAttribute('data-progress')) { followAction(live); }

    var page = document.getElementById('select-page');
    if (page) {
      page.addEventListener('change', function () {
        rowBoxes().forEach(function (b) { b.checked = page.checked; });
        updateSelection();
      });
    }
    rowBoxes().forEach(function (b) { b.addEventListener('change', updateSelection); });
    var all = document.getElementById('all-matching');
    if (all) { all.addEventListener('change', updateSelection); }
    updateSelection();

    document.querySelectorAll('button[data-confirm]').forEach(function (button) {
      button.addEventListener('click', function (e) {
        if (!window.confirm(button.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
    document.querySelectorAll('form[data-confirm-form]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm-form'))) { e.preventDefault(); }
      });
    });
    document.querySelectorAll('.actions fieldset input').forEach(function (input) {
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') {
          e.preventDefault();
          var own = input.closest('fieldset').querySelector('button[type=submit]');
          if (own) { own.click(); }
        }
      });
    });
  });
}());
