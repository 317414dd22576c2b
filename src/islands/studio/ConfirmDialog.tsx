/**
 * A confirmation before something is deleted: a native modal <dialog> (focus
 * kept inside, Escape cancels), with the safe choice focused first.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="studio-dialog card" aria-labelledby="studio-confirm-title" aria-describedby="studio-confirm-message" onCancel={onCancel}>
      <h2 id="studio-confirm-title">{title}</h2>
      <p id="studio-confirm-message">{message}</p>
      <div className="studio-actions">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
