import type { VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { describe, expect, it } from 'vitest';
import { CSV_HEADERS, csvCell, toCsv } from './csv-export';

const actie: VerwerkingsactieDto = {
  actieId: '6a3c1f0e-8d2b-4c5a-9e7f-1b2c3d4e5f60',
  url: 'http://kcc.test/api/audit/verwerkingsacties/6a3c1f0e-8d2b-4c5a-9e7f-1b2c3d4e5f60',
  actieNaam: 'Gegevens inzien (Klantinteracties)',
  handelingNaam: 'inzien',
  verwerkingNaam: 'Klantcontact afhandelen (KCC)',
  verwerkingId: '0f0e0d0c-0b0a-4908-8706-050403020100',
  verwerkingsactiviteitId: 'a4fc6e04-934c-4035-a117-32add96b7f26',
  verwerkingsactiviteitCode: 'kcc-klantcontact-afhandelen',
  vertrouwelijkheid: 'normaal',
  bewaartermijn: 'P2Y',
  systeem: 'kcc-werkplek',
  gebruiker: { id: 'user-anna', naam: 'Anna "AdV"; de Vries', rol: 'medewerker' },
  gegevensbron: 'klantinteracties',
  doel: 'contact:c-1',
  doelOmschrijving: 'Afhandelen van een lopend klantcontact',
  contactId: 'c-1',
  tijdstip: '2024-05-01T08:00:00.000Z',
  tijdstipRegistratie: '2024-05-01T08:00:00.010Z',
  verwerkteObjecten: [
    {
      verwerktObjectId: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
      objecttype: 'persoon',
      soortObjectId: 'BSN',
      objectId: '999993653',
      bsn: '999993653',
      betrokkenheid: 'Klant',
      verwerkteSoortenGegevens: [{ soortGegeven: 'identificatie' }, { soortGegeven: 'contactgegevens' }],
    },
  ],
};

describe('CSV export', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+31')).toBe("'+31");
    expect(csvCell('regel\nnieuw')).toBe('"regel\nnieuw"');
  });

  it('writes a BOM, Dutch headers and one line per verwerkt object', () => {
    const csv = toCsv([actie, { ...actie, verwerkteObjecten: [] }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(CSV_HEADERS.join(';'));
    expect(CSV_HEADERS).toContain('Tijdstip');
    expect(CSV_HEADERS).toContain('Soorten gegevens');
    const cells = lines[1]!.split(';');
    // Local time in Amsterdam (summer time: UTC+2), also for the registration time.
    expect(cells[0]).toBe('2024-05-01 10:00:00');
    expect(lines[1]!.endsWith(';2024-05-01 10:00:00')).toBe(true); // Tijdstip registratie, the last column
    expect(cells[CSV_HEADERS.indexOf('Soorten gegevens')]).toBe('identificatie, contactgegevens');
    expect(cells[CSV_HEADERS.indexOf('BSN')]).toBe('999993653');
    expect(lines[1]).toContain('"Anna ""AdV""; de Vries"');
  });
});
