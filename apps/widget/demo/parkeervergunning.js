/* global document */
// Demo: a multi-step parkeervergunning aanvraag (BSN and IBAN included) to try co-browse on. Nothing is sent.
(function () {
  'use strict';
  var TITELS = ['Uw gegevens', 'Uw adres en auto', 'Betalen', 'Controleren'];
  var form = document.getElementById('vergunning');
  var status = document.getElementById('formulier-status');
  var indicator = document.getElementById('stap-indicator');
  var vorige = document.getElementById('vorige');
  var volgende = document.getElementById('volgende');
  var bevestiging = document.getElementById('bevestiging');
  if (!form || !status || !indicator || !vorige || !volgende || !bevestiging) return;
  var stappen = form.querySelectorAll('fieldset[data-stap]');
  var huidig = 0;

  function elfProef(bsn) {
    if (!/^[0-9]{9}$/.test(bsn)) return false;
    var som = 0;
    for (var i = 0; i < 8; i++) som += Number(bsn[i]) * (9 - i);
    som -= Number(bsn[8]);
    return som % 11 === 0;
  }
  function ibanKlopt(waarde) {
    var iban = waarde.replace(/\s+/g, '').toUpperCase();
    if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
    var omgezet = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, function (c) {
      return String(c.charCodeAt(0) - 55);
    });
    var rest = 0;
    for (var i = 0; i < omgezet.length; i++) rest = (rest * 10 + Number(omgezet[i])) % 97;
    return rest === 1;
  }
  var CONTROLES = {
    bsn: function (v) {
      return elfProef(v.replace(/[\s.]/g, '')) ? '' : 'Vul een geldig BSN in (9 cijfers).';
    },
    iban: function (v) {
      return ibanKlopt(v) ? '' : 'Vul een geldig rekeningnummer (IBAN) in.';
    },
    email: function (v) {
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v) ? '' : 'Vul een geldig e-mailadres in.';
    },
  };

  function toon(index) {
    huidig = index;
    Array.prototype.forEach.call(stappen, function (f, i) {
      f.hidden = i !== index;
    });
    vorige.hidden = index === 0;
    volgende.textContent = index === stappen.length - 1 ? 'Aanvraag versturen' : 'Volgende';
    indicator.textContent = 'Stap ' + (index + 1) + ' van ' + stappen.length + ': ' + TITELS[index];
    status.textContent = '';
    if (index === stappen.length - 1) vulSamenvatting();
    if (index === 1) tekenKaart();
    var eerste = stappen[index].querySelector('input');
    if (eerste) eerste.focus();
  }

  function vulSamenvatting() {
    Array.prototype.forEach.call(form.querySelectorAll('[data-veld]'), function (dd) {
      var veld = form.elements.namedItem(dd.getAttribute('data-veld'));
      dd.textContent = veld ? veld.value.trim() : '';
    });
  }

  function tekenKaart() {
    var canvas = document.getElementById('zonekaart');
    var ctx = canvas && canvas.getContext ? canvas.getContext('2d') : null;
    if (!ctx) return;
    ctx.fillStyle = '#1d4ed8';
    ctx.fillRect(0, 0, 160, 120);
    ctx.fillStyle = '#15803d';
    ctx.fillRect(160, 0, 160, 120);
  }

  function controleer(fieldset) {
    var fout = null;
    Array.prototype.forEach.call(fieldset.querySelectorAll('input'), function (input) {
      input.removeAttribute('aria-invalid');
      var waarde = input.value.trim();
      var melding = '';
      if (input.required && waarde === '') melding = 'Vul dit veld in.';
      else if (waarde !== '' && CONTROLES[input.name]) melding = CONTROLES[input.name](waarde);
      if (melding && !fout) fout = { input: input, melding: melding };
      if (melding) input.setAttribute('aria-invalid', 'true');
    });
    return fout;
  }

  vorige.addEventListener('click', function () {
    if (huidig > 0) toon(huidig - 1);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var fout = controleer(stappen[huidig]);
    if (fout) {
      var label = form.querySelector('label[for="' + fout.input.id + '"]');
      status.textContent = (label ? label.textContent + ': ' : '') + fout.melding;
      fout.input.focus();
      return;
    }
    if (huidig < stappen.length - 1) {
      toon(huidig + 1);
      return;
    }
    form.hidden = true;
    indicator.hidden = true;
    bevestiging.hidden = false;
    bevestiging.focus();
  });
})();
