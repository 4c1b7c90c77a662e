import { describe, expect, it } from 'vitest';
import { fromPattern, loadSpec } from '../../test-support/connectors/oas-spec';

describe('spec tooling: request validation, response sampling', () => {
  const zaken = loadSpec('zaken-v1.yaml');
  const catalogi = loadSpec('catalogi-v1.yaml');
  const brp = loadSpec('brp-personen-v2.yaml');
  const ki = loadSpec('klantinteracties-v1.yaml');

  it('generates shortest strings from the spec patterns', () => {
    expect(fromPattern('^[0-9]{9}$')).toBe('000000000');
    expect(fromPattern('^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$')).toBe('1000AA');
    expect(fromPattern('^([Mm]|[Vv]|[Oo])$')).toBe('M');
  });

  it.each([
    [zaken, 'get', '/zaken'],
    [zaken, 'get', '/statussen/{uuid}'],
    [zaken, 'get', '/rollen'],
    [zaken, 'get', '/zaakinformatieobjecten'],
    [catalogi, 'get', '/statustypen/{uuid}'],
    [catalogi, 'get', '/zaaktypen/{uuid}'],
    [brp, 'post', '/personen'],
    [ki, 'get', '/klantcontacten'],
    [ki, 'get', '/digitaleadressen'],
    [ki, 'post', '/klantcontacten'],
  ] as const)('a sampled response of %# validates against its own schema', (spec, method, template) => {
    const status = method === 'post' && spec === ki ? 201 : 200;
    const body = spec.sampleResponse(method, template, status);
    expect(spec.validateResponse(method, template, status, body)).toEqual([]);
  });

  it('accepts ordering=-startdatum on GET /zaken (nested enum patched) and requires Accept-Crs but not Content-Crs', () => {
    const ok = zaken.validateRequest({
      method: 'GET',
      url: '/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=999993653&ordering=-startdatum&einddatum__isnull=true',
      headers: { 'accept-crs': 'EPSG:4326' },
    });
    expect(ok).toEqual([]);
    expect(zaken.validateRequest({ method: 'GET', url: '/zaken', headers: {} }).join()).toContain(
      'Accept-Crs',
    );
    expect(
      zaken.validateRequest({
        method: 'GET',
        url: '/zaken?ordering=kleur',
        headers: { 'accept-crs': 'EPSG:4326' },
      }),
    ).not.toEqual([]);
    expect(
      zaken
        .validateRequest({ method: 'GET', url: '/zaken?kvkNummer=1', headers: { 'accept-crs': 'EPSG:4326' } })
        .join(),
    ).toContain('not in the spec');
    expect(zaken.validateRequest({ method: 'DELETE', url: '/zaken', headers: {} }).join()).toContain(
      'no such operation',
    );
  });

  it('validates a BRP PersonenQuery body by its type, with fields required (OAS 3.1)', () => {
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    const ok = {
      type: 'RaadpleegMetBurgerservicenummer',
      burgerservicenummer: ['999993653'],
      fields: ['naam.volledigeNaam'],
    };
    expect(brp.validateRequest({ method: 'POST', url: '/personen', headers, body: ok })).toEqual([]);
    const { fields: _f, ...zonderFields } = ok;
    expect(
      brp.validateRequest({ method: 'POST', url: '/personen', headers, body: zonderFields }),
    ).not.toEqual([]);
    expect(
      brp.validateRequest({
        method: 'POST',
        url: '/personen',
        headers,
        body: { ...ok, burgerservicenummer: ['12'] },
      }),
    ).not.toEqual([]);
    expect(
      brp
        .validateRequest({
          method: 'POST',
          url: '/personen',
          headers,
          body: { type: 'ZoekMetPostcodeEnHuisnummer', postcode: '1234AB', fields: ['burgerservicenummer'] },
        })
        .join(),
    ).toContain('huisnummer');
    expect(
      brp
        .validateRequest({
          method: 'POST',
          url: '/personen',
          headers: { 'content-type': 'text/plain' },
          body: ok,
        })
        .join(),
    ).toContain('content-type');
  });
});
