// Operator page helpers, no framework: selection count, select all on the page, confirmations, and Enter in an
// action's field pressing that action's own button (never "Invoice selected").
(function () {
  'use strict';
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
