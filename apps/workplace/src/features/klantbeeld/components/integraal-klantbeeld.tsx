import type { IntegraalKlantbeeld as Integraal } from '@kcc/contracts/klantbeeld';
import type { KlantbeeldDoelkeuze } from '../api/get-register-klantbeeld';
import { ContactgegevensDetails } from './contactgegevens-details';
import { OrganisatieIdentiteitDetails, PersoonIdentiteitDetails } from './identiteit-details';
import { KlantbeeldSectie } from './klantbeeld-sectie';
import { KlantcontactTimeline } from './klantcontact-timeline';
import { InterneTakenItems } from './partij-interne-taken';
import { SignalenList } from './signalen-list';
import { VerantwoordingNote } from './verantwoording-note';
import { ZakenList } from './zaken-list';

/**
 * The integraal klantbeeld: signals first, then identity, contact details, lopende zaken, the history across
 * channels and open interne taken; the purpose it was read for at the bottom. Each part loads on its own.
 */
export function IntegraalKlantbeeld({
  integraal,
  doel,
}: {
  integraal: Integraal;
  /** The purpose it was read for; earlier contacts' messages are read for the same one. */
  doel?: KlantbeeldDoelkeuze;
}) {
  const soort = integraal.identiteit.status === 'beschikbaar' ? integraal.identiteit.data.soort : undefined;
  return (
    <div className="space-y-4" data-testid="integraal-klantbeeld">
      <SignalenList signalen={integraal.signalen} />
      <KlantbeeldSectie
        title={soort === 'organisatie' ? 'Bedrijfsgegevens (Handelsregister)' : 'Persoonsgegevens (BRP)'}
        sectie={integraal.identiteit}
        testId="identiteit"
      >
        {(data) =>
          data.soort === 'persoon' ? (
            <PersoonIdentiteitDetails persoon={data} />
          ) : (
            <OrganisatieIdentiteitDetails organisatie={data} />
          )
        }
      </KlantbeeldSectie>
      <KlantbeeldSectie title="Contactgegevens" sectie={integraal.contactgegevens} testId="contactgegevens">
        {(data) => <ContactgegevensDetails gegevens={data} />}
      </KlantbeeldSectie>
      <KlantbeeldSectie
        title="Lopende zaken"
        sectie={integraal.zaken}
        testId="zaken"
        count={(data) => data.items.length}
      >
        {(data) => <ZakenList zaken={data.items} />}
      </KlantbeeldSectie>
      <KlantbeeldSectie
        title="Eerdere contacten"
        sectie={integraal.klantcontacten}
        testId="klantcontacten"
        count={(data) => data.items.length}
      >
        {(data) => (
          <KlantcontactTimeline items={data.items} kanalen={data.kanalen} {...(doel ? { doel } : {})} />
        )}
      </KlantbeeldSectie>
      <KlantbeeldSectie
        title="Open interne taken"
        sectie={integraal.interneTaken}
        testId="interne-taken-klant"
        count={(data) => data.items.length}
      >
        {(data) => <InterneTakenItems taken={data.items} />}
      </KlantbeeldSectie>
      <VerantwoordingNote verantwoording={integraal.verantwoording} />
    </div>
  );
}
