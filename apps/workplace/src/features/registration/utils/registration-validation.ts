import type { RegistrationRequest } from '@kcc/contracts/rest';
import type { InvalidParamItem } from '../../../lib/api-client';
import { invalidParamReason } from '../../../lib/api-client';
import type { DraftField, RegistrationDraft } from '../stores/registration-drafts-store';

export type RegistrationErrors = Partial<Record<DraftField, string>>;

import { LIMITS } from './registration-limits';

export { LIMITS };

export function validateRegistration(draft: RegistrationDraft): RegistrationErrors {
  const errors: RegistrationErrors = {};
  if (draft.onderwerp.trim() === '') errors.onderwerp = 'Vul het onderwerp in.';
  else if (draft.onderwerp.trim().length > LIMITS.onderwerp)
    errors.onderwerp = `Het onderwerp mag maximaal ${LIMITS.onderwerp} tekens hebben.`;
  if (draft.inhoud.length > LIMITS.inhoud)
    errors.inhoud = `De vraag mag maximaal ${LIMITS.inhoud} tekens hebben.`;
  if (draft.reactie.length > LIMITS.reactie)
    errors.reactie = `Het antwoord mag maximaal ${LIMITS.reactie} tekens hebben.`;
  if (draft.kanaal.trim() === '') errors.kanaal = 'Kies het kanaal.';
  if (draft.gespreksresultaat === '') errors.gespreksresultaat = 'Kies een gespreksresultaat.';
  if (draft.interneTaak) {
    if (draft.afdeling === '') errors.afdeling = 'Kies de afdeling die de taak krijgt.';
    if (draft.gevraagdeHandeling.trim() === '')
      errors.gevraagdeHandeling = 'Beschrijf wat de afdeling moet doen.';
    else if (draft.gevraagdeHandeling.trim().length > LIMITS.gevraagdeHandeling)
      errors.gevraagdeHandeling = `Maximaal ${LIMITS.gevraagdeHandeling} tekens.`;
    if (draft.toelichting.length > LIMITS.toelichting)
      errors.toelichting = `De toelichting mag maximaal ${LIMITS.toelichting} tekens hebben.`;
  }
  return errors;
}

export function toRegistrationRequest(
  draft: RegistrationDraft,
  options: { afronden: boolean; partijUuid?: string },
): RegistrationRequest {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    onderwerp: draft.onderwerp.trim(),
    onderwerpId: draft.onderwerpId,
    inhoud: optional(draft.inhoud),
    reactie: optional(draft.reactie),
    kanaal: draft.kanaal,
    gespreksresultaat: draft.gespreksresultaat,
    partij: options.partijUuid ? { uuid: options.partijUuid } : undefined,
    interneTaak: draft.interneTaak
      ? {
          gevraagdeHandeling: draft.gevraagdeHandeling.trim(),
          toelichting: optional(draft.toelichting),
          actor: draft.afdeling ? { uuid: draft.afdeling } : undefined,
        }
      : undefined,
    kanaalsturing: draft.kanaalsturing
      ? {
          product: draft.kanaalsturing.product.slice(0, 200),
          primairKanaal: draft.kanaalsturing.primairKanaal.slice(0, 100),
          gewezenOpPrimairKanaal: draft.kanaalsturing.gewezenOpPrimairKanaal,
        }
      : undefined,
    bronnen: draft.bronnen.length > 0 ? draft.bronnen.map(({ id, title }) => ({ id, title })) : undefined,
    afronden: options.afronden,
  };
}

const PARAM_FIELDS: Record<string, DraftField> = {
  onderwerp: 'onderwerp',
  onderwerpId: 'onderwerp',
  inhoud: 'inhoud',
  reactie: 'reactie',
  kanaal: 'kanaal',
  gespreksresultaat: 'gespreksresultaat',
  interneTaak: 'gevraagdeHandeling',
  'interneTaak.gevraagdeHandeling': 'gevraagdeHandeling',
  'interneTaak.toelichting': 'toelichting',
  'interneTaak.actor': 'afdeling',
  'interneTaak.actor.uuid': 'afdeling',
};

/** The server's invalidParams, placed next to the fields they belong to; the rest stays general. */
export function mapInvalidParams(params: InvalidParamItem[]): {
  fields: RegistrationErrors;
  general: string[];
} {
  const fields: RegistrationErrors = {};
  const general: string[] = [];
  for (const param of params) {
    const field = PARAM_FIELDS[param.name.replace(/^body\./, '')];
    if (field) fields[field] ??= invalidParamReason(param);
    else general.push(invalidParamReason(param));
  }
  return { fields, general };
}
