import type {
  BronStatus,
  Contactgegevens,
  IntegraalKlantbeeld,
  OrganisatieIdentiteit,
  PersoonIdentiteit,
  Register,
  Signaal,
  ZaakView,
} from '@kcc/contracts/klantbeeld';
import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import type { Namens, Registers } from './ports';

type Sectie<T> =
  | { status: 'beschikbaar'; data: T }
  | { status: 'niet_beschikbaar'; melding: string }
  | { status: 'niet_van_toepassing'; melding: string }
  | { status: 'afgeschermd'; melding: string };

export const NIET_BESCHIKBAAR: Record<Register, string> = {
  brp: 'Gegevens uit de BRP tijdelijk niet beschikbaar',
  kvk: 'Gegevens uit het Handelsregister tijdelijk niet beschikbaar',
  zaken: 'Zaken tijdelijk niet beschikbaar',
  klantinteracties: 'Klantcontacten tijdelijk niet beschikbaar',
};

export interface KlantbeeldServiceOptions {
  /** Per-register time budget for one section (covers the connector's own retries). */
  timeoutsMs?: Partial<Record<Register, number>>;
  now?: () => Date;
  historyLimit?: number;
  /** Called when a register fails, with the register and the error (for the server log). */
  onRegisterError?: (register: Register, err: unknown) => void;
}

export interface KlantbeeldOnderwerp {
  /** The partij in Klantinteracties, when known. */
  partij?: PartijView;
  bsn?: string;
  kvkNummer?: string;
  /** `contact:<id>` or a purpose code. */
  doel: string;
  /** The employee who asks (Open Zaak's audit trail); the system when absent. */
  namens?: Namens;
  doelOmschrijving: string;
  /** Subject of the current contact, to spot a recent contact about the same subject. */
  onderwerp?: string;
  /**
   * The resident's identity is not established (`herkend` or lower): BRP, KvK and zaken are not asked at all and
   * their sections, like the signals, are `afgeschermd` with this melding.
   */
  afgeschermd?: string;
}

class RegisterTimeout extends Error {
  constructor(register: Register, ms: number) {
    super(`${register}: geen antwoord binnen ${ms} ms`);
    this.name = 'RegisterTimeout';
  }
}

const DEFAULT_TIMEOUT_MS = 2500;
const RECENT_DAYS = 14;
const DAY = 24 * 3600 * 1000;

/**
 * Composes the integraal klantbeeld: identity (BRP or KvK, minimal), contact details, klantcontacten, open
 * interne taken and lopende zaken, all requested in parallel with a time budget per register. A failing
 * register yields a `niet_beschikbaar` section; the rest still loads. Signals are derived from what loaded.
 */
export class KlantbeeldService {
  private readonly now: () => Date;
  private readonly historyLimit: number;

  constructor(
    private readonly registers: Registers,
    private readonly options: KlantbeeldServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.historyLimit = options.historyLimit ?? 50;
  }

  async compose(o: KlantbeeldOnderwerp): Promise<IntegraalKlantbeeld> {
    const started = performance.now();
    const bronnen: BronStatus[] = [];
    const bsn = o.bsn ?? o.partij?.bsn;
    const kvkNummer = bsn === undefined ? (o.kvkNummer ?? o.partij?.kvkNummer) : undefined;
    const partijUuid = o.partij?.uuid;
    const r = this.registers;
    if (o.afgeschermd !== undefined) return this.composeAfgeschermd(o, o.afgeschermd, started);

    const identiteitP: Promise<Sectie<PersoonIdentiteit | OrganisatieIdentiteit>> = bsn
      ? this.section(
          'brp',
          r.brp.bron,
          bronnen,
          () => r.brp.raadpleeg(bsn),
          (p) =>
            p
              ? { status: 'beschikbaar', data: p }
              : { status: 'niet_van_toepassing', melding: 'Niet gevonden in de BRP' },
        )
      : kvkNummer
        ? this.section(
            'kvk',
            r.kvk.bron,
            bronnen,
            () => r.kvk.basisprofiel(kvkNummer),
            (p) =>
              p
                ? { status: 'beschikbaar', data: p }
                : { status: 'niet_van_toepassing', melding: 'Niet gevonden in het Handelsregister' },
          )
        : Promise.resolve({ status: 'niet_van_toepassing', melding: 'Geen BSN of KvK-nummer bekend' });

    const zakenP: Promise<Sectie<{ items: ZaakView[] }>> = bsn
      ? this.section(
          'zaken',
          r.zaken.bron,
          bronnen,
          () => r.zaken.zakenVanPersoon(bsn, o.namens),
          (items) => ({
            status: 'beschikbaar',
            data: { items },
          }),
        )
      : kvkNummer
        ? // Zaken 1.5.1 filters organisations on RSIN, which the basisprofiel gives: chain on the identity.
          this.section(
            'zaken',
            r.zaken.bron,
            bronnen,
            async () => {
              const id = await identiteitP;
              const rsin =
                id.status === 'beschikbaar' && id.data.soort === 'organisatie' ? id.data.rsin : undefined;
              return r.zaken.zakenVanOrganisatie({ kvkNummer, ...(rsin ? { rsin } : {}) }, o.namens);
            },
            (items) => ({ status: 'beschikbaar', data: { items } }),
          )
        : Promise.resolve({ status: 'niet_van_toepassing', melding: 'Geen BSN of KvK-nummer bekend' });

    const geenPartij = {
      status: 'niet_van_toepassing',
      melding: 'Nog niet bekend in het klantregister',
    } as const;
    const klantcontactenP: Promise<Sectie<{ items: KlantcontactView[]; kanalen: string[] }>> = partijUuid
      ? this.section(
          'klantinteracties',
          r.klantinteracties.bron,
          bronnen,
          () => r.klantinteracties.klantcontactenVan(partijUuid, this.historyLimit),
          (items) => ({
            status: 'beschikbaar',
            data: { items, kanalen: [...new Set(items.map((k) => k.kanaal))] },
          }),
        )
      : Promise.resolve(geenPartij);
    const takenP: Promise<Sectie<{ items: InterneTaakView[] }>> = partijUuid
      ? this.section(
          'klantinteracties',
          r.klantinteracties.bron,
          null,
          () => r.klantinteracties.openInterneTakenVanPartij(partijUuid),
          (items) => ({ status: 'beschikbaar', data: { items } }),
        )
      : Promise.resolve(geenPartij);

    const [identiteit, zaken, klantcontacten, interneTaken] = await Promise.all([
      identiteitP,
      zakenP,
      klantcontactenP,
      takenP,
    ]);
    const contactgegevens: Sectie<Contactgegevens> = o.partij
      ? { status: 'beschikbaar', data: contactgegevensVan(o.partij) }
      : geenPartij;
    for (const reg of ['brp', 'kvk', 'zaken', 'klantinteracties'] as const) {
      if (!bronnen.some((b) => b.register === reg)) {
        const bron = reg === 'klantinteracties' ? r.klantinteracties.bron : r[reg].bron;
        bronnen.push({ register: reg, status: 'niet_van_toepassing', bron, duurMs: 0 });
      }
    }
    const now = this.now();
    return {
      identiteit,
      contactgegevens,
      klantcontacten,
      interneTaken,
      zaken,
      signalen: signalen({
        now,
        zaken: zaken.status === 'beschikbaar' ? zaken.data.items : [],
        klantcontacten: klantcontacten.status === 'beschikbaar' ? klantcontacten.data.items : [],
        interneTaken: interneTaken.status === 'beschikbaar' ? interneTaken.data.items : [],
        ...(o.onderwerp !== undefined ? { onderwerp: o.onderwerp } : {}),
      }),
      verantwoording: {
        doel: o.doel,
        doelOmschrijving: o.doelOmschrijving,
        samengesteldOp: now.toISOString(),
        duurMs: Math.round(performance.now() - started),
        bronnen: bronnen.sort((a, b) => a.register.localeCompare(b.register)),
      },
    };
  }

  /** Only what Klantinteracties holds about the partij: contact history, open taken and contact details. */
  private async composeAfgeschermd(
    o: KlantbeeldOnderwerp,
    melding: string,
    started: number,
  ): Promise<IntegraalKlantbeeld> {
    const r = this.registers;
    const bronnen: BronStatus[] = [];
    const partijUuid = o.partij?.uuid;
    const geenPartij = {
      status: 'niet_van_toepassing',
      melding: 'Nog niet bekend in het klantregister',
    } as const;
    const [klantcontacten, interneTaken] = await Promise.all([
      partijUuid
        ? this.section(
            'klantinteracties',
            r.klantinteracties.bron,
            bronnen,
            () => r.klantinteracties.klantcontactenVan(partijUuid, this.historyLimit),
            (items) => ({
              status: 'beschikbaar' as const,
              data: { items, kanalen: [...new Set(items.map((k) => k.kanaal))] },
            }),
          )
        : geenPartij,
      partijUuid
        ? this.section(
            'klantinteracties',
            r.klantinteracties.bron,
            null,
            () => r.klantinteracties.openInterneTakenVanPartij(partijUuid),
            (items) => ({ status: 'beschikbaar' as const, data: { items } }),
          )
        : geenPartij,
    ]);
    if (!partijUuid) {
      bronnen.push({
        register: 'klantinteracties',
        status: 'niet_van_toepassing',
        bron: r.klantinteracties.bron,
        duurMs: 0,
      });
    }
    for (const reg of ['brp', 'kvk', 'zaken'] as const) {
      bronnen.push({ register: reg, status: 'afgeschermd', bron: r[reg].bron, duurMs: 0 });
    }
    const now = this.now();
    return {
      identiteit: { status: 'afgeschermd', melding },
      contactgegevens: o.partij ? { status: 'beschikbaar', data: contactgegevensVan(o.partij) } : geenPartij,
      klantcontacten,
      interneTaken,
      zaken: { status: 'afgeschermd', melding },
      signalen: [],
      verantwoording: {
        doel: o.doel,
        doelOmschrijving: o.doelOmschrijving,
        samengesteldOp: now.toISOString(),
        duurMs: Math.round(performance.now() - started),
        bronnen: bronnen.sort((a, b) => a.register.localeCompare(b.register)),
      },
    };
  }

  /** Run one register call within its time budget; failures become `niet_beschikbaar`. */
  private async section<T, S>(
    register: Register,
    bron: BronStatus['bron'],
    bronnen: BronStatus[] | null,
    call: () => Promise<T>,
    toSection: (value: T) => S,
  ): Promise<S | { status: 'niet_beschikbaar'; melding: string }> {
    const ms = this.options.timeoutsMs?.[register] ?? DEFAULT_TIMEOUT_MS;
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const record = (status: BronStatus['status']) =>
      bronnen?.push({ register, status, bron, duurMs: Math.round(performance.now() - t0) });
    try {
      const value = await Promise.race([
        call(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RegisterTimeout(register, ms)), ms);
        }),
      ]);
      const s = toSection(value);
      record((s as { status: BronStatus['status'] }).status);
      return s;
    } catch (err) {
      this.options.onRegisterError?.(register, err);
      record('niet_beschikbaar');
      return { status: 'niet_beschikbaar', melding: NIET_BESCHIKBAAR[register] };
    } finally {
      clearTimeout(timer);
    }
  }
}

export function contactgegevensVan(partij: PartijView): Contactgegevens {
  const standaard = partij.digitaleAdressen.filter((a) => a.isStandaardAdres);
  const voorkeur =
    standaard.find((a) => a.soortDigitaalAdres === 'telefoonnummer') ??
    standaard.find((a) => a.soortDigitaalAdres === 'email');
  return {
    digitaleAdressen: partij.digitaleAdressen,
    ...(voorkeur
      ? {
          voorkeurskanaal: voorkeur.soortDigitaalAdres === 'telefoonnummer' ? 'telefoon' : 'email',
          voorkeursadres: voorkeur.adres,
        }
      : {}),
  };
}

const STOPWOORDEN = new Set(['over', 'voor', 'van', 'een', 'het', 'de', 'en', 'met', 'aanvraag', 'vraag']);
function woorden(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9à-ž]+/)
      .filter((w) => w.length >= 3 && !STOPWOORDEN.has(w)),
  );
}
const overlapt = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));
const datumNl = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
};

/**
 * Proactive signals: a zaak past its deadline; an open callback request (open interne taak, or a
 * terugbelverzoek contact); a contact in the last 14 days about the same subject as the current contact,
 * or about a lopende zaak.
 */
export function signalen(input: {
  now: Date;
  zaken: ZaakView[];
  klantcontacten: KlantcontactView[];
  interneTaken: InterneTaakView[];
  onderwerp?: string;
}): Signaal[] {
  const out: Signaal[] = [];
  for (const z of input.zaken) {
    if (!z.termijnVerstreken) continue;
    const deadline = z.einddatumGepland ?? z.uiterlijkeEinddatumAfdoening ?? '';
    out.push({
      soort: 'zaak_termijn_verstreken',
      ernst: 'waarschuwing',
      tekst: `Zaak ${z.identificatie} (${z.omschrijving}) had op ${datumNl(deadline)} klaar moeten zijn.`,
      verwijzing: { type: 'zaak', uuid: z.uuid },
    });
  }
  for (const t of input.interneTaken) {
    if (t.status !== 'te_verwerken') continue;
    out.push({
      soort: 'open_terugbelverzoek',
      ernst: 'waarschuwing',
      tekst: `Er staat nog een verzoek open: ${t.gevraagdeHandeling} (sinds ${datumNl(t.toegewezenOp)}).`,
      verwijzing: { type: 'interne_taak', uuid: t.uuid },
    });
  }
  const vanaf = input.now.getTime() - RECENT_DAYS * DAY;
  const recent = input.klantcontacten.filter((k) => Date.parse(k.plaatsgevondenOp) >= vanaf);
  const takenKc = new Set(input.interneTaken.map((t) => t.klantcontact.uuid));
  for (const k of recent) {
    if (k.kanaal === 'terugbelverzoek' && !takenKc.has(k.uuid) && k.reactie === undefined) {
      out.push({
        soort: 'open_terugbelverzoek',
        ernst: 'waarschuwing',
        tekst: `Terugbelverzoek van ${datumNl(k.plaatsgevondenOp)} over "${k.onderwerp}" is nog niet beantwoord.`,
        verwijzing: { type: 'klantcontact', uuid: k.uuid },
      });
    }
  }
  const huidig = input.onderwerp ? woorden(input.onderwerp) : undefined;
  const zaakWoorden = input.zaken.map((z) => ({ z, w: woorden(`${z.omschrijving} ${z.zaaktype}`) }));
  for (const k of recent) {
    const w = woorden(k.onderwerp);
    const zaak = zaakWoorden.find((x) => overlapt(w, x.w))?.z;
    if (huidig && overlapt(w, huidig)) {
      out.push({
        soort: 'recent_contact_zelfde_onderwerp',
        ernst: 'info',
        tekst: `Op ${datumNl(k.plaatsgevondenOp)} was er al contact via ${k.kanaal} over "${k.onderwerp}".`,
        verwijzing: { type: 'klantcontact', uuid: k.uuid },
      });
    } else if (zaak) {
      out.push({
        soort: 'recent_contact_zelfde_onderwerp',
        ernst: 'info',
        tekst: `Op ${datumNl(k.plaatsgevondenOp)} was er contact over "${k.onderwerp}", dat past bij zaak ${zaak.identificatie}.`,
        verwijzing: { type: 'klantcontact', uuid: k.uuid },
      });
    }
  }
  return out;
}
