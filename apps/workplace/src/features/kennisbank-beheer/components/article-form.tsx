import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  ARTICLE_TYPE_LABELS,
  ARTICLE_TYPES,
  type Article,
  type ArticleType,
} from '@kcc/contracts/kennisbank';
import { Field, fieldProps } from '../../../components/field';
import { ApiError, describeError } from '../../../lib/api-client';
import { useKanalenmatrix } from '../api/get-kanalenmatrix';
import { useSaveArticle } from '../api/save-article';
import {
  ARTICLE_LIMITS,
  articleToForm,
  emptyArticleForm,
  mapArticleInvalidParams,
  toArticleInput,
  validateArticleForm,
  type ArticleFormErrors,
  type ArticleFormField,
  type ArticleFormValues,
} from '../utils/article-form';
import { FormErrors } from '../../../components/form-errors';

interface ArticleFormProps {
  /** The article to edit; absent for a new one. */
  article?: Article;
  onSaved: (article: Article) => void;
  onCancel: () => void;
}

const FIELD_ORDER: ArticleFormField[] = [
  'title',
  'body',
  'url',
  'keywords',
  'validFrom',
  'validUntil',
  'product',
];

/** Create or edit an article: type, title, body, url, keywords, validity, belangrijk (nieuws), product link. */
export function ArticleForm({ article, onSaved, onCancel }: ArticleFormProps) {
  const id = useId();
  const fid = (field: ArticleFormField) => `${id}-${field}`;
  const [values, setValues] = useState<ArticleFormValues>(() =>
    article ? articleToForm(article) : emptyArticleForm(),
  );
  const [clientErrors, setClientErrors] = useState<ArticleFormErrors>({});
  const save = useSaveArticle(article?.id ?? null);
  const kanalenmatrix = useKanalenmatrix();

  // The form replaces the list: start typing at once.
  useEffect(() => document.getElementById(`${id}-title`)?.focus(), [id]);

  const server =
    save.error instanceof ApiError
      ? mapArticleInvalidParams(save.error.invalidParams)
      : { fields: {}, general: [] };
  const errors: ArticleFormErrors = { ...server.fields, ...clientErrors };
  const generalError =
    save.isError && Object.keys(server.fields).length === 0 && server.general.length === 0
      ? `Opslaan is niet gelukt. ${describeError(save.error)}`
      : null;

  const edit = <F extends ArticleFormField>(field: F, value: ArticleFormValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (clientErrors[field]) setClientErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = validateArticleForm(values);
    setClientErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      document.getElementById(fid(first))?.focus();
      return;
    }
    save.mutate(toArticleInput(values), { onSuccess: onSaved });
  };

  const text = (
    field: 'title' | 'url' | 'keywords' | 'validFrom' | 'validUntil',
    label: string,
    hint?: string,
  ) => (
    <Field id={fid(field)} label={label} error={errors[field]} hint={hint} required={field === 'title'}>
      <input
        {...fieldProps(fid(field), errors[field], { hint, required: field === 'title' })}
        value={values[field]}
        onChange={(e) => edit(field, e.target.value)}
        className="field"
      />
    </Field>
  );
  const errorCount = Object.keys(errors).length + server.general.length;
  const title = article ? `Artikel bewerken: ${article.title}` : 'Nieuw artikel';

  return (
    <form
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={onSubmit}
      data-testid="article-form"
      className="panel space-y-3"
    >
      <h2 id={`${id}-heading`} tabIndex={-1} className="panel-title">
        {title}
      </h2>
      <FormErrors
        errorCount={errorCount}
        general={server.general}
        generalError={generalError}
        pending={save.isPending}
      />
      <Field id={fid('type')} label="Soort" required>
        <select
          {...fieldProps(fid('type'), errors.type, { required: true })}
          value={values.type}
          onChange={(e) => edit('type', e.target.value as ArticleType)}
          className="field"
        >
          {ARTICLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {ARTICLE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      {text('title', 'Titel')}
      <Field
        id={fid('body')}
        label="Tekst"
        error={errors.body}
        hint="Gewone tekst. Witregel tussen alinea's; een regel die begint met - wordt een opsomming."
      >
        <textarea
          {...fieldProps(fid('body'), errors.body, {
            hint: "Gewone tekst. Witregel tussen alinea's; een regel die begint met - wordt een opsomming.",
          })}
          value={values.body}
          rows={10}
          maxLength={ARTICLE_LIMITS.body}
          onChange={(e) => edit('body', e.target.value)}
          className="field font-mono text-sm"
        />
      </Field>
      {text('url', 'Webadres (openbare pagina)', 'Begint met https://')}
      {text('keywords', 'Trefwoorden', 'Gescheiden door komma’s')}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {text('validFrom', 'Geldig vanaf', 'JJJJ-MM-DD, leeg: meteen')}
        {text('validUntil', 'Geldig tot en met', 'JJJJ-MM-DD, leeg: geen einde')}
      </div>
      <Field
        id={fid('product')}
        label="Product (kanalenmatrix)"
        error={errors.product}
        hint="Koppel aan een product om bij dit artikel 'Wijs op' te tonen."
      >
        <input
          {...fieldProps(fid('product'), errors.product, {
            hint: "Koppel aan een product om bij dit artikel 'Wijs op' te tonen.",
          })}
          list={`${id}-products`}
          value={values.product}
          onChange={(e) => edit('product', e.target.value)}
          className="field"
        />
        <datalist id={`${id}-products`}>
          {kanalenmatrix.data?.map((entry) => (
            <option key={entry.product} value={entry.product} />
          ))}
        </datalist>
      </Field>
      {values.type === 'nieuws' && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={values.belangrijk}
            onChange={(e) => edit('belangrijk', e.target.checked)}
            className="h-4 w-4"
          />
          Belangrijk werkbericht (bovenaan en opvallend)
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={values.published}
          onChange={(e) => edit('published', e.target.checked)}
          className="h-4 w-4"
        />
        Gepubliceerd (zichtbaar voor medewerkers)
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          Opslaan
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Annuleren
        </button>
        {save.isPending && (
          <span role="status" className="self-center text-sm text-slate-700">
            Bezig met opslaan…
          </span>
        )}
      </div>
    </form>
  );
}
