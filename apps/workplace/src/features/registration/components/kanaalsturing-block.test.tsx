import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KanaalsturingDraft } from '../stores/registration-drafts-store';
import { KanaalsturingBlock } from './kanaalsturing-block';

const paspoort: KanaalsturingDraft = {
  product: 'paspoort',
  primairKanaal: 'website (afspraak maken)',
  secundairKanaal: 'telefoon (14 + netnummer)',
  gewezenOpPrimairKanaal: false,
};

function renderBlock(channel: Parameters<typeof KanaalsturingBlock>[0]['channel'], k: KanaalsturingDraft) {
  return render(
    <KanaalsturingBlock
      channel={channel}
      kanaalsturing={k}
      bronnen={[]}
      onGewezenChange={vi.fn()}
      onRemoveKanaalsturing={vi.fn()}
      onRemoveBron={vi.fn()}
    />,
  );
}

describe('KanaalsturingBlock: the advice follows the contact’s channel', () => {
  it('points a chat resident to the website, with the phone as fallback', () => {
    renderBlock('chat', paspoort);
    expect(screen.getByTestId('kanaaladvies')).toHaveTextContent('Wijs op: website (afspraak maken).');
    expect(screen.getByText('Lukt dat niet? Dan: telefoon (14 + netnummer)')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Klant gewezen op primair kanaal' })).toBeInTheDocument();
  });

  it('points a web-form resident nowhere: they already use the primary channel', () => {
    renderBlock('webformulier', paspoort);
    expect(screen.getByTestId('kanaaladvies')).toHaveTextContent(
      'De klant gebruikt al het beste kanaal voor dit product.',
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('warns when the product cannot be handled through the current channel', () => {
    renderBlock('email', {
      product: 'verklaring omtrent gedrag (vog)',
      primairKanaal: 'website Justis (online met DigiD)',
      secundairKanaal: 'balie (op afspraak)',
      nietVia: ['telefoon', 'email', 'chat'],
      gewezenOpPrimairKanaal: false,
    });
    expect(screen.getByTestId('kanaaladvies')).toHaveTextContent(
      'Dit kan niet via e-mail. Wijs op: website Justis (online met DigiD).',
    );
  });
});
