/* global window, document, fetch */
// Demo contact page: opens the chat widget, and sends the contact form to the server's demo route, which hands it to
// the web-form channel (the integration key stays on the server; a browser must never hold it).
(function () {
  'use strict';
  var FORM_ENDPOINT = '/demo/contactformulier';
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

  var openChat = document.getElementById('open-chat');
  if (openChat) {
    openChat.addEventListener('click', function () {
      if (window.KccChat) window.KccChat.open();
    });
  }

  var form = document.getElementById('contactformulier');
  var status = document.getElementById('formulier-status');
  if (!form || !status) return;

  function field(name) {
    return form.elements.namedItem(name);
  }

  function showError(message, input) {
    status.textContent = message;
    status.className = 'form-status error';
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
    });
    var naam = field('naam').value.trim();
    var email = field('email').value.trim();
    var telefoon = field('telefoon').value.trim();
    var onderwerp = field('onderwerp').value.trim();
    var vraag = field('vraag').value.trim();
    if (!naam) return showError('Vul uw naam in.', field('naam'));
    if (!EMAIL.test(email))
      return showError('Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.', field('email'));
    if (!vraag) return showError('Vul uw vraag in.', field('vraag'));

    status.className = 'form-status';
    status.textContent = 'Bezig met versturen…';
    var body = { naam: naam, email: email, vraag: vraag };
    if (telefoon) body.telefoon = telefoon;
    if (onderwerp) body.onderwerp = onderwerp;
    fetch(FORM_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        if (response.ok) {
          form.reset();
          status.className = 'form-status';
          status.textContent = 'Bedankt. We hebben uw vraag ontvangen. U krijgt binnen 2 werkdagen antwoord.';
          return;
        }
        if (response.status === 400) {
          return response.json().then(function (problem) {
            var first = problem && problem.invalidParams && problem.invalidParams[0];
            var input = first ? field(first.name) : null;
            showError((first && first.reason) || problem.detail || 'Controleer wat u heeft ingevuld.', input);
          });
        }
        if (response.status === 429) {
          showError('U heeft te vaak iets verstuurd. Probeer het over een paar minuten opnieuw.');
          return;
        }
        showError('Het formulier werkt nu niet. Bel 14 0123 of start een chat.');
      })
      .catch(function () {
        showError(
          'Het formulier werkt nu niet. Controleer uw internetverbinding, bel 14 0123 of start een chat.',
        );
      });
  });
})();
