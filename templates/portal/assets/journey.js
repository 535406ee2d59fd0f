// Journey pages, progressive enhancement only: every form works without this file.
(function () {
  'use strict';

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }
  function checkedValue(form, name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : null;
  }

  // Type and title: the fields only a special VAT fapiao asks for appear when it is chosen.
  function showTitleFields(form) {
    var special = checkedValue(form, 'type') === 'special';
    each('[data-special-only]', function (field) { field.hidden = !special; }, form);
  }

  // Delivery: the fields the chosen method requires (as the shipping service lists them), and
  // the branch's address and contact for pick-up.
  function showDeliveryFields(form) {
    var checked = form.querySelector('input[name="method"]:checked');
    var required = checked ? checked.dataset.requiredFields.split(' ') : null;
    each('[data-shipping-field]', function (field) {
      field.hidden = required !== null && required.indexOf(field.dataset.shippingField) < 0;
    }, form);
    each('[data-pickup-branch]', function (branch) {
      branch.hidden = !(checked && checked.value === 'pickup');
    }, form);
  }

  // A split's lines ask for the full title only when the bill's fapiao is a special one.
  function showSupportParts(form) {
    var type = checkedValue(form, 'type');
    each('[data-for-type]', function (part) { part.hidden = part.dataset.forType !== type; }, form);
    var bill = form.querySelector('select[name="orderNumber"]');
    var chosen = bill && bill.options[bill.selectedIndex];
    var normal = chosen && chosen.dataset.fapiaoType === 'normal';
    each('[data-special-only-line]', function (field) { field.hidden = normal; }, form);
  }

  // The taxpayer ID checked as it is typed, by the server's own rules (no second copy here).
  function watchTaxId(input) {
    var message = document.getElementById(input.id + '-check');
    var timer = null;
    var asked = 0;
    function check() {
      var value = input.value.trim();
      var ask = ++asked;
      if (value === '') { message.hidden = true; message.textContent = ''; return; }
      var type = input.form ? checkedValue(input.form, 'type') : null;
      fetch(input.dataset.checkUrl + '?taxId=' + encodeURIComponent(value) +
        (type ? '&type=' + encodeURIComponent(type) : ''), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (answer) {
          if (!answer || ask !== asked) return;
          message.hidden = answer.valid;
          message.textContent = answer.valid ? '' : answer.message;
          if (answer.valid) input.removeAttribute('aria-invalid');
          else input.setAttribute('aria-invalid', 'true');
          input.closest('.field').classList.toggle('field--invalid', !answer.valid);
          // The server's message from the last submit no longer applies to what is typed now.
          var served = document.getElementById(input.id + '-error');
          if (served) served.hidden = true;
        })
        .catch(function () { /* the server checks again on submit */ });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    input.addEventListener('blur', check);
  }

  document.addEventListener('DOMContentLoaded', function () {
    each('form[data-fapiao-title]', function (form) {
      showTitleFields(form);
      form.addEventListener('change', function () { showTitleFields(form); });
    });
    each('form[data-delivery]', function (form) {
      showDeliveryFields(form);
      form.addEventListener('change', function () { showDeliveryFields(form); });
    });
    each('form[data-support-request]', function (form) {
      showSupportParts(form);
      form.addEventListener('change', function () { showSupportParts(form); });
    });
    each('input[data-check-url]', watchTaxId);
  });
})();
