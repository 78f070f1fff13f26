// What the pages once did in inline handlers, which the Content-Security-Policy forbids. Each page
// works without it too: a select's form has its submit button in <noscript>, and the tree has
// "Open every branch".
(function () {
    'use strict';

    // A select marked data-auto-submit sends its form as soon as a choice is made.
    document.addEventListener('change', function (event) {
        var select = event.target;
        if (select instanceof HTMLSelectElement && select.hasAttribute('data-auto-submit') && select.form) {
            select.form.requestSubmit();
        }
    });

    // A button marked data-expands loads a branch once: then it is open, and done.
    document.addEventListener('htmx:afterRequest', function (event) {
        var button = event.target;
        if (button instanceof HTMLButtonElement && button.hasAttribute('data-expands') && event.detail.successful) {
            button.setAttribute('aria-expanded', 'true');
            button.disabled = true;
        }
    });

    // A button marked data-print prints the page; it stays hidden where scripts do not run.
    document.querySelectorAll('button[data-print]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () { window.print(); });
    });
})();
