/* global window, document, fetch */
// Demo only: stands in for a DigiD login on the municipality's website. The server's demo route signs a token with
// the demo's test issuer; the page hands it to the chat widget (window.KccChat.setDigidToken), as a real site would
// with the token from its DigiD broker.
(function () {
  'use strict';
  var box = document.getElementById('digid-demo');
  if (!box) return;
  var select = box.querySelector('select');
  var button = box.querySelector('button');
  var status = box.querySelector('[role="status"]');

  fetch('/demo/digid/personen')
    .then(function (res) {
      if (!res.ok) throw new Error('niet beschikbaar');
      return res.json();
    })
    .then(function (body) {
      body.items.forEach(function (p) {
        var option = document.createElement('option');
        option.value = p.bsn;
        option.textContent = p.naam;
        select.appendChild(option);
      });
      box.hidden = false;
    })
    .catch(function () {
      box.hidden = true;
    });

  button.addEventListener('click', function () {
    if (!select.value) {
      status.textContent = 'Kies eerst een inwoner.';
      select.focus();
      return;
    }
    button.disabled = true;
    fetch('/demo/digid/inloggen', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bsn: select.value }),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('mislukt');
        return res.json();
      })
      .then(function (body) {
        if (window.KccChat) window.KccChat.setDigidToken(body.token);
        status.textContent = 'U bent ingelogd met DigiD als ' + body.naam + ' (demo). Start nu een chat.';
      })
      .catch(function () {
        status.textContent = 'Inloggen lukte niet. Probeer het opnieuw.';
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
