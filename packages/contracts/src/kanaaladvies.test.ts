import { describe, expect, it } from 'vitest';
import { CHANNELS } from './domain';
import { KANAAL_SOORTEN, kanaaladvies, kanaalSoort, kanaalSoortVan } from './kanaaladvies';

const PASPOORT = { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' };

describe('kanaalSoort', () => {
  it.each([
    ['website (online aanvragen met DigiD)', 'website'],
    ['Omgevingsloket (online)', 'website'],
    ['website of parkeerapp', 'website'],
    ['telefoon (14 + netnummer)', 'telefoon'],
    ['Telefoon (spoed)', 'telefoon'],
    ['balie (op afspraak)', 'balie'],
    ['post', 'post'],
    ['e-mail', 'email'],
    ['chat op de website', 'chat'],
    ['uitvaartondernemer (doet aangifte)', 'anders'],
  ] as const)('%s → %s', (tekst, soort) => {
    expect(kanaalSoort(tekst)).toBe(soort);
  });

  it('maps every contact channel to a kind of channel', () => {
    for (const c of CHANNELS) expect(KANAAL_SOORTEN).toContain(kanaalSoortVan(c));
    expect(kanaalSoortVan('terugbelverzoek')).toBe('telefoon');
    expect(kanaalSoortVan('webformulier')).toBe('website');
  });
});

describe('kanaaladvies', () => {
  it('never tells a caller to call: the phone fallback is dropped for a phone contact', () => {
    const advies = kanaaladvies(PASPOORT, 'telefoon');
    expect(advies).toEqual({
      wijsOp: 'website (afspraak maken)',
      alViaPrimair: false,
      nietViaHuidig: false,
      tekst: 'Wijs op: website (afspraak maken).',
    });
    expect(kanaaladvies(PASPOORT, 'terugbelverzoek').anders).toBeUndefined();
  });

  it('keeps the fallback when it is another channel than the current one', () => {
    expect(kanaaladvies(PASPOORT, 'chat')).toMatchObject({
      wijsOp: 'website (afspraak maken)',
      anders: 'telefoon (14 + netnummer)',
    });
    expect(kanaaladvies(PASPOORT, undefined).anders).toBe('telefoon (14 + netnummer)');
  });

  it('points nowhere when the resident already uses the primary channel', () => {
    const advies = kanaaladvies(PASPOORT, 'webformulier');
    expect(advies.wijsOp).toBeUndefined();
    expect(advies.alViaPrimair).toBe(true);
    expect(advies.tekst).toBe('De klant gebruikt al het beste kanaal voor dit product.');
  });

  it('warns when the product cannot be handled through the current channel', () => {
    const vog = {
      primair: 'website Justis (online met DigiD)',
      secundair: 'balie (op afspraak)',
      nietVia: ['telefoon', 'email', 'chat'] as const,
    };
    const advies = kanaaladvies({ ...vog, nietVia: [...vog.nietVia] }, 'email');
    expect(advies).toMatchObject({ nietViaHuidig: true, wijsOp: vog.primair, anders: 'balie (op afspraak)' });
    expect(advies.tekst).toBe('Dit kan niet via e-mail. Wijs op: website Justis (online met DigiD).');
    expect(kanaaladvies({ ...vog, nietVia: [...vog.nietVia] }, 'balie').nietViaHuidig).toBe(false);
  });
});
