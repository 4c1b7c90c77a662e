import { ZELFSTANDIG_AFGEHANDELD, type ReportOnderwerp } from '@kcc/contracts/dashboard';
import type { StoredRegistrationFact } from './report-registrations';

export const VRIJE_TEKST = 'Vrije tekst (niet uit de lijst)';

interface Group {
  registraties: number;
  contacten: Set<string>;
  zelfstandig: number;
  fcrEligible: number;
  fcrResolved: number;
  sturing: number;
  sturingPrimary: number;
}

/**
 * The per-onderwerp breakdown: folds registrations (with whether first-contact resolution held), kanaalsturing
 * records and per-contact handle time and ratings into one row per onderwerp of the list plus one for free text.
 */
export class OnderwerpBreakdown {
  private readonly groups = new Map<string | null, Group>();
  private readonly byKlantcontact = new Map<string, string | null>();
  private readonly handleMs = new Map<string, number>();
  private readonly ratings = new Map<string, number[]>();

  private group(key: string | null): Group {
    let g = this.groups.get(key);
    if (!g) {
      g = {
        registraties: 0,
        contacten: new Set(),
        zelfstandig: 0,
        fcrEligible: 0,
        fcrResolved: 0,
        sturing: 0,
        sturingPrimary: 0,
      };
      this.groups.set(key, g);
    }
    return g;
  }

  /** A registration in the range that passes the filters; `resolved` as first-contact resolution judged it. */
  registration(r: StoredRegistrationFact, resolved: boolean): void {
    const g = this.group(r.onderwerpId);
    this.byKlantcontact.set(r.klantcontactUuid, r.onderwerpId);
    g.registraties++;
    g.contacten.add(r.contactId);
    if (r.gespreksresultaat !== ZELFSTANDIG_AFGEHANDELD) return;
    g.zelfstandig++;
    if (r.partijUuid !== null) {
      g.fcrEligible++;
      if (resolved) g.fcrResolved++;
    }
  }

  handled(contactId: string, ms: number): void {
    this.handleMs.set(contactId, (this.handleMs.get(contactId) ?? 0) + ms);
  }

  rated(contactId: string, score: number): void {
    this.ratings.set(contactId, [...(this.ratings.get(contactId) ?? []), score]);
  }

  /**
   * A kanaalsturing record: counts for the onderwerp of its klantcontact (after the registrations), and whether the
   * contact came in through the product's primary channel (as `primaryChannelShare` in the other breakdowns).
   */
  kanaalsturing(klantcontactUuid: string, viaPrimair: boolean): void {
    const key = this.byKlantcontact.get(klantcontactUuid);
    if (key === undefined) return;
    const g = this.group(key);
    g.sturing++;
    if (viaPrimair) g.sturingPrimary++;
  }

  rows(naam: (id: string) => string | undefined): ReportOnderwerp[] {
    return [...this.groups.entries()]
      .map(([id, g]): ReportOnderwerp => {
        let handled = 0;
        let handleMsSum = 0;
        let csatCount = 0;
        let csatSum = 0;
        for (const c of g.contacten) {
          const ms = this.handleMs.get(c);
          if (ms !== undefined) {
            handled++;
            handleMsSum += ms;
          }
          for (const score of this.ratings.get(c) ?? []) {
            csatCount++;
            csatSum += score;
          }
        }
        return {
          onderwerpId: id,
          naam: id === null ? VRIJE_TEKST : (naam(id) ?? 'Onbekend onderwerp'),
          registraties: g.registraties,
          contacten: g.contacten.size,
          zelfstandigAfgehandeld: g.zelfstandig,
          firstContactResolved: g.fcrResolved,
          firstContactResolution: g.fcrEligible > 0 ? g.fcrResolved / g.fcrEligible : null,
          ahtSeconds: handled > 0 ? handleMsSum / handled / 1000 : null,
          kanaalsturing: g.sturing,
          primaryChannelShare: g.sturing > 0 ? g.sturingPrimary / g.sturing : null,
          csatCount,
          csatAverage: csatCount > 0 ? csatSum / csatCount : null,
        };
      })
      .sort(
        (a, b) =>
          b.registraties - a.registraties ||
          Number(a.onderwerpId === null) - Number(b.onderwerpId === null) ||
          a.naam.localeCompare(b.naam, 'nl'),
      );
  }
}
