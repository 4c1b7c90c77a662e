import { beforeEach, describe, expect, it } from 'vitest';
import { toRegistrationRequest } from '../utils/registration-validation';
import { appendAnswer, registrationDraftActions, useRegistrationDraft } from './registration-drafts-store';
import { renderHook } from '@testing-library/react';

const draftOf = (contactId: string) =>
  renderHook(() => useRegistrationDraft(contactId, 'telefoon')).result.current;

const paspoort = {
  answer: 'Maak online een afspraak.',
  bron: { id: 'upl:paspoort', title: 'paspoort' },
  kanaal: { product: 'paspoort', primair: 'website', secundair: 'telefoon' },
};

describe('registration draft: kennisbank use', () => {
  beforeEach(() => registrationDraftActions.contactsLeft([]));

  it('appends the answer, records the source once and fills the kanaalsturing (not yet pointed)', () => {
    registrationDraftActions.draftEdited('c-1', 'telefoon', { reactie: 'Eerst dit.' });
    registrationDraftActions.articleUsed('c-1', 'telefoon', paspoort);
    registrationDraftActions.articleUsed('c-1', 'telefoon', {
      answer: 'Kosten: € 80.',
      bron: { id: 'vac:2', title: 'Kosten' },
    });
    registrationDraftActions.articleUsed('c-1', 'telefoon', paspoort);
    const draft = draftOf('c-1');
    expect(draft.reactie).toBe('Eerst dit.\n\nMaak online een afspraak.\n\nKosten: € 80.');
    expect(draft.bronnen.map((b) => b.id)).toEqual(['upl:paspoort', 'vac:2']);
    expect(draft.kanaalsturing).toEqual({
      product: 'paspoort',
      primairKanaal: 'website',
      secundairKanaal: 'telefoon',
      gewezenOpPrimairKanaal: false,
    });
    // Other contacts are untouched.
    expect(draftOf('c-2').bronnen).toEqual([]);
  });

  it('keeps the "gewezen" mark for the same product, removes sources and kanaalsturing, and clears them after a question', () => {
    registrationDraftActions.articleUsed('c-1', 'telefoon', paspoort);
    registrationDraftActions.gewezenOpPrimairKanaalChanged('c-1', 'telefoon', true);
    registrationDraftActions.articleUsed('c-1', 'telefoon', {
      ...paspoort,
      bron: { id: 'wi:1', title: 'Instructie' },
    });
    expect(draftOf('c-1').kanaalsturing?.gewezenOpPrimairKanaal).toBe(true);

    const request = toRegistrationRequest(draftOf('c-1'), { afronden: false });
    expect(request.kanaalsturing).toEqual({
      product: 'paspoort',
      primairKanaal: 'website',
      gewezenOpPrimairKanaal: true,
    });
    expect(request.bronnen).toEqual([
      { id: 'upl:paspoort', title: 'paspoort' },
      { id: 'wi:1', title: 'Instructie' },
    ]);

    registrationDraftActions.bronRemoved('c-1', 'upl:paspoort');
    registrationDraftActions.kanaalsturingRemoved('c-1');
    const after = toRegistrationRequest(draftOf('c-1'), { afronden: true });
    expect(after.kanaalsturing).toBeUndefined();
    expect(after.bronnen).toEqual([{ id: 'wi:1', title: 'Instructie' }]);

    registrationDraftActions.questionRegistered('c-1');
    expect(toRegistrationRequest(draftOf('c-1'), { afronden: true }).bronnen).toBeUndefined();
  });
});

describe('appendAnswer', () => {
  it('separates with a blank line and cuts at a word to stay within the limit', () => {
    expect(appendAnswer('', '  tekst  ')).toBe('tekst');
    expect(appendAnswer('a', 'b')).toBe('a\n\nb');
    expect(appendAnswer('12345', 'een twee drie vier', 20)).toBe('12345\n\neen twee…');
    expect(appendAnswer('x'.repeat(20), 'meer', 20)).toBe('x'.repeat(20));
  });
});
