import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import './confirm-dialog.css';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** The decision itself; it reports its own outcome, and the dialog closes when it ends. */
  onConfirm: () => Promise<void>;
  /** After the dialog closed, confirmed or not: the owner unmounts it. */
  onClosed: (confirmed: boolean) => void;
}

/**
 * "Are you sure?" before an action that cannot be undone. A modal <dialog>, open while mounted: the
 * browser keeps focus inside it, makes the page behind inert, and on Escape or Cancel puts focus
 * back on the button that opened it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClosed,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      confirmed.current = true;
      dialog.current?.close();
    }
  }

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      // While the decision is on its way, Escape does not pretend to cancel it.
      onCancel={(event) => busy && event.preventDefault()}
      onClose={() => onClosed(confirmed.current)}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={textId}>{children}</div>
      <div className="confirm-dialog__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => dialog.current?.close()}
        >
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
