import { ReactNode } from 'react';

/** A wide table that scrolls sideways on a phone; reachable by keyboard, named for screen readers. */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
