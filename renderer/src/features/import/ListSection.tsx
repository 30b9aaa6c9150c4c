/** A titled list that shows its first items and says how many more there are. */
export function ListSection({ title, items }: { title: string; items: { key: string; text: string }[] }) {
  const SHOWN = 100;
  return (
    <section aria-label={title}>
      <h3>
        {title} <span className="count">{items.length}</span>
      </h3>
      <ul>
        {items.slice(0, SHOWN).map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
        {items.length > SHOWN && <li className="hint">…and {items.length - SHOWN} more</li>}
      </ul>
    </section>
  );
}
