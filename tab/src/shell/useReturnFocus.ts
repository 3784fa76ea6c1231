import { useEffect, useState } from "react";

/** Gives the focus back to what had it when a dialog opened, once the dialog is gone: the
 * dialogs here are mounted while open rather than opened by a DialogTrigger, so Fluent has no
 * trigger to return to. */
export function useReturnFocus(): void {
  // Read during the first render, before the dialog's own effects move the focus into it.
  const [before] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      requestAnimationFrame(() => {
        if (before instanceof HTMLElement && before.isConnected) before.focus();
      });
    },
    [before],
  );
}
