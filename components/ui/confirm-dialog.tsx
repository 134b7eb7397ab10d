"use client";

import { useId, useRef, type FormEvent } from "react";

/**
 * An accessible stand-in for `window.confirm` on a form: the submit is held, a modal <dialog> asks (focus on
 * «Annulla», the safe choice), Esc or «Annulla» cancel and give focus back to the button that asked, the
 * confirm button submits the form again with the same submitter.
 */
export function useConfirmedSubmit(message: string | undefined, actionLabel: string) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const triggerRef = useRef<HTMLElement | null>(null);
  const confirmed = useRef(false);
  const id = useId();

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (!message) return;
    if (confirmed.current) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    formRef.current = e.currentTarget;
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    triggerRef.current = submitter instanceof HTMLElement ? submitter : null;
    dialogRef.current?.showModal();
    dialogRef.current?.querySelector<HTMLButtonElement>("button[data-cancel]")?.focus();
  };

  const onClose = () => triggerRef.current?.focus();
  const confirm = () => {
    dialogRef.current?.close();
    confirmed.current = true;
    const submitter = triggerRef.current;
    formRef.current?.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
  };

  const confirmLabel = `Conferma: ${actionLabel.charAt(0).toLowerCase()}${actionLabel.slice(1)}`;
  const dialog = message ? (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-md border border-slate-300 bg-white p-5 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Conferma richiesta
      </h2>
      <p id={`${id}-desc`} className="mt-2 text-sm whitespace-normal">
        {message}
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button
          type="button"
          data-cancel
          onClick={(e) => e.currentTarget.closest("dialog")?.close()}
          className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Annulla
        </button>
        <button
          type="button"
          onClick={confirm}
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  ) : null;
  return { onSubmit, dialog };
}
