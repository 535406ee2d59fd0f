// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // After a refused submit, take keyboard and screen-reader users to the first problem.
  document.addEventListener('DOMContentLoaded', function () {
    var invalid = document.querySelector('[aria-invalid="true"]');
    var summary = document.getElementById('form-error');
    if (invalid) invalid.focus();
    else if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
  });

  // <output data-sum-of="name"> shows the live total (yuan) of the inputs named `name`.
  function parseYuan(text) {
    var match = /^\s*¥?\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(String(text).replace(/,/g, ''));
    if (!match) return null;
    return Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0'));
  }
  function formatYuan(fen) {
    var whole = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return '¥' + whole + '.' + String(fen % 100).padStart(2, '0');
  }
  function refresh(output) {
    var total = 0;
    document.querySelectorAll('input[name="' + output.dataset.sumOf + '"]').forEach(function (input) {
      var fen = parseYuan(input.value);
      if (fen !== null) total += fen;
    });
    output.value = formatYuan(total);
  }
  document.addEventListener('input', function () {
    document.querySelectorAll('output[data-sum-of]').forEach(refresh);
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('output[data-sum-of]').forEach(refresh);
  });
})();
