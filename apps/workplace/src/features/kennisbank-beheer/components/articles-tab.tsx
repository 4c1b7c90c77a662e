import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { useArticleForEdit } from '../api/get-article';
import { ArticleForm } from './article-form';
import { ArticleList } from './article-list';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

/** The list, or the form for a new or chosen article. */
export function ArticlesTab({ canDelete }: { canDelete: boolean }) {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');
  const editing = useArticleForEdit(mode.kind === 'edit' ? mode.id : null);

  const done = (message: string) => {
    setNotice(message);
    setMode({ kind: 'list' });
  };

  if (mode.kind === 'new') {
    return (
      <ArticleForm
        onSaved={(a) => done(`Opgeslagen: ${a.title}${a.published ? ' (gepubliceerd)' : ' (concept)'}`)}
        onCancel={() => setMode({ kind: 'list' })}
      />
    );
  }
  if (mode.kind === 'edit') {
    if (editing.isPending) return <p role="status">Artikel laden…</p>;
    if (editing.isError) {
      return (
        <div role="alert" className="panel space-y-2">
          <p>Het artikel kon niet worden geladen. {describeError(editing.error)}</p>
          <button type="button" className="btn-secondary" onClick={() => setMode({ kind: 'list' })}>
            Terug naar de lijst
          </button>
        </div>
      );
    }
    return (
      <ArticleForm
        key={editing.data.id}
        article={editing.data}
        onSaved={(a) => done(`Opgeslagen: ${a.title}${a.published ? ' (gepubliceerd)' : ' (concept)'}`)}
        onCancel={() => setMode({ kind: 'list' })}
      />
    );
  }
  return (
    <ArticleList
      canDelete={canDelete}
      notice={notice}
      onNew={() => {
        setNotice('');
        setMode({ kind: 'new' });
      }}
      onEdit={(id) => {
        setNotice('');
        setMode({ kind: 'edit', id });
      }}
    />
  );
}
