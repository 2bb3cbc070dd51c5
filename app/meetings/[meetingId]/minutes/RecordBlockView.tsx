import type { RecordBlock } from "@/server/minutes/recordBlocks";

/**
 * A locked record block: rendered from the database record, outside every editor (nothing here is contenteditable,
 * and the server refuses any update that would write it).
 */
export function RecordBlockView({ block, lockedLabel }: { block: RecordBlock; lockedLabel: string }) {
  const headingId = `block-${block.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <div className={`record-block record-${block.kind}`} data-block={block.id} data-locked="true" role="group" aria-labelledby={headingId}>
      <h2 id={headingId}>{block.title}</h2>
      <dl className="facts">
        {block.fields.map((field) => (
          <div key={field.label} className="record-field">
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      <p className="record-lock">
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" focusable="false">
          <path fill="currentColor" d="M6 10V7a6 6 0 0 1 12 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1zm2 0h8V7a4 4 0 0 0-8 0z" />
        </svg>{" "}
        {lockedLabel}
      </p>
    </div>
  );
}
