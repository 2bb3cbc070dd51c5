/** A required tick box before an irreversible step: works without JavaScript (the server refuses without it). */
export function ConfirmBox({ id, label }: { id: string; label: string }) {
  return (
    <label htmlFor={id} className="nb-check">
      <input type="checkbox" id={id} name="confirm" value="1" required />
      <span>{label}</span>
    </label>
  );
}
