import { type ReactNode, useEffect, useId, useRef } from 'react';

interface StepPanelProps {
  title: string;
  /** "Step 2 of 4", where the journey has a fixed length. */
  progress?: string;
  /** Focus the title when shown: true when the step replaced another, so screen readers announce it. */
  focusTitle: boolean;
  children: ReactNode;
}

/** One step of a journey such as logging in: a titled panel. */
export function StepPanel({ title, progress, focusTitle, children }: StepPanelProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle]);

  return (
    <section className="panel step" aria-labelledby={id}>
      {progress && <p className="step__progress">{progress}</p>}
      <h2 id={id} ref={heading} tabIndex={-1} className="step__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
