import { parseLightMarkdown } from '../utils/light-markdown';

/** An article body: light Markdown turned into elements with text children only — never HTML. */
export function ArticleBody({ body }: { body: string }) {
  const blocks = parseLightMarkdown(body);
  if (blocks.length === 0) return <p className="text-slate-700">Dit artikel heeft geen tekst.</p>;
  return (
    <div className="space-y-3 text-slate-900">
      {blocks.map((block, index) => {
        if (block.kind === 'heading') {
          const Heading = block.level === 1 ? 'h4' : block.level === 2 ? 'h5' : 'h6';
          return (
            <Heading key={index} className="font-semibold">
              {block.text}
            </Heading>
          );
        }
        if (block.kind === 'list') {
          const List = block.ordered ? 'ol' : 'ul';
          return (
            <List key={index} className={`space-y-1 pl-5 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
              {block.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </List>
          );
        }
        return (
          <p key={index} className="whitespace-pre-line">
            {block.lines.join('\n')}
          </p>
        );
      })}
    </div>
  );
}
